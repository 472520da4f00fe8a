package org.wanglai.costing.internal.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.costing.CubeRow;
import org.wanglai.api.report.ChartSpec;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.costing.internal.CostingService;

/**
 * Seasonality by month of year (季节性): average revenue and net profit of each calendar month over the range, and
 * the seasonal index (the month's average revenue over the average month's revenue; 1.00 = an average month).
 */
@Component(service = org.wanglai.api.report.Report.class, property = "wanglai.report=costing.seasonality")
public final class SeasonalityReport extends CubeReport {

    private static final ReportDefinition DEFINITION = new ReportDefinition("costing.seasonality", "costing",
            LocalizedText.of("季节性分析", "Seasonality by month of year"),
            LocalizedText.of("各自然月的平均收入、平均净利润和季节指数", "Average revenue and net profit per calendar month and the seasonal index"),
            List.of(FROM, TO),
            List.of(ReportColumn.text("month_of_year", "月份", "Month"),
                    ReportColumn.of("months", "数据月数", "Months of data", ColumnType.INTEGER, false),
                    ReportColumn.of("avg_revenue", "月均收入", "Average revenue", ColumnType.MONEY, false),
                    ReportColumn.of("avg_net_profit", "月均净利润", "Average net profit", ColumnType.MONEY, false),
                    ReportColumn.of("seasonal_index", "季节指数", "Seasonal index", ColumnType.DECIMAL, false)),
            Optional.of(new ChartSpec(ChartSpec.ChartType.BAR, "month_of_year", List.of("seasonal_index"))),
            "viewer");

    @Activate
    public SeasonalityReport(@Reference CostingService costing) {
        super(costing);
    }

    @Override
    public ReportDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void run(ReportQuery q, RowSink sink) {
        // Twelve rows at most: the index needs the average over all of them first.
        List<CubeRow> rows = new ArrayList<>(12);
        costing.stream(cube(q, List.of("month_of_year"), List.of("revenue", "net_profit", "months"), null, false),
                rows::add);
        BigDecimal revenue = BigDecimal.ZERO;
        long months = 0;
        for (CubeRow r : rows) {
            revenue = revenue.add(r.measure("revenue"));
            months += r.measure("months").longValue();
        }
        BigDecimal average = months == 0 ? BigDecimal.ZERO : revenue.divide(BigDecimal.valueOf(months), 6, RoundingMode.HALF_UP);
        for (CubeRow r : rows) {
            BigDecimal n = r.measure("months");
            BigDecimal avgRevenue = n.signum() == 0 ? BigDecimal.ZERO : r.measure("revenue").divide(n, 2, RoundingMode.HALF_UP);
            BigDecimal avgProfit = n.signum() == 0 ? BigDecimal.ZERO : r.measure("net_profit").divide(n, 2, RoundingMode.HALF_UP);
            BigDecimal index = average.signum() == 0 ? null
                    : r.measure("revenue").divide(n, 6, RoundingMode.HALF_UP).divide(average, 2, RoundingMode.HALF_UP);
            if (!sink.row(new Object[] { label(r, 0, q), n.longValue(), money(avgRevenue), money(avgProfit), index })) {
                return;
            }
        }
    }
}
