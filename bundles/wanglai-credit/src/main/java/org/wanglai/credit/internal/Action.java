package org.wanglai.credit.internal;

/** What a credit rule does when it fires. Ordered by severity. */
enum Action {
    OFF, WARN, BLOCK;

    static Action parse(String setting, String value) {
        switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "off": return OFF;
            case "warn": return WARN;
            case "block": return BLOCK;
            default:
                throw new IllegalArgumentException("Setting '" + setting + "': action must be block, warn or off, was '"
                        + value.trim() + "'");
        }
    }

    Action max(Action other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
