package org.wanglai.classification.internal.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One customer's raw figures over a window, as the metrics query returns them (sums in the customer's currency).
 * {@code dueCount}: invoices of the window whose last due date is on or before the as-of date; {@code lateCount}
 * of them paid after it or still unpaid; {@code daysLateSum} their days late.
 */
public record MetricRow(Long customerId, String code, String name, String industry, String region, String scale,
        String channel, String paymentTerm, Long categoryId, String category, String currency, LocalDate createdDate,
        BigDecimal revenue, BigDecimal revenueH1, BigDecimal revenueH2, BigDecimal cost, Long orders,
        BigDecimal orderTotal, LocalDate firstOrder, LocalDate lastOrder, Long dueCount, Long lateCount,
        Long daysLateSum) {
}
