package org.wanglai.costing.internal.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.report.ChartSpec;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.costing.internal.CostingService;

/** Channel return on spend (渠道投入产出比): what each channel earns for the cost-to-serve spent on it. */
@Component(service = org.wanglai.api.report.Report.class, property = "wanglai.report=costing.channel-roi")
public final class ChannelReturnReport extends CubeReport {

    private static final ReportDefinition DEFINITION = new ReportDefinition("costing.channel-roi", "costing",
            LocalizedText.of("渠道投入产出比", "Channel return on spend"),
            LocalizedText.of("各渠道的收入、毛利与服务成本（投入）之比", "Revenue and gross margin of each channel per unit of cost-to-serve spent"),
            List.of(FROM, TO),
            List.of(ReportColumn.text("channel", "渠道", "Channel"),
                    ReportColumn.of("customers", "客户数", "Customers", ColumnType.INTEGER, false),
                    ReportColumn.of("revenue", "销售收入", "Revenue", ColumnType.MONEY, true),
                    ReportColumn.of("gross_margin", "毛利", "Gross margin", ColumnType.MONEY, true),
                    ReportColumn.of("cost_to_serve", "服务成本（投入）", "Cost-to-serve (spend)", ColumnType.MONEY, true),
                    ReportColumn.of("net_profit", "净利润", "Net profit", ColumnType.MONEY, true),
                    ReportColumn.of("return_on_spend", "投入产出比（收入/投入）", "Revenue per unit spent", ColumnType.DECIMAL, false),
                    ReportColumn.of("margin_on_spend", "毛利/投入", "Gross margin per unit spent", ColumnType.DECIMAL, false)),
            Optional.of(new ChartSpec(ChartSpec.ChartType.BAR, "channel", List.of("revenue", "cost_to_serve", "net_profit"))),
            "viewer");

    @Activate
    public ChannelReturnReport(@Reference CostingService costing) {
        super(costing);
    }

    @Override
    public ReportDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void run(ReportQuery q, RowSink sink) {
        costing.stream(cube(q, List.of("channel"), List.of("customers", "revenue", "gross_margin", "cost_to_serve",
                "net_profit", "return_on_spend"), "revenue", true), row -> {
                    BigDecimal cts = row.measure("cost_to_serve");
                    BigDecimal marginOnSpend = cts.signum() == 0 ? null
                            : row.measure("gross_margin").divide(cts, 4, java.math.RoundingMode.HALF_UP);
                    return sink.row(new Object[] { label(row, 0, q), count(row.measure("customers")),
                            money(row.measure("revenue")), money(row.measure("gross_margin")), money(cts),
                            money(row.measure("net_profit")), row.measure("return_on_spend"), marginOnSpend });
                });
    }
}
