package org.wanglai.costing.internal.report;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.costing.internal.CostingService;

/** Customer profitability ranking (客户盈利能力排名): net profit after cost-to-serve, best first. */
@Component(service = org.wanglai.api.report.Report.class, property = "wanglai.report=costing.profitability")
public final class ProfitabilityReport extends CubeReport {

    private static final ReportDefinition DEFINITION = new ReportDefinition("costing.profitability", "costing",
            LocalizedText.of("客户盈利能力排名", "Customer profitability ranking"),
            LocalizedText.of("按净利润（收入 − 销售成本 − 服务成本）排序的客户", "Customers by net profit (revenue − COGS − cost-to-serve)"),
            List.of(FROM, TO),
            List.of(ReportColumn.of("rank", "排名", "Rank", ColumnType.INTEGER, false),
                    ReportColumn.text("customer", "客户", "Customer"),
                    ReportColumn.text("category", "客户分类", "Category"),
                    ReportColumn.of("revenue", "销售收入", "Revenue", ColumnType.MONEY, true),
                    ReportColumn.of("cogs", "销售成本", "COGS", ColumnType.MONEY, true),
                    ReportColumn.of("gross_margin", "毛利", "Gross margin", ColumnType.MONEY, true),
                    ReportColumn.of("gross_margin_pct", "毛利率", "Gross margin %", ColumnType.PERCENT, false),
                    ReportColumn.of("cost_to_serve", "服务成本", "Cost-to-serve", ColumnType.MONEY, true),
                    ReportColumn.of("financing", "其中资金占用", "of which financing", ColumnType.MONEY, true),
                    ReportColumn.of("net_profit", "净利润", "Net profit", ColumnType.MONEY, true),
                    ReportColumn.of("net_margin_pct", "净利率", "Net margin %", ColumnType.PERCENT, false),
                    ReportColumn.of("orders", "订单数", "Orders", ColumnType.INTEGER, true)),
            Optional.empty(), "accountant");

    @Activate
    public ProfitabilityReport(@Reference CostingService costing) {
        super(costing);
    }

    @Override
    public ReportDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void run(ReportQuery q, RowSink sink) {
        long[] rank = { 0 };
        costing.stream(cube(q, List.of("customer", "category"), List.of("revenue", "cogs", "gross_margin",
                "gross_margin_pct", "cost_to_serve", "cts:FINANCING", "net_profit", "net_margin_pct", "orders"),
                "net_profit", true), row -> sink.row(new Object[] { ++rank[0], label(row, 0, q), label(row, 1, q),
                        money(row.measure("revenue")), money(row.measure("cogs")), money(row.measure("gross_margin")),
                        row.measure("gross_margin_pct"), money(row.measure("cost_to_serve")),
                        money(row.measure("cts:FINANCING")), money(row.measure("net_profit")),
                        row.measure("net_margin_pct"), count(row.measure("orders")) }));
    }
}
