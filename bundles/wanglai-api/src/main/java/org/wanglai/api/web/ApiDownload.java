package org.wanglai.api.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A file answer of an {@link ApiEndpoint}: the platform sends it as an attachment with {@code fileName} (RFC 5987
 * encoded, so Chinese names survive) and streams the body through {@code writer}.
 */
public record ApiDownload(String fileName, String contentType, Writer writer) {

    public ApiDownload {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(writer, "writer");
        if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
            throw new IllegalArgumentException("invalid download file name '" + fileName + "'");
        }
    }

    /** Writes the file; must not close {@code out}. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }
}
