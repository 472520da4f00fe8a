package org.wanglai.costing.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.api.costing.CubeKey;
import org.wanglai.api.costing.CubeMetadata;
import org.wanglai.api.costing.CubeQuery;
import org.wanglai.api.costing.CubeResult;
import org.wanglai.api.costing.CubeRow;

/**
 * Validates cube queries against the whitelist, compiles them to {@link CubeSql} and reads the roll-up through a
 * cursor. Derived measures (margins, net profit, ratios) are computed from the base sums of each row.
 */
final class CubeEngine {

    static final String FINANCING = "FINANCING";
    static final String CTS_PREFIX = "cts:";
    static final int MAX_POOL_MEASURES = 10;
    static final int MAX_FILTER_KEYS = 1000;

    /** Measures other than the per-pool ones: name, labels, kind, SQL over the grouped row {@code g}. */
    enum Measure {
        REVENUE("revenue", "销售收入", "Revenue", "MONEY", "g.revenue"),
        COGS("cogs", "销售成本", "Cost of goods sold", "MONEY", "g.cogs"),
        GROSS_MARGIN("gross_margin", "毛利", "Gross margin", "MONEY", "(g.revenue - g.cogs)"),
        GROSS_MARGIN_PCT("gross_margin_pct", "毛利率", "Gross margin %", "PERCENT",
                "CASE WHEN g.revenue = 0 THEN NULL ELSE (g.revenue - g.cogs) / g.revenue END"),
        COST_TO_SERVE("cost_to_serve", "服务成本", "Cost-to-serve", "MONEY", "g.cts"),
        NET_PROFIT("net_profit", "净利润", "Net profit", "MONEY", "(g.revenue - g.cogs - g.cts)"),
        NET_MARGIN_PCT("net_margin_pct", "净利率", "Net margin %", "PERCENT",
                "CASE WHEN g.revenue = 0 THEN NULL ELSE (g.revenue - g.cogs - g.cts) / g.revenue END"),
        RETURN_ON_SPEND("return_on_spend", "投入产出比（收入/服务成本）", "Return on spend (revenue / cost-to-serve)",
                "DECIMAL", "CASE WHEN g.cts = 0 THEN NULL ELSE g.revenue / g.cts END"),
        ORDERS("orders", "订单数", "Orders", "INTEGER", "g.orders"),
        CUSTOMERS("customers", "客户数", "Customers", "INTEGER", "g.customers"),
        MONTHS("months", "有数据的月数", "Months with data", "INTEGER", "g.months");

        final String id;
        final LocalizedText label;
        final String kind;
        final String sql;

        Measure(String id, String zh, String en, String kind, String sql) {
            this.id = id;
            this.label = LocalizedText.of(zh, en);
            this.kind = kind;
            this.sql = sql;
        }

        static Measure byId(String id) {
            for (Measure m : values()) {
                if (m.id.equals(id)) {
                    return m;
                }
            }
            return null;
        }
    }

    private final SqlSessionFactory factory;
    private final Map<String, String> relations;
    private final int maxRows;

    CubeEngine(SqlSessionFactory factory, Map<String, String> relations, int maxRows) {
        this.factory = factory;
        this.relations = relations;
        this.maxRows = maxRows;
    }

    CubeMetadata metadata(List<CostMapper.CodeName> pools) {
        List<CubeMetadata.Dimension> dims = new ArrayList<>();
        for (CubeDimension d : CubeDimension.values()) {
            dims.add(new CubeMetadata.Dimension(d.id, d.label, d.drillsTo));
        }
        List<CubeMetadata.Measure> measures = new ArrayList<>();
        for (Measure m : Measure.values()) {
            measures.add(new CubeMetadata.Measure(m.id, m.label, m.kind));
        }
        for (CostMapper.CodeName p : pools) {
            measures.add(new CubeMetadata.Measure(CTS_PREFIX + p.code(),
                    LocalizedText.of("服务成本：" + p.nameZh(), "Cost-to-serve: " + p.nameEn()), "MONEY"));
        }
        measures.add(new CubeMetadata.Measure(CTS_PREFIX + FINANCING,
                LocalizedText.of("服务成本：资金占用", "Cost-to-serve: financing of slow payment"), "MONEY"));
        return new CubeMetadata(dims, measures);
    }

    /** A compiled query plus what is needed to turn its records into rows. */
    record Compiled(CubeQuery query, CubeSql sql, List<CubeDimension> dims, Map<String, Integer> poolColumns) {
    }

