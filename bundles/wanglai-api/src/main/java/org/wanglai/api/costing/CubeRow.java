package org.wanglai.api.costing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One row of a roll-up: its coordinates (one per query dimension, in order) and the measures asked for, in the query's order (amounts in
 * the result's currency with 2 decimals, ratios such as {@code margin_pct} as fractions, counts as integers; null where a ratio has no denominator).
 */
public record CubeRow(List<CubeKey> keys, Map<String, BigDecimal> measures) {
    public CubeRow {
        keys = List.copyOf(keys);
        measures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(measures));
    }

    public BigDecimal measure(String name) {
        return measures.get(name);
    }
}
