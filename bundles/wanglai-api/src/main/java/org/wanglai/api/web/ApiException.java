package org.wanglai.api.web;

import java.util.List;
import java.util.Objects;

/**
 * A clear error answer: HTTP {@code status}, a stable machine-readable {@code code} (e.g.
 * {@code credit.limit-exceeded}) and a message for the user in the request's language. Sent as
 * {@code {"error": {"code": ..., "message": ..., "details": [...]}}}.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient List<Object> details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public ApiException(int status, String code, String message, List<?> details) {
        super(Objects.requireNonNull(message, "message"));
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 4xx or 5xx, not " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.details = List.copyOf(details);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** JSON-serialisable details, e.g. {@link org.wanglai.api.ValidationError}s. */
    public List<Object> details() {
        return details;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(403, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }
}
