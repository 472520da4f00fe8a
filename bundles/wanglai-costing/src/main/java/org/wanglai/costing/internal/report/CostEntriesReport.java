package org.wanglai.costing.internal.report;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.Money;
import org.wanglai.api.ValidationException;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ParameterType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.costing.internal.CostEntryImports;
import org.wanglai.costing.internal.CostingService;

/**
 * The imported cost entries (导入的成本费用) of a month range, optionally of one import: the import's own columns
 * first, in its order (corrected rows can be pasted into the template), then where each row came from.
 */
@Component(service = Report.class, property = "wanglai.report=costing.cost-entries")
public final class CostEntriesReport implements Report {

    private static final ReportDefinition DEFINITION = new ReportDefinition("costing.cost-entries", "costing",
            LocalizedText.of("导入的成本费用", "Imported cost entries"),
            LocalizedText.of("从 Excel/CSV 文件导入、参与成本分摊的费用（主机系统费用台账之外）",
                    "Cost entries imported from Excel/CSV files that allocation reads next to the host's cost ledger"),
            List.of(CubeReport.FROM, CubeReport.TO,
                    ReportParameter.of("importId", "导入批次", "Import", ParameterType.INTEGER, false, null)),
            List.of(ReportColumn.text("pool", "成本池编码", "Cost pool"),
                    ReportColumn.text("channel", "渠道编码", "Channel"),
                    ReportColumn.text("region", "区域编码", "Region"),
                    ReportColumn.text("period", "期间", "Period"),
                    ReportColumn.of("amount", "金额", "Amount", ColumnType.MONEY, true),
                    ReportColumn.text("currency", "币种", "Currency"),
                    ReportColumn.text("reference", "参考号", "Reference"),
                    ReportColumn.text("description", "摘要", "Description"),
                    ReportColumn.of("import", "导入批次", "Import", ColumnType.INTEGER, false),
                    ReportColumn.of("row", "文件行号", "File row", ColumnType.INTEGER, false),
                    ReportColumn.text("file", "文件名", "File"),
                    ReportColumn.text("user", "导入人", "Imported by"),
                    ReportColumn.text("at", "导入时间", "Imported at")),
            Optional.empty(), "accountant");

    private final CostEntryImports imports;

    @Activate
    public CostEntriesReport(@Reference CostingService costing) {
        this.imports = costing.imports();
    }

    @Override
    public ReportDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void run(ReportQuery q, RowSink sink) {
        YearMonth from = q.require("from", YearMonth.class);
        YearMonth to = q.require("to", YearMonth.class);
        if (to.isBefore(from)) {
            throw new ValidationException("to", "ends before the start month");
        }
        imports.stream(from, to, q.get("importId", Long.class), v -> sink.row(new Object[] { v.poolCode(),
                v.channelCode(), v.regionCode(), YearMonth.from(v.period()).toString(),
                Money.of(v.amount(), v.currency().trim()), v.currency().trim(), v.reference(), v.description(),
                v.importId(), (long) v.rowNo(), v.fileName(), v.importedBy(), v.importedAt().toString() }));
    }
}
