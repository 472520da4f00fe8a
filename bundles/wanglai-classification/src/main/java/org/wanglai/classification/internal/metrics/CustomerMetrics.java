package org.wanglai.classification.internal.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.wanglai.classification.internal.expr.Type;

/**
 * The metrics of one customer as of a date over a window: the vocabulary of the rules. Amounts are in the
 * customer's currency, rounded to cents; ratios to 4 decimals; a metric without a basis (no orders, no due
 * invoices) is null.
 */
public final class CustomerMetrics {

    /** Metric and attribute names with their types, in display order. */
    public static final Map<String, Type> VOCABULARY;

    static {
        Map<String, Type> v = new LinkedHashMap<>();
        for (String n : new String[] { "revenue", "revenue_12m", "margin", "margin_12m", "margin_pct", "orders",
                "orders_12m", "avg_order_value", "days_since_last_order", "tenure_days", "tenure_months", "trend",
                "revenue_h1", "revenue_h2", "late_share", "avg_days_late", "invoices_due" }) {
            v.put(n, Type.NUMBER);
        }
        for (String n : new String[] { "code", "industry", "region", "scale", "channel", "payment_term", "category",
                "currency", "first_order_date", "last_order_date" }) {
            v.put(n, Type.TEXT);
        }
        VOCABULARY = java.util.Collections.unmodifiableMap(v);
    }

    private final MetricRow row;
    private final LocalDate asOf;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public CustomerMetrics(MetricRow row, LocalDate asOf) {
        this.row = row;
        this.asOf = asOf;
        BigDecimal revenue = money(row.revenue());
        BigDecimal margin = money(nz(row.revenue()).subtract(nz(row.cost())));
        long orders = row.orders() == null ? 0 : row.orders();
        values.put("revenue", revenue);
        values.put("revenue_12m", revenue);
        values.put("margin", margin);
        values.put("margin_12m", margin);
        values.put("margin_pct", revenue.signum() == 0 ? null : ratio(margin, revenue));
        values.put("orders", BigDecimal.valueOf(orders));
        values.put("orders_12m", BigDecimal.valueOf(orders));
        values.put("avg_order_value", orders == 0 ? null : money(nz(row.orderTotal()).divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP)));
        values.put("days_since_last_order", row.lastOrder() == null ? null
                : BigDecimal.valueOf(ChronoUnit.DAYS.between(row.lastOrder(), asOf)));
        LocalDate since = tenureStart();
        values.put("tenure_days", since == null ? null : BigDecimal.valueOf(ChronoUnit.DAYS.between(since, asOf)));
        values.put("tenure_months", since == null ? null : BigDecimal.valueOf(ChronoUnit.MONTHS.between(since, asOf)));
        BigDecimal h1 = money(row.revenueH1());
        BigDecimal h2 = money(row.revenueH2());
        values.put("trend", h1.signum() == 0 ? null : ratio(h2, h1));
        values.put("revenue_h1", h1);
        values.put("revenue_h2", h2);
        long due = row.dueCount() == null ? 0 : row.dueCount();
        long late = row.lateCount() == null ? 0 : row.lateCount();
        values.put("late_share", due == 0 ? null : ratio(BigDecimal.valueOf(late), BigDecimal.valueOf(due)));
        values.put("avg_days_late", late == 0 ? null
                : BigDecimal.valueOf(row.daysLateSum()).divide(BigDecimal.valueOf(late), 1, RoundingMode.HALF_UP));
        values.put("invoices_due", BigDecimal.valueOf(due));
        values.put("code", row.code());
        values.put("industry", row.industry());
        values.put("region", row.region());
        values.put("scale", row.scale());
        values.put("channel", row.channel());
        values.put("payment_term", row.paymentTerm());
        values.put("category", row.category());
        values.put("currency", row.currency() == null ? null : row.currency().trim());
        values.put("first_order_date", row.firstOrder() == null ? null : row.firstOrder().toString());
        values.put("last_order_date", row.lastOrder() == null ? null : row.lastOrder().toString());
    }

    /** Tenure counts from the first order; a customer who never ordered counts from its creation in the ERP. */
    private LocalDate tenureStart() {
        return row.firstOrder() != null ? row.firstOrder() : row.createdDate();
    }

    private static BigDecimal nz(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }

    private static BigDecimal money(BigDecimal b) {
        return nz(b).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal ratio(BigDecimal a, BigDecimal b) {
        return a.divide(b, 4, RoundingMode.HALF_UP);
    }

    public long customerId() {
        return row.customerId();
    }

    public String code() {
        return row.code();
    }

    public String name() {
        return row.name();
    }

    public MetricRow row() {
        return row;
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** A metric or attribute by name (see {@link #VOCABULARY}); null when it has no basis. */
    public Object get(String name) {
        return values.get(name);
    }

    /** A numeric metric, or null. */
    public BigDecimal number(String name) {
        Object v = values.get(name);
        return v instanceof BigDecimal b ? b : null;
    }

    public Map<String, Object> values() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
