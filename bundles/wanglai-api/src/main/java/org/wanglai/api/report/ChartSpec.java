package org.wanglai.api.report;

import java.util.List;
import java.util.Objects;

/**
 * How to chart a report: the category (x axis or pie slices) column and one or more value columns. The web page
 * draws it with ECharts, the Excel export adds a chart sheet.
 */
public record ChartSpec(ChartType type, String categoryColumn, List<String> valueColumns) {
    public ChartSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(categoryColumn, "categoryColumn");
        valueColumns = List.copyOf(valueColumns);
        if (valueColumns.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one value column");
        }
    }

    public enum ChartType {
        BAR, LINE, PIE
    }
}
