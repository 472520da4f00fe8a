package org.wanglai.api.costing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One row of a roll-up: its coordinates (one per query dimension, in order) and the measures asked for (amounts in
 * the result's currency with 2 decimals, ratios such as {@code margin_pct} as fractions, counts as integers).
 */
public record CubeRow(List<CubeKey> keys, Map<String, BigDecimal> measures) {
    public CubeRow {
        keys = List.copyOf(keys);
        measures = Map.copyOf(measures);
    }

    public BigDecimal measure(String name) {
        return measures.get(name);
    }
}
