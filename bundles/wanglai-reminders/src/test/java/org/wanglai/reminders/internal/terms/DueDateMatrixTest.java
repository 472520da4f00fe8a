package org.wanglai.reminders.internal.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DueDateMatrixTest {

    @ParameterizedTest(name = "{0} {1} on {5} -> {6}")
    @CsvSource(nullValues = "-", value = {
            // type, net, fixDay, offset, cutoff, invoice date, expected due date
            "NET,       30, -,  -, -, 2026-01-31, 2026-03-02",
            "NET,       30, -,  -, -, 2024-01-31, 2024-03-01",   // leap year: Feb has 29 days
            "NET,        0, -,  -, -, 2026-05-15, 2026-05-15",   // cash on delivery
            "NET,       60, -,  -, -, 2026-12-15, 2027-02-13",   // year end
            "EOM,        0, -,  -, -, 2026-02-03, 2026-02-28",
            "EOM,        0, -,  -, -, 2024-02-03, 2024-02-29",   // leap February
            "EOM,       30, -,  -, -, 2026-01-01, 2026-03-02",   // 月结30天 from January: Jan 31 + 30
            "EOM,       30, -,  -, -, 2026-01-31, 2026-03-02",   // last day of the month counts as that month
            "EOM,       30, -,  -, -, 2026-02-28, 2026-03-30",
            "EOM,       60, -,  -, -, 2026-11-10, 2027-01-29",
            "EOQ,        0, -,  -, -, 2026-01-01, 2026-03-31",
            "EOQ,        0, -,  -, -, 2026-03-31, 2026-03-31",   // quarter's last day
            "EOQ,       30, -,  -, -, 2026-04-01, 2026-07-30",
            "EOQ,       45, -,  -, -, 2026-12-31, 2027-02-14",
            "EOQ,       15, -,  -, -, 2026-08-20, 2026-10-15",
            "FIXED_DAY,  0, 10, 1, -, 2026-01-20, 2026-02-10",   // next month's 10th
            "FIXED_DAY,  0, 31, 1, -, 2026-01-05, 2026-02-28",   // 31st into February
            "FIXED_DAY,  0, 31, 1, -, 2024-01-05, 2024-02-29",   // 31st into a leap February
            "FIXED_DAY,  0, 30, 0, -, 2026-02-01, 2026-02-28",   // same month, day past its end
            "FIXED_DAY,  0, 15, 0, 10, 2026-03-10, 2026-03-15",  // invoice day = cutoff: same month
            "FIXED_DAY,  0, 15, 0, 10, 2026-03-11, 2026-04-15",  // one day past cutoff: next month
            "FIXED_DAY,  0, 25, 1, 25, 2026-12-26, 2027-02-25",  // past cutoff across the year end
            "FIXED_DAY,  0, 5,  2, -, 2026-11-30, 2027-01-05",
            "FIXED_DAY,  0, 31, 0, 31, 2026-04-30, 2026-04-30",  // 31st of April is its last day
    })
    void dueDates(String type, int net, Integer day, Integer offset, Integer cutoff, LocalDate invoice,
            LocalDate expected) {
        TermRule rule = new TermRule(TermRule.parseType(type, "term_type"), net, day, offset, cutoff);
        assertThat(rule.dueDate(invoice)).isEqualTo(expected);
    }

    @Test
    void splitPartsSumExactlyToTheTotal() {
        PaymentTerm thirds = new PaymentTerm("THIRDS", List.of(
                new PaymentTerm.Part(new BigDecimal("33.3333"), TermRule.net(0)),
                new PaymentTerm.Part(new BigDecimal("33.3333"), TermRule.net(30)),
                new PaymentTerm.Part(new BigDecimal("33.3334"), TermRule.endOfMonth(60))), 5);
        List<PaymentTerm.DuePart> s = thirds.schedule(LocalDate.parse("2026-01-31"), new BigDecimal("100.00"), 2);
        assertThat(s).extracting(PaymentTerm.DuePart::amount)
                .containsExactly(new BigDecimal("33.33"), new BigDecimal("33.33"), new BigDecimal("33.34"));
        assertThat(s).extracting(PaymentTerm.DuePart::dueDate).containsExactly(LocalDate.parse("2026-01-31"),
                LocalDate.parse("2026-03-02"), LocalDate.parse("2026-04-01"));
        // an odd cent goes to the last part
        List<PaymentTerm.DuePart> odd = thirds.schedule(LocalDate.parse("2026-01-31"), new BigDecimal("0.01"), 2);
        assertThat(odd).extracting(PaymentTerm.DuePart::amount)
                .containsExactly(new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.01"));
        List<PaymentTerm.DuePart> big = thirds.schedule(LocalDate.parse("2026-01-31"), new BigDecimal("1000000.05"), 2);
        assertThat(big.stream().map(PaymentTerm.DuePart::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("1000000.05");
        assertThat(big.get(0).amount()).isEqualByComparingTo("333333.02"); // 333333.0166… rounded half-up
        assertThat(big.get(2).amount()).isEqualByComparingTo("333334.01"); // the remainder
    }

    @Test
    void thirtySeventyRoundsHalfUp() {
        PaymentTerm t = new PaymentTerm("S3070", List.of(
                new PaymentTerm.Part(new BigDecimal("30"), TermRule.net(0)),
                new PaymentTerm.Part(new BigDecimal("70"), TermRule.fixedDay(31, 1, null))), 0);
        List<PaymentTerm.DuePart> s = t.schedule(LocalDate.parse("2024-01-15"), new BigDecimal("999.99"), 2);
        // 999.99 × 0.30 = 299.997 -> 300.00; the rest 699.99
        assertThat(s).extracting(PaymentTerm.DuePart::amount)
                .containsExactly(new BigDecimal("300.00"), new BigDecimal("699.99"));
        assertThat(s.get(1).dueDate()).isEqualTo(LocalDate.parse("2024-02-29"));
        // yen: no decimals
        List<PaymentTerm.DuePart> yen = t.schedule(LocalDate.parse("2024-01-15"), new BigDecimal("1001"), 0);
        assertThat(yen).extracting(PaymentTerm.DuePart::amount)
                .containsExactly(new BigDecimal("300"), new BigDecimal("701"));
    }

    @Test
    void percentagesMustSumToExactlyHundred() {
        assertThatThrownBy(() -> new PaymentTerm("BAD", List.of(
                new PaymentTerm.Part(new BigDecimal("50"), TermRule.net(0)),
                new PaymentTerm.Part(new BigDecimal("49.99"), TermRule.net(30))), 0))
                .hasMessageContaining("BAD").hasMessageContaining("99.99");
        assertThatThrownBy(() -> new PaymentTerm("NEG", List.of(
                new PaymentTerm.Part(new BigDecimal("110"), TermRule.net(0)),
                new PaymentTerm.Part(new BigDecimal("-10"), TermRule.net(30))), 0))
                .hasMessageContaining("part 2");
    }

    @Test
    void invalidRulesNameTheSetting() {
        assertThatThrownBy(() -> TermRule.fixedDay(0, 1, null)).hasMessageContaining("fix_month_day");
        assertThatThrownBy(() -> TermRule.fixedDay(10, 1, 40)).hasMessageContaining("fix_month_cutoff");
        assertThatThrownBy(() -> TermRule.net(-1)).hasMessageContaining("net_days");
        assertThatThrownBy(() -> TermRule.parseType("WEEKLY", "term_type")).hasMessageContaining("WEEKLY");
    }

    @Test
    void graceDelaysRemindersNotTheDueDate() {
        PaymentTerm t = PaymentTerm.single("NET30G5", TermRule.net(30), 5);
        LocalDate due = t.schedule(LocalDate.parse("2026-03-01"), BigDecimal.TEN, 2).get(0).dueDate();
        assertThat(due).isEqualTo(LocalDate.parse("2026-03-31"));
        assertThat(t.reminderStart(due)).isEqualTo(LocalDate.parse("2026-04-05"));
    }

    @Test
    void everyDayOfFourYearsMatchesTheMonthArithmetic() {
        // FIXED_DAY day 31 offset 0 is always the invoice month's last day; EOM 0 too.
        TermRule fixed = TermRule.fixedDay(31, 0, null);
        TermRule eom = TermRule.endOfMonth(0);
        for (LocalDate d = LocalDate.parse("2023-01-01"); d.isBefore(LocalDate.parse("2027-01-01")); d = d.plusDays(1)) {
            LocalDate last = d.withDayOfMonth(d.lengthOfMonth());
            assertThat(fixed.dueDate(d)).isEqualTo(last);
            assertThat(eom.dueDate(d)).isEqualTo(last);
            assertThat(TermRule.endOfQuarter(0).dueDate(d).getMonthValue() % 3).isZero();
        }
    }
}
