package org.wanglai.classification.internal;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.wanglai.classification.internal.metrics.CustomerMetrics;
import org.wanglai.classification.internal.metrics.MetricRow;

/** Hand-made customers for the method tests. */
public final class Fixtures {
    public static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    private Fixtures() {
    }

    /** A customer with revenue, orders and the last order {@code daysAgo} days before the as-of date (null = never). */
    public static CustomerMetrics customer(long id, String revenue, long orders, Integer daysAgo) {
        return customer(id, revenue, "0", orders, daysAgo, "0", "0", 0, 0, 0, 400);
    }

    public static CustomerMetrics customer(long id, String revenue, String cost, long orders, Integer daysAgo, String h1,
            String h2, long due, long late, long daysLate, int tenureDays) {
        LocalDate last = daysAgo == null ? null : AS_OF.minusDays(daysAgo);
        LocalDate first = daysAgo == null ? null : AS_OF.minusDays(tenureDays);
        return new CustomerMetrics(new MetricRow(id, "C" + id, "Customer " + id, "批发", "华东", "中型", "ONLINE",
                "NET30", 1L, "0101", "CNY", AS_OF.minusDays(tenureDays), new BigDecimal(revenue), new BigDecimal(h1),
                new BigDecimal(h2), new BigDecimal(cost), orders, new BigDecimal(revenue), first, last, due, late,
                daysLate), AS_OF);
    }
}
