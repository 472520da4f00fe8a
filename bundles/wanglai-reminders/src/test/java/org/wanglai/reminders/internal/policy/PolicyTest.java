package org.wanglai.reminders.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PolicyTest {
    private static final LocalDate DUE = LocalDate.parse("2026-03-31");

    private static ReminderPolicy standard() {
        return new ReminderPolicy(1, "STD", "标准", "Standard", new BigDecimal("100"), List.of(
                new ReminderLevel(1, -3, 0, null, null, LevelAction.NOTIFY, null),
                new ReminderLevel(2, 7, 7, null, null, LevelAction.NOTIFY, null),
                new ReminderLevel(3, 30, 14, new BigDecimal("50"), new BigDecimal("6"), LevelAction.NOTIFY, null),
                new ReminderLevel(4, 60, 14, new BigDecimal("100"), new BigDecimal("6"), LevelAction.CREDIT_STOP, null)));
    }

    private static Optional<Integer> next(int grace, String asOf, int lastLevel, String lastSent) {
        return LevelDecider.next(standard(), DUE, grace, LocalDate.parse(asOf), lastLevel,
                lastSent == null ? null : LocalDate.parse(lastSent)).map(ReminderLevel::levelNo);
    }

    @Test
    void friendlyReminderBeforeDueIgnoresGrace() {
        assertThat(next(5, "2026-03-27", 0, null)).isEmpty();        // 4 days before
        assertThat(next(5, "2026-03-28", 0, null)).contains(1);      // 3 days before
        assertThat(next(5, "2026-04-06", 1, "2026-03-28")).isEmpty(); // 6 days past: level 2 needs 7 + 5 grace
        assertThat(next(5, "2026-04-12", 1, "2026-03-28")).contains(2);
        assertThat(next(0, "2026-04-07", 1, "2026-03-28")).contains(2);
    }

    @Test
    void highestReachedLevelIsSentOnceAndNeverRepeated() {
        assertThat(next(0, "2026-05-05", 0, null)).contains(3);      // 35 days past, never reminded: jumps to 3
        assertThat(next(0, "2026-05-10", 3, "2026-05-05")).isEmpty(); // same level again: never
        assertThat(next(0, "2026-06-10", 3, "2026-05-05")).contains(4);
        assertThat(next(0, "2026-12-31", 4, "2026-06-10")).isEmpty(); // last level done
    }

    @Test
    void minimumDaysBetweenRemindersHold() {
        // level 4 reached on 2026-05-30 (60 days) but level 3 was sent on 2026-05-20: 14 days must pass
        assertThat(next(0, "2026-05-30", 3, "2026-05-20")).isEmpty();
        assertThat(next(0, "2026-06-03", 3, "2026-05-20")).contains(4);
    }

    @Test
    void interestIsShownForDaysOverdue() {
        // 10000 × 6% × 73 / 365 = 120.00
        assertThat(LevelDecider.interest(new BigDecimal("10000.00"), new BigDecimal("6"), 73, 2))
                .isEqualByComparingTo("120.00");
        assertThat(LevelDecider.interest(new BigDecimal("10000.00"), new BigDecimal("6"), -3, 2)).isZero();
        // 333.33 × 5% × 10 / 365 = 0.4566 -> 0.46
        assertThat(LevelDecider.interest(new BigDecimal("333.33"), new BigDecimal("5"), 10, 2))
                .isEqualByComparingTo("0.46");
    }

    @Test
    void levelsMustIncrease() {
        assertThatThrownBy(() -> new ReminderPolicy(2, "BAD", "x", "x", null, List.of(
                new ReminderLevel(1, 10, 0, null, null, null, null),
                new ReminderLevel(2, 10, 0, null, null, null, null)))).hasMessageContaining("level 2");
        assertThatThrownBy(() -> new ReminderLevel(3, 90, 0, null, null, LevelAction.SWITCH_TERM, " "))
                .hasMessageContaining("switch_term_code");
    }

    @Test
    void customerAssignmentWinsOverCategoryAndAncestors() {
        // tree: 1 -> 11 -> 111 ; 2 -> 21
        Map<Long, Long> parent = Map.of(11L, 1L, 111L, 11L, 21L, 2L);
        PolicyResolver r = new PolicyResolver(Map.of(500L, 9L), Map.of(1L, 7L, 111L, 8L), parent, 3L);
        assertThat(r.policyOf(500L, 111L)).contains(9L);   // customer wins
        assertThat(r.policyOf(501L, 111L)).contains(8L);   // own leaf
        assertThat(r.policyOf(502L, 11L)).contains(7L);    // inherited from the level-1 node
        assertThat(r.policyOf(503L, 21L)).contains(3L);    // default
        assertThat(r.policyOf(504L, null)).contains(3L);
        assertThat(new PolicyResolver(Map.of(), Map.of(), Map.of(), null).policyOf(1L, 1L)).isEmpty();
    }
}
