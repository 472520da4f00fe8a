package org.wanglai.api.notify;

import java.util.List;
import java.util.Objects;

/**
 * One message to one recipient. {@code recipient} is a host user login ({@code user:li.wei}) or an email address
 * ({@code mail:ap@example.com}); {@code key} identifies the message for idempotent delivery (the same key is never
 * delivered twice by a channel); attachments are small files (e.g. an .xlsx reminder letter).
 */
public record Notification(String key, String recipient, String subject, String body, List<Attachment> attachments) {
    public Notification {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subject, "subject");
        body = body == null ? "" : body;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public record Attachment(String fileName, String contentType, byte[] content) {
    }
}
