package org.wanglai.api.imports;

import java.util.List;
import java.util.Map;

/**
 * One data row of an uploaded file: its row number as the sheet shows it (header is row 1), the typed values by
 * column id (absent when empty or invalid) and the raw cell texts in column order (for the error workbook).
 */
public record ImportRow(int rowNumber, Map<String, Object> values, List<String> raw) {
    public ImportRow {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        raw = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(raw));
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String columnId, Class<T> type) {
        return (T) values.get(columnId);
    }
}
