package org.wanglai.costing.internal;

import java.time.LocalDate;
import java.util.List;

/**
 * A validated cube query as the mapper needs it: SQL fragments from the whitelist only, values as parameters.
 */
public record CubeSql(List<Dim> dims, List<Pool> pools, List<String> joins, List<Filter> filters, LocalDate from,
        LocalDate to, String orderBy, int limit, boolean countCustomers, boolean countMonths) {

    /** A grouped dimension at one position. */
    public record Dim(String alias, String keyExpr, String labelSelect, String labelJoin) {
    }

    /** A pool measure column. */
    public record Pool(String alias, long id) {
    }

    public record Filter(String keyExpr, List<Long> keys) {
    }
}
