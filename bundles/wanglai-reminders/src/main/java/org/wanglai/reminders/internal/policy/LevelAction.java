package org.wanglai.reminders.internal.policy;

import java.util.Locale;

/** What happens, besides the reminder itself, when a customer reaches a level. */
public enum LevelAction {
    /** Only the reminder. */
    NOTIFY,
    /** Sets the customer's credit Stop through the credit capability (pending while it is absent). */
    CREDIT_STOP,
    /** Asks for the customer's payment term to be switched (e.g. to prepayment); carried out by the host ERP. */
    SWITCH_TERM,
    /** Hands the customer's overdue items to collection. */
    COLLECTION;

    public static LevelAction parse(String code, String field) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + ": unknown action '" + code
                    + "' (NOTIFY, CREDIT_STOP, SWITCH_TERM, COLLECTION)");
        }
    }
}
