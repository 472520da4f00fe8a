package org.wanglai.reminders.internal.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Decides which level, if any, an open item gets in a run as of a date. Pure logic. */
public final class LevelDecider {
    private static final BigDecimal DAYS_PER_YEAR = new BigDecimal("365");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private LevelDecider() {
    }

    /**
     * The highest level the item has reached that is above the last level it was sent, provided the level's minimum
     * days since the previous reminder have passed. Levels are never repeated and never go down; levels skipped
     * (e.g. the item was disputed meanwhile) are not sent afterwards.
     *
     * @param lastLevel last level sent for this item, 0 when none
     * @param lastSent date of that reminder, null when none
     */
    public static Optional<ReminderLevel> next(ReminderPolicy policy, LocalDate dueDate, int graceDays,
            LocalDate asOf, int lastLevel, LocalDate lastSent) {
        long daysPast = ChronoUnit.DAYS.between(dueDate, asOf);
        ReminderLevel reached = null;
        for (ReminderLevel l : policy.levels()) {
            if (daysPast >= l.threshold(graceDays)) {
                reached = l;
            }
        }
        if (reached == null || reached.levelNo() <= lastLevel) {
            return Optional.empty();
        }
        if (lastSent != null && ChronoUnit.DAYS.between(lastSent, asOf) < reached.minDaysBetween()) {
            return Optional.empty();
        }
        return Optional.of(reached);
    }

    /** Interest shown for an overdue item: open × rate% × days overdue / 365, rounded half-up to cents. */
    public static BigDecimal interest(BigDecimal open, BigDecimal annualRatePercent, long daysOverdue, int scale) {
        if (daysOverdue <= 0 || annualRatePercent.signum() == 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        return open.multiply(annualRatePercent).multiply(BigDecimal.valueOf(daysOverdue))
                .divide(HUNDRED.multiply(DAYS_PER_YEAR), scale, RoundingMode.HALF_UP);
    }
}
