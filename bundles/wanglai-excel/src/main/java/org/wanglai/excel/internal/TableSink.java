package org.wanglai.excel.internal;

import java.util.List;

/** Receives the rows of an uploaded table in order, with their row numbers as a spreadsheet shows them. */
interface TableSink {
    /** @param cells cell texts by column index, null for empty cells */
    void row(int rowNumber, List<String> cells);
}
