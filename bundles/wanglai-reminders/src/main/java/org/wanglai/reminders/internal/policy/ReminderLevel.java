package org.wanglai.reminders.internal.policy;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One level of a policy. {@code daysAfterDue} is relative to the due date (negative = a friendly reminder before
 * it); a level at or after the due date also waits for the term's grace days. {@code minDaysBetween} is the least
 * number of days since the item's previous reminder. {@code fee} (per letter) and {@code interestRate} (percent a
 * year on the open amount for the days overdue) are computed and shown, never posted.
 */
public record ReminderLevel(int levelNo, int daysAfterDue, int minDaysBetween, BigDecimal fee,
        BigDecimal interestRate, LevelAction action, String switchTermCode) {

    public ReminderLevel {
        if (levelNo < 1) {
            throw new IllegalArgumentException("level_no must be >= 1, was " + levelNo);
        }
        if (minDaysBetween < 0) {
            throw new IllegalArgumentException("level " + levelNo + ": min_days_between must be >= 0");
        }
        fee = fee == null ? BigDecimal.ZERO : fee;
        interestRate = interestRate == null ? BigDecimal.ZERO : interestRate;
        if (fee.signum() < 0 || interestRate.signum() < 0) {
            throw new IllegalArgumentException("level " + levelNo + ": fee and interest_rate must be >= 0");
        }
        action = action == null ? LevelAction.NOTIFY : action;
        Objects.requireNonNull(action);
        if (action == LevelAction.SWITCH_TERM && (switchTermCode == null || switchTermCode.isBlank())) {
            throw new IllegalArgumentException("level " + levelNo + ": SWITCH_TERM needs switch_term_code");
        }
    }

    /** Days past due at which an item reaches this level, grace included. */
    public int threshold(int graceDays) {
        return daysAfterDue >= 0 ? daysAfterDue + graceDays : daysAfterDue;
    }
}
