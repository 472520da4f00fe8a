package org.wanglai.api.report;

import java.util.Objects;

import org.wanglai.api.LocalizedText;

/**
 * A column of a report. {@code total} asks for a totals row (sum of INTEGER, DECIMAL and MONEY values per
 * currency).
 */
public record ReportColumn(String id, LocalizedText label, ColumnType type, boolean total) {
    public ReportColumn {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
    }

    public static ReportColumn text(String id, String zh, String en) {
        return new ReportColumn(id, LocalizedText.of(zh, en), ColumnType.TEXT, false);
    }

    public static ReportColumn of(String id, String zh, String en, ColumnType type, boolean total) {
        return new ReportColumn(id, LocalizedText.of(zh, en), type, total);
    }
}
