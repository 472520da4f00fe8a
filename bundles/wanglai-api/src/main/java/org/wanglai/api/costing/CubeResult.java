package org.wanglai.api.costing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link CubeQuery}: rows, the grand totals of the measures over every row matching the filters
 * (not only the rows returned), and whether the row limit cut the answer.
 */
public record CubeResult(CubeQuery query, String currency, List<CubeRow> rows, Map<String, BigDecimal> totals,
        boolean truncated) {
    public CubeResult {
        rows = List.copyOf(rows);
        totals = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(totals));
    }
}
