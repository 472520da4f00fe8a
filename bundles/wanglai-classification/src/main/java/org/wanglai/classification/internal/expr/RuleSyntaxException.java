package org.wanglai.classification.internal.expr;

/** A rule condition that does not parse or does not type-check; {@code position} is 1-based. */
public final class RuleSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int position;
    private final String reason;

    public RuleSyntaxException(int position, String reason) {
        super("at position " + position + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    public int position() {
        return position;
    }

    public String reason() {
        return reason;
    }
}
