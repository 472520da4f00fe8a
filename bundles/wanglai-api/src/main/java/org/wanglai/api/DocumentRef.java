package org.wanglai.api;

import java.util.Objects;

/** A reference to one host document: its type, the host's id and its document number. */
public record DocumentRef(DocumentType type, long id, String number) {
    public DocumentRef {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return type + " " + (number != null ? number : String.valueOf(id));
    }
}
