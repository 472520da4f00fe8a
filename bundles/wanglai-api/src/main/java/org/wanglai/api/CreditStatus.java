package org.wanglai.api;

/**
 * The credit status column of the host customer (iDempiere {@code SOCreditStatus} codes): X no check, O OK,
 * W watch, H hold, S stop.
 */
public enum CreditStatus {
    NO_CHECK('X'), OK('O'), WATCH('W'), HOLD('H'), STOP('S');

    private final char code;

    CreditStatus(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    public static CreditStatus ofCode(String code) {
        if (code == null || code.isBlank()) {
            return OK;
        }
        char c = Character.toUpperCase(code.trim().charAt(0));
        for (CreditStatus s : values()) {
            if (s.code == c) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown credit status code '" + code + "'");
    }
}
