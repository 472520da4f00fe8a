package org.wanglai.api.imports;

import java.math.BigDecimal;
import java.util.Objects;

import org.wanglai.api.LocalizedText;
import org.wanglai.api.report.ColumnType;

/**
 * One accepted column, found by its zh-CN or en header. Values are parsed to the column type (TEXT String,
 * INTEGER Long, DECIMAL/MONEY/PERCENT BigDecimal, DATE LocalDate) and checked: required, range, length, unique
 * within the file, and for {@code customerCode} columns that the customer exists in the host.
 */
public record ImportColumn(String id, LocalizedText header, ColumnType type, boolean required, BigDecimal min,
        BigDecimal max, int maxLength, boolean unique, boolean customerCode) {

    public ImportColumn {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(type, "type");
        if (maxLength <= 0) {
            maxLength = 200;
        }
    }

    public static ImportColumn text(String id, String zh, String en, boolean required) {
        return new ImportColumn(id, LocalizedText.of(zh, en), ColumnType.TEXT, required, null, null, 200, false, false);
    }

    public static ImportColumn customer(String id, String zh, String en, boolean unique) {
        return new ImportColumn(id, LocalizedText.of(zh, en), ColumnType.TEXT, true, null, null, 30, unique, true);
    }

    public static ImportColumn number(String id, String zh, String en, ColumnType type, boolean required,
            BigDecimal min, BigDecimal max) {
        return new ImportColumn(id, LocalizedText.of(zh, en), type, required, min, max, 0, false, false);
    }

    public static ImportColumn date(String id, String zh, String en, boolean required) {
        return new ImportColumn(id, LocalizedText.of(zh, en), ColumnType.DATE, required, null, null, 0, false, false);
    }

    public ImportColumn asUnique() {
        return new ImportColumn(id, header, type, required, min, max, maxLength, true, customerCode);
    }
}
