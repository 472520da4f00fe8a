package org.wanglai.credit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wanglai.api.CreditStatus;
import org.wanglai.api.DocumentType;

class CustomerCreditTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    private static CustomerCredit customer() {
        CustomerCredit c = new CustomerCredit(1, "C1", Currency.getInstance("CNY"));
        c.hostLimit = new BigDecimal("1000.00");
        c.exposure = new CustomerCredit.Exposure(new BigDecimal("600"), new BigDecimal("300"), new BigDecimal("50"),
                new BigDecimal("100"), TODAY.minusDays(12), Map.of(7L, new BigDecimal("300")));
        return c;
    }

    @Test
    void temporaryIncreaseCountsUntilItsLastDayInclusive() {
        CustomerCredit c = customer();
        c.temps = List.of(new CustomerCredit.TempIncrease(new BigDecimal("500"), TODAY));
        assertThat(c.effectiveLimit(TODAY)).isEqualByComparingTo("1500");
        assertThat(c.effectiveLimit(TODAY.plusDays(1))).isEqualByComparingTo("1000");
        // committed 950: Watch with the increase... 950 > 1500 x 90% = 1350? no: OK; Watch after expiry
        assertThat(c.computedStatus(TODAY)).isEqualTo(CreditStatus.OK);
        assertThat(c.computedStatus(TODAY.plusDays(1))).isEqualTo(CreditStatus.WATCH);
    }

    @Test
    void categoryDefaultAppliesOnlyWithoutAnOwnLimitAndATemporaryIncreaseNeedsABase() {
        CustomerCredit c = customer();
        c.categoryDefault = new BigDecimal("5000");
        assertThat(c.effectiveLimit(TODAY)).isEqualByComparingTo("1000");
        c.hostLimit = BigDecimal.ZERO;
        assertThat(c.effectiveLimit(TODAY)).isEqualByComparingTo("5000");
        c.categoryDefault = BigDecimal.ZERO;
        c.temps = List.of(new CustomerCredit.TempIncrease(new BigDecimal("500"), TODAY));
        assertThat(c.effectiveLimit(TODAY)).isEqualByComparingTo("0");
        assertThat(c.computedStatus(TODAY)).isEqualTo(CreditStatus.NO_CHECK);
    }

    @Test
    void reservationsExpireAndAreKeyedByDocument() {
        CustomerCredit c = customer();
        CustomerCredit.DocKey a = new CustomerCredit.DocKey(DocumentType.ORDER, 100);
        CustomerCredit.DocKey b = new CustomerCredit.DocKey(DocumentType.ORDER, 101);
        c.reserve(a, new BigDecimal("40"), 1_000);
        c.reserve(b, new BigDecimal("30"), 2_000);
        c.reserve(a, new BigDecimal("45"), 1_000); // re-check replaces
        assertThat(c.reservedExcept(null, 500)).isEqualByComparingTo("75");
        assertThat(c.reservedExcept(a, 500)).isEqualByComparingTo("30");
        assertThat(c.reservedExcept(null, 1_500)).isEqualByComparingTo("30");
        assertThat(c.reservationCount()).isEqualTo(1);
        Snapshot s = c.snapshot(new CustomerCredit.DocKey(DocumentType.ORDER, 7), TODAY, 500);
        assertThat(s.alreadyCounted()).isEqualByComparingTo("300");
        assertThat(s.overdueDays()).isEqualTo(12);
        assertThat(c.snapshot(new CustomerCredit.DocKey(DocumentType.SHIPMENT, 7), TODAY, 500).alreadyCounted())
                .isEqualByComparingTo("0");
    }
}