    Compiled compile(CubeQuery q, List<CostMapper.CodeName> pools, boolean forTotals, boolean streaming) {
        List<ValidationError> errors = new ArrayList<>();
        List<CubeDimension> dims = new ArrayList<>();
        if (!forTotals && (q.dimensions().isEmpty() || q.dimensions().size() > 3)) {
            errors.add(new ValidationError(0, "dimensions", "choose 1 to 3 dimensions"));
        }
        for (String name : q.dimensions()) {
            CubeDimension d = CubeDimension.byId(name).orElse(null);
            if (d == null) {
                errors.add(new ValidationError(0, "dimensions", "unknown dimension '" + safe(name) + "'"));
            } else if (dims.contains(d)) {
                errors.add(new ValidationError(0, "dimensions", "dimension '" + name + "' given twice"));
            } else {
                dims.add(d);
            }
        }
        Map<String, Long> poolIds = new LinkedHashMap<>();
        for (CostMapper.CodeName p : pools) {
            poolIds.put(p.code(), p.id());
        }
        poolIds.put(FINANCING, -1L);
        Map<String, Integer> poolColumns = new LinkedHashMap<>();
        List<CubeSql.Pool> poolSql = new ArrayList<>();
        List<String> wanted = new ArrayList<>(q.measures());
        if (q.sortBy() != null && q.sortBy().startsWith(CTS_PREFIX) && !wanted.contains(q.sortBy())) {
            wanted.add(q.sortBy());
        }
        for (String m : wanted) {
            if (m != null && m.startsWith(CTS_PREFIX)) {
                String code = m.substring(CTS_PREFIX.length());
                Long id = poolIds.get(code);
                if (id == null) {
                    errors.add(new ValidationError(0, "measures", "unknown cost pool '" + safe(code) + "'"));
                } else if (!poolColumns.containsKey(m)) {
                    if (poolColumns.size() == MAX_POOL_MEASURES) {
                        errors.add(new ValidationError(0, "measures", "at most " + MAX_POOL_MEASURES + " pool measures"));
                    } else {
                        poolColumns.put(m, poolColumns.size());
                        poolSql.add(new CubeSql.Pool("p" + (poolColumns.size() - 1), id));
                    }
                }
            } else if (Measure.byId(m) == null) {
                errors.add(new ValidationError(0, "measures", "unknown measure '" + safe(m) + "'"));
            }
        }
        Set<String> joins = new LinkedHashSet<>();
        List<CubeSql.Dim> dimSql = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            CubeDimension d = dims.get(i);
            if (d.innerJoin() != null) {
                joins.add(d.innerJoin());
            }
            dimSql.add(new CubeSql.Dim("k" + (i + 1), d.keyExpr(), d.labelSelect(i + 1),
                    d.labelJoin(i + 1, relations)));
        }
        List<CubeSql.Filter> filters = new ArrayList<>();
        for (Map.Entry<String, List<Long>> f : new java.util.TreeMap<>(q.filters()).entrySet()) {
            CubeDimension d = CubeDimension.byId(f.getKey()).orElse(null);
            if (d == null) {
                errors.add(new ValidationError(0, "filters", "unknown dimension '" + safe(f.getKey()) + "'"));
                continue;
            }
            List<Long> keys = f.getValue() == null ? List.of() : f.getValue();
            if (keys.isEmpty() || keys.size() > MAX_FILTER_KEYS || keys.stream().anyMatch(java.util.Objects::isNull)) {
                errors.add(new ValidationError(0, "filters", "filter '" + d.id + "' needs 1 to " + MAX_FILTER_KEYS + " keys"));
                continue;
            }
            if (d.innerJoin() != null) {
                joins.add(d.innerJoin());
            }
            filters.add(new CubeSql.Filter(d.keyExpr(), List.copyOf(keys)));
        }
        if (q.from() != null && q.to() != null && q.to().isBefore(q.from())) {
            errors.add(new ValidationError(0, "to", "ends before it starts"));
        }
        if (q.limit() < 0) {
            errors.add(new ValidationError(0, "limit", "must not be negative"));
        }
        String orderBy = null;
        if (!forTotals) {
            StringBuilder order = new StringBuilder();
            if (q.sortBy() != null) {
                String dir = q.descending() ? " DESC" : " ASC";
                int dimIndex = dims.indexOf(CubeDimension.byId(q.sortBy()).orElse(null));
                if (dimIndex >= 0) {
                    order.append("g.k").append(dimIndex + 1).append(dir);
                } else if (poolColumns.containsKey(q.sortBy())) {
                    order.append("g.p").append(poolColumns.get(q.sortBy())).append(dir);
                } else if (Measure.byId(q.sortBy()) != null) {
                    order.append(Measure.byId(q.sortBy()).sql).append(dir).append(" NULLS LAST");
                } else {
                    errors.add(new ValidationError(0, "sortBy", "unknown sort '" + safe(q.sortBy()) + "'"));
                }
            }
            for (int i = 0; i < dims.size(); i++) {
                order.append(order.length() == 0 ? "" : ", ").append("g.k").append(i + 1);
            }
            orderBy = order.toString();
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        int limit = forTotals ? 0 : streaming ? q.limit() : (q.limit() == 0 || q.limit() > maxRows ? maxRows : q.limit()) + 1;
        boolean perCustomer = dims.contains(CubeDimension.CUSTOMER) || q.filters().containsKey(CubeDimension.CUSTOMER.id)
                || counted(q, Measure.CUSTOMERS);
        CubeSql sql = new CubeSql(perCustomer ? "wl_cost_fact" : "wl_cost_fact_sum", dimSql, poolSql, List.copyOf(joins), filters,
                q.from() == null ? null : q.from().atDay(1), q.to() == null ? null : q.to().atDay(1),
                orderBy, limit, counted(q, Measure.CUSTOMERS), counted(q, Measure.MONTHS),
                counted(q, Measure.COST_TO_SERVE) || counted(q, Measure.NET_PROFIT) || counted(q, Measure.NET_MARGIN_PCT)
                        || counted(q, Measure.RETURN_ON_SPEND),
                counted(q, Measure.ORDERS));
        return new Compiled(q, sql, dims, poolColumns);
    }

