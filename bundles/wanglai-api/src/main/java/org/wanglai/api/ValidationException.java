package org.wanglai.api;

import java.util.List;

/** Input was rejected; nothing was written. Carries every problem found, each naming its row and field. */
public class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<ValidationError> errors;

    public ValidationException(List<ValidationError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String field, String message) {
        this(List.of(new ValidationError(0, field, message)));
    }

    public List<ValidationError> errors() {
        return errors;
    }

    private static String summary(List<ValidationError> errors) {
        if (errors.isEmpty()) {
            return "invalid input";
        }
        String first = errors.get(0).toString();
        return errors.size() == 1 ? first : first + " (and " + (errors.size() - 1) + " more)";
    }
}
