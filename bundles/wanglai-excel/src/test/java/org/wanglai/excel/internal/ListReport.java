package org.wanglai.excel.internal;

import java.util.List;
import java.util.Optional;

import org.wanglai.api.LocalizedText;
import org.wanglai.api.report.ChartSpec;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;

/** A report over fixed rows, for tests. */
class ListReport implements Report {
    private final ReportDefinition definition;
    private final List<Object[]> rows;

    ListReport(String id, String zhTitle, String enTitle, List<ReportParameter> parameters, List<ReportColumn> columns,
            ChartSpec chart, List<Object[]> rows) {
        this.definition = new ReportDefinition(id, "test", LocalizedText.of(zhTitle, enTitle),
                LocalizedText.of(zhTitle, enTitle), parameters, columns, Optional.ofNullable(chart), "viewer");
        this.rows = rows;
    }

    @Override
    public ReportDefinition definition() {
        return definition;
    }

    @Override
    public void run(ReportQuery query, RowSink sink) {
        for (Object[] r : rows) {
            if (!sink.row(r)) {
                return;
            }
        }
    }
}