    CubeResult query(CubeQuery q, List<CostMapper.CodeName> pools, String currency) {
        Compiled c = compile(q, pools, false, false);
        int max = c.sql().limit() - 1;
        List<CubeRow> rows = new ArrayList<>();
        boolean truncated = false;
        Map<String, BigDecimal> totalMeasures = new LinkedHashMap<>();
        try (SqlSession s = factory.openSession()) {
            CubeMapper m = s.getMapper(CubeMapper.class);
            // bounded by the LIMIT, so read at once: PostgreSQL plans a parallel scan only for a statement that is
            // not fetched in batches through a cursor
            List<CubeRecord> records = m.rollUpAll(c.sql());
            CubeRecord sum = new CubeRecord();
            for (CubeRecord r : records) {
                if (rows.size() == max) {
                    truncated = true;
                    break;
                }
                rows.add(toRow(c, r));
                add(sum, r, c.poolColumns().size());
            }
            if (!truncated && !c.sql().countCustomers() && !c.sql().countMonths()) {
                // every group is here and every measure is additive: the totals row is the sum of the rows,
                // exactly what a second scan of the facts would give
                totalMeasures.putAll(measures(c, sum));
            } else {
                Compiled totals = compile(new CubeQuery(List.of(), q.measures(), q.from(), q.to(), q.filters(), null,
                        false, 0), pools, true, false);
                for (CubeRecord r : m.rollUpAll(totals.sql())) {
                    totalMeasures.putAll(measures(totals, r));
                }
            }
        }
        return new CubeResult(q, currency, rows, totalMeasures, truncated);
    }

    private static void add(CubeRecord sum, CubeRecord r, int pools) {
        sum.revenue = plus(sum.revenue, r.revenue);
        sum.cogs = plus(sum.cogs, r.cogs);
        sum.cts = plus(sum.cts, r.cts);
        sum.orders = (sum.orders == null ? 0 : sum.orders) + (r.orders == null ? 0 : r.orders);
        for (int i = 0; i < pools; i++) {
            sum.setPool(i, plus(sum.pool(i), r.pool(i)));
        }
    }

