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

    /** Every name of {@link #VOCABULARY} in display order; a customer's values are kept at the same positions. */
    private static final String[] NAMES = VOCABULARY.keySet().toArray(new String[0]);
    private static final Map<String, Integer> INDEX;

    static {
        Map<String, Integer> ix = new java.util.HashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            ix.put(NAMES[i], i);
        }
        INDEX = java.util.Collections.unmodifiableMap(ix);
    }

    private final MetricRow row;
    private final LocalDate asOf;
    private final Object[] values = new Object[NAMES.length];

    public CustomerMetrics(MetricRow row, LocalDate asOf) {
        this.row = row;
        this.asOf = asOf;
        BigDecimal revenue = money(row.revenue());
        BigDecimal margin = money(nz(row.revenue()).subtract(nz(row.cost())));
        long orders = row.orders() == null ? 0 : row.orders();
        BigDecimal orderCount = BigDecimal.valueOf(orders);
        put("revenue", revenue);
        put("revenue_12m", revenue);
        put("margin", margin);
        put("margin_12m", margin);
        put("margin_pct", revenue.signum() == 0 ? null : ratio(margin, revenue));
        put("orders", orderCount);
        put("orders_12m", orderCount);
        put("avg_order_value", orders == 0 ? null : money(nz(row.orderTotal()).divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP)));
        put("days_since_last_order", row.lastOrder() == null ? null
                : BigDecimal.valueOf(ChronoUnit.DAYS.between(row.lastOrder(), asOf)));
        LocalDate since = tenureStart();
        put("tenure_days", since == null ? null : BigDecimal.valueOf(ChronoUnit.DAYS.between(since, asOf)));
        put("tenure_months", since == null ? null : BigDecimal.valueOf(ChronoUnit.MONTHS.between(since, asOf)));
        BigDecimal h1 = money(row.revenueH1());
        BigDecimal h2 = money(row.revenueH2());
        put("trend", h1.signum() == 0 ? null : ratio(h2, h1));
        put("revenue_h1", h1);
        put("revenue_h2", h2);
        long due = row.dueCount() == null ? 0 : row.dueCount();
        long late = row.lateCount() == null ? 0 : row.lateCount();
        put("late_share", due == 0 ? null : ratio(BigDecimal.valueOf(late), BigDecimal.valueOf(due)));
        put("avg_days_late", late == 0 ? null
                : BigDecimal.valueOf(row.daysLateSum()).divide(BigDecimal.valueOf(late), 1, RoundingMode.HALF_UP));
        put("invoices_due", BigDecimal.valueOf(due));
        put("code", row.code());
        put("industry", row.industry());
        put("region", row.region());
        put("scale", row.scale());
        put("channel", row.channel());
        put("payment_term", row.paymentTerm());
        put("category", row.category());
        put("currency", row.currency() == null ? null : row.currency().trim());
        put("first_order_date", row.firstOrder() == null ? null : row.firstOrder().toString());
        put("last_order_date", row.lastOrder() == null ? null : row.lastOrder().toString());
    }

    private void put(String name, Object value) {
        values[INDEX.get(name)] = value;
    }

    /**
     * The position of a metric or attribute of {@link #VOCABULARY}, for reading it with {@link #get(int)} in loops
     * over many customers; -1 for a name outside the vocabulary.
     */
    public static int indexOf(String name) {
        Integer i = INDEX.get(name);
        return i == null ? -1 : i;
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

    /** A metric or attribute by name (see {@link #VOCABULARY}); null when it has no basis or is unknown. */
    public Object get(String name) {
        Integer i = INDEX.get(name);
        return i == null ? null : values[i];
    }

    /** A metric or attribute by its {@link #indexOf position}. */
    public Object get(int index) {
        return values[index];
    }

    /** A numeric metric, or null. */
    public BigDecimal number(String name) {
        return get(name) instanceof BigDecimal b ? b : null;
    }

    /** A numeric metric by its {@link #indexOf position}, or null. */
    public BigDecimal number(int index) {
        return values[index] instanceof BigDecimal b ? b : null;
    }

    /** Every metric and attribute by name, in display order (null when it has no basis). */
    public Map<String, Object> values() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            m.put(NAMES[i], values[i]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
