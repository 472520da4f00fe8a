package org.wanglai.costing.internal.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

/** Region comparison (区域对比): revenue, margins, cost-to-serve and profit per customer by sales region. */
@Component(service = org.wanglai.api.report.Report.class, property = "wanglai.report=costing.region")
public final class RegionReport extends CubeReport {

    private static final ReportDefinition DEFINITION = new ReportDefinition("costing.region", "costing",
            LocalizedText.of("区域盈利对比", "Region comparison"),
            LocalizedText.of("各区域的收入、毛利率、服务成本、净利润和户均净利润", "Revenue, margin, cost-to-serve, net profit and profit per customer by region"),
            List.of(FROM, TO),
            List.of(ReportColumn.text("region", "区域", "Region"),
                    ReportColumn.of("customers", "客户数", "Customers", ColumnType.INTEGER, false),
                    ReportColumn.of("orders", "订单数", "Orders", ColumnType.INTEGER, true),
                    ReportColumn.of("revenue", "销售收入", "Revenue", ColumnType.MONEY, true),
                    ReportColumn.of("gross_margin_pct", "毛利率", "Gross margin %", ColumnType.PERCENT, false),
                    ReportColumn.of("cost_to_serve", "服务成本", "Cost-to-serve", ColumnType.MONEY, true),
                    ReportColumn.of("net_profit", "净利润", "Net profit", ColumnType.MONEY, true),
                    ReportColumn.of("net_margin_pct", "净利率", "Net margin %", ColumnType.PERCENT, false),
                    ReportColumn.of("profit_per_customer", "户均净利润", "Net profit per customer", ColumnType.MONEY, false)),
            Optional.of(new ChartSpec(ChartSpec.ChartType.BAR, "region", List.of("revenue", "net_profit"))),
            "viewer");

    @Activate
    public RegionReport(@Reference CostingService costing) {
        super(costing);
    }

    @Override
    public ReportDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void run(ReportQuery q, RowSink sink) {
        costing.stream(cube(q, List.of("region"), List.of("customers", "orders", "revenue", "gross_margin_pct",
                "cost_to_serve", "net_profit", "net_margin_pct"), "net_profit", true), row -> {
                    BigDecimal customers = row.measure("customers");
                    BigDecimal perCustomer = customers.signum() == 0 ? null
                            : row.measure("net_profit").divide(customers, 2, RoundingMode.HALF_UP);
                    return sink.row(new Object[] { label(row, 0, q), count(customers), count(row.measure("orders")),
                            money(row.measure("revenue")), row.measure("gross_margin_pct"),
                            money(row.measure("cost_to_serve")), money(row.measure("net_profit")),
                            row.measure("net_margin_pct"), money(perCustomer) });
                });
    }
}