    private static BigDecimal plus(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    /** Streams the rows of {@code q} (no limit but the query's) until {@code sink} returns false. */
    void stream(CubeQuery q, List<CostMapper.CodeName> pools, Predicate<CubeRow> sink) {
        Compiled c = compile(q, pools, false, true);
        try (SqlSession s = factory.openSession();
                Cursor<CubeRecord> cursor = s.getMapper(CubeMapper.class).rollUp(c.sql())) {
            for (CubeRecord r : cursor) {
                if (!sink.test(toRow(c, r))) {
                    break;
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private CubeRow toRow(Compiled c, CubeRecord r) {
        List<CubeKey> keys = new ArrayList<>(c.dims().size());
        for (int i = 0; i < c.dims().size(); i++) {
            CubeDimension d = c.dims().get(i);
            long key = r.key(i) == null ? 0 : r.key(i);
            keys.add(new CubeKey(d.id, key, label(d, key, r.labelZh(i), r.labelEn(i))));
        }
        return new CubeRow(keys, measures(c, r));
    }

    /**
     * Whether a measure is asked for (as a measure or the sort): COUNT(DISTINCT) makes PostgreSQL sort the facts
     * instead of hashing them, and every other aggregate costs time per fact row, so each is computed only when needed.
     */
    private static boolean counted(CubeQuery q, Measure m) {
        return q.measures().contains(m.id) || m.id.equals(q.sortBy());
    }

    private static Map<String, BigDecimal> measures(Compiled c, CubeRecord r) {
        BigDecimal revenue = nz(r.revenue);
        BigDecimal cogs = nz(r.cogs);
        BigDecimal cts = nz(r.cts);
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (String name : c.query().measures()) {
            if (name.startsWith(CTS_PREFIX)) {
                out.put(name, nz(r.pool(c.poolColumns().get(name))).setScale(2, RoundingMode.HALF_UP));
                continue;
            }
            BigDecimal v = switch (Measure.byId(name)) {
                case REVENUE -> revenue;
                case COGS -> cogs;
                case GROSS_MARGIN -> revenue.subtract(cogs);
                case GROSS_MARGIN_PCT -> ratio(revenue.subtract(cogs), revenue);
                case COST_TO_SERVE -> cts;
                case NET_PROFIT -> revenue.subtract(cogs).subtract(cts);
                case NET_MARGIN_PCT -> ratio(revenue.subtract(cogs).subtract(cts), revenue);
                case RETURN_ON_SPEND -> ratio(revenue, cts);
                case ORDERS -> BigDecimal.valueOf(r.orders == null ? 0 : r.orders);
                case CUSTOMERS -> BigDecimal.valueOf(r.customers == null ? 0 : r.customers);
                case MONTHS -> BigDecimal.valueOf(r.months == null ? 0 : r.months);
            };
            out.put(name, v != null && v.scale() < 2 && Measure.byId(name).kind.equals("MONEY") ? v.setScale(2) : v);
        }
        return out;
    }

    static BigDecimal ratio(BigDecimal a, BigDecimal b) {
        return b.signum() == 0 ? null : a.divide(b, 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO.setScale(2) : v.setScale(2, RoundingMode.HALF_UP);
    }

    static LocalizedText label(CubeDimension d, long key, String zh, String en) {
        switch (d) {
            case MONTH:
                return LocalizedText.of(String.format("%d-%02d", key / 100, key % 100), String.format("%d-%02d", key / 100, key % 100));
            case QUARTER:
                return LocalizedText.of(key / 10 + "年第" + key % 10 + "季度", key / 10 + " Q" + key % 10);
            case YEAR:
                return LocalizedText.of(key + "年", String.valueOf(key));
            case MONTH_OF_YEAR:
                return LocalizedText.of(key + "月", java.time.Month.of((int) Math.max(1, Math.min(12, key)))
                        .getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH));
            default:
                break;
        }
        if (d == CubeDimension.POOL && key == 0) {
            return LocalizedText.of("（销售）", "(sales)");
        }
        if (d == CubeDimension.POOL && key == -1) {
            return LocalizedText.of("资金占用成本", "Financing of slow payment");
        }
        if (d == CubeDimension.PRODUCT && key == 0 || d == CubeDimension.PRODUCT_CATEGORY && key == 0) {
            return LocalizedText.of("（客户级成本，不分产品）", "(customer-level cost, no product)");
        }
        if (zh == null) {
            return key == 0 ? LocalizedText.of("（无）", "(none)") : LocalizedText.of("#" + key, "#" + key);
        }
        return LocalizedText.of(zh, en == null ? zh : en);
    }

    static YearMonth monthOf(long key) {
        return YearMonth.of((int) (key / 100), (int) (key % 100));
    }

    private static String safe(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
