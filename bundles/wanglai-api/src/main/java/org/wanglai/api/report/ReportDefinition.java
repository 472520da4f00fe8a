package org.wanglai.api.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.wanglai.api.LocalizedText;

/**
 * What a report is: id (lower-case, dots and dashes, unique), owning capability, titles, parameters, columns,
 * optional chart, and the least role that may see it ({@code viewer}, {@code accountant} or {@code admin}).
 */
public record ReportDefinition(String id, String capability, LocalizedText title, LocalizedText description,
        List<ReportParameter> parameters, List<ReportColumn> columns, Optional<ChartSpec> chart, String role) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9.-]{1,63}");

    public ReportDefinition {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid report id '" + id + "'");
        }
        Objects.requireNonNull(title, "title");
        parameters = List.copyOf(parameters);
        columns = List.copyOf(columns);
        chart = chart == null ? Optional.empty() : chart;
        role = role == null ? "viewer" : role;
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("report " + id + " has no columns");
        }
        if (chart.isPresent()) {
            columnIndex(columns, chart.get().categoryColumn());
            for (String v : chart.get().valueColumns()) {
                columnIndex(columns, v);
            }
        }
    }

    public int columnIndex(String columnId) {
        return columnIndex(columns, columnId);
    }

    private static int columnIndex(List<ReportColumn> columns, String columnId) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).id().equals(columnId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown column '" + columnId + "'");
    }

    public Optional<ReportParameter> parameter(String parameterId) {
        return parameters.stream().filter(p -> p.id().equals(parameterId)).findFirst();
    }
}
