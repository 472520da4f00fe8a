package org.wanglai.host.internal;

/** A failure of the host database, with the SQL state of its cause. */
public final class HostDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HostDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
