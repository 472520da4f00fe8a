package org.wanglai.costing.internal.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.costing.CubeQuery;
import org.wanglai.api.costing.CubeResult;
import org.wanglai.api.report.ChartSpec;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.costing.internal.CostingService;

/**
 * Whale curve (鲸鱼曲线): customers ranked by net profit, with the cumulative profit as a share of the total; the
 * curve rises above 100% over the profitable customers and falls back over the loss-makers.
 */
@Component(service = org.wanglai.api.report.Report.class, property = "wanglai.report=costing.whale")
public final class WhaleCurveReport extends CubeReport {

    private static final ReportDefinition DEFINITION = new ReportDefinition("costing.whale", "costing",
            LocalizedText.of("鲸鱼曲线", "Whale curve"),
            LocalizedText.of("按净利润排序的客户累计利润占总利润的比例", "Cumulative net profit of customers ranked by profit, as a share of total profit"),
            List.of(FROM, TO),
            List.of(ReportColumn.of("rank", "排名", "Rank", ColumnType.INTEGER, false),
                    ReportColumn.text("customer", "客户", "Customer"),
                    ReportColumn.of("net_profit", "净利润", "Net profit", ColumnType.MONEY, true),
                    ReportColumn.of("cumulative_profit", "累计净利润", "Cumulative net profit", ColumnType.MONEY, false),
                    ReportColumn.of("cumulative_pct", "累计利润占比", "Cumulative % of total profit", ColumnType.PERCENT, false),
                    ReportColumn.of("customers_pct", "累计客户占比", "Cumulative % of customers", ColumnType.PERCENT, false)),
            Optional.of(new ChartSpec(ChartSpec.ChartType.LINE, "customers_pct", List.of("cumulative_pct"))),
            "accountant");

    @Activate
    public WhaleCurveReport(@Reference CostingService costing) {
        super(costing);
    }

    @Override
    public ReportDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void run(ReportQuery q, RowSink sink) {
        CubeResult totals = costing.query(new CubeQuery(List.of("year"), List.of("net_profit", "customers"), from(q),
                to(q), Map.of(), null, false, 1));
        BigDecimal totalProfit = totals.totals().getOrDefault("net_profit", BigDecimal.ZERO);
        BigDecimal customers = totals.totals().getOrDefault("customers", BigDecimal.ZERO);
        long[] rank = { 0 };
        BigDecimal[] cumulative = { BigDecimal.ZERO };
        costing.stream(cube(q, List.of("customer"), List.of("net_profit"), "net_profit", true), row -> {
            BigDecimal profit = row.measure("net_profit");
            cumulative[0] = cumulative[0].add(profit);
            rank[0]++;
            BigDecimal pct = totalProfit.signum() == 0 ? null : cumulative[0].divide(totalProfit, 4, RoundingMode.HALF_UP);
            BigDecimal custPct = customers.signum() == 0 ? null
                    : BigDecimal.valueOf(rank[0]).divide(customers, 4, RoundingMode.HALF_UP);
            return sink.row(new Object[] { rank[0], label(row, 0, q), money(profit), money(cumulative[0]), pct, custPct });
        });
    }
}
