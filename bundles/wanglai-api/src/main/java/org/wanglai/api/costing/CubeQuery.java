package org.wanglai.api.costing;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * A cube roll-up: 1 to 3 {@code dimensions}, the {@code measures} to compute, the months {@code from}..{@code to}
 * (inclusive; null for no bound), {@code filters} (dimension → allowed keys, as returned in {@link CubeKey#key()}),
 * the sort ({@code sortBy} a measure or dimension of the query; null = dimension keys ascending) and a row limit
 * (0 = the service's maximum). Names are checked against {@link CostAnalysis#metadata()}.
 */
public record CubeQuery(List<String> dimensions, List<String> measures, YearMonth from, YearMonth to,
        Map<String, List<Long>> filters, String sortBy, boolean descending, int limit) {

    public CubeQuery {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        measures = measures == null ? List.of() : List.copyOf(measures);
        filters = filters == null ? Map.of() : Map.copyOf(filters);
    }

    public static CubeQuery of(List<String> dimensions, List<String> measures, YearMonth from, YearMonth to) {
        return new CubeQuery(dimensions, measures, from, to, Map.of(), null, false, 0);
    }

    public CubeQuery withFilters(Map<String, List<Long>> newFilters) {
        return new CubeQuery(dimensions, measures, from, to, newFilters, sortBy, descending, limit);
    }

    public CubeQuery sortedBy(String sort, boolean desc, int maxRows) {
        return new CubeQuery(dimensions, measures, from, to, filters, sort, desc, maxRows);
    }
}
