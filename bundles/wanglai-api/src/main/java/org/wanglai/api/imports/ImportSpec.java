package org.wanglai.api.imports;

import java.util.List;
import java.util.Objects;

import org.wanglai.api.LocalizedText;

/** What an import accepts; {@code maxRows} bounds the file (default 100,000). */
public record ImportSpec(String id, LocalizedText title, List<ImportColumn> columns, int maxRows) {
    public static final int DEFAULT_MAX_ROWS = 100_000;

    public ImportSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        columns = List.copyOf(columns);
        if (maxRows <= 0) {
            maxRows = DEFAULT_MAX_ROWS;
        }
    }
}
