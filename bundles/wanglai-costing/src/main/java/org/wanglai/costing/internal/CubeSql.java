package org.wanglai.costing.internal;

import java.time.LocalDate;
import java.util.List;

/**
 * A validated cube query as the mapper needs it: SQL fragments from the whitelist only, values as parameters.
 * {@code sumCts} and {@code sumOrders} say whether an asked measure (or the sort) needs that sum: each aggregate
 * costs time on every fact row, so the others are left out (read as zero). {@code table} is {@code wl_cost_fact}
 * or, when no customer is grouped, filtered or counted, its sum over the customers {@code wl_cost_fact_sum}.
 */
public record CubeSql(String table, List<Dim> dims, List<Pool> pools, List<String> joins, List<Filter> filters, LocalDate from,
        LocalDate to, String orderBy, int limit, boolean countCustomers, boolean countMonths, boolean sumCts,
        boolean sumOrders) {

    /** A grouped dimension at one position. */
    public record Dim(String alias, String keyExpr, String labelSelect, String labelJoin) {
    }

    /** A pool measure column. */
    public record Pool(String alias, long id) {
    }

    public record Filter(String keyExpr, List<Long> keys) {
    }
}
