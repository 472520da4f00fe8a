package org.wanglai.reminders.internal.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A reminder policy (催款策略): ordered levels and the least open amount a customer's proposed items must reach for
 * a letter to be worth sending.
 */
public record ReminderPolicy(long id, String code, String nameZh, String nameEn, BigDecimal minOpenAmount,
        List<ReminderLevel> levels) {

    public ReminderPolicy {
        Objects.requireNonNull(code, "code");
        minOpenAmount = minOpenAmount == null ? BigDecimal.ZERO : minOpenAmount;
        List<ReminderLevel> sorted = new ArrayList<>(levels);
        sorted.sort(Comparator.comparingInt(ReminderLevel::levelNo));
        for (int i = 1; i < sorted.size(); i++) {
            ReminderLevel prev = sorted.get(i - 1);
            ReminderLevel cur = sorted.get(i);
            if (cur.levelNo() == prev.levelNo()) {
                throw new IllegalArgumentException("policy " + code + ": level " + cur.levelNo() + " defined twice");
            }
            if (cur.daysAfterDue() <= prev.daysAfterDue()) {
                throw new IllegalArgumentException("policy " + code + ": level " + cur.levelNo()
                        + " must come later than level " + prev.levelNo() + " (days_after_due " + cur.daysAfterDue()
                        + " <= " + prev.daysAfterDue() + ")");
            }
        }
        levels = List.copyOf(sorted);
    }

    public int earliestDays() {
        return levels.isEmpty() ? Integer.MAX_VALUE : levels.get(0).daysAfterDue();
    }

    public ReminderLevel level(int levelNo) {
        return levels.stream().filter(l -> l.levelNo() == levelNo).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("policy " + code + " has no level " + levelNo));
    }
}
