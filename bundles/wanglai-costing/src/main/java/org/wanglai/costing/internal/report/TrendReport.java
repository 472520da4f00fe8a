package org.wanglai.costing.internal.report;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.ValidationException;
import org.wanglai.api.report.ChartSpec;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.costing.internal.CostingService;

/**
 * Profitability trend (盈利趋势) by month or quarter with year-on-year (同比) and period-on-period (环比) change. The
 * year before the range is read too so the first periods have their comparison; only the range is shown.
 */
@Component(service = org.wanglai.api.report.Report.class, property = "wanglai.report=costing.trend")
public final class TrendReport extends CubeReport {

    private static final ReportDefinition DEFINITION = new ReportDefinition("costing.trend", "costing",
            LocalizedText.of("盈利趋势（同比/环比）", "Profitability trend (YoY / QoQ)"),
            LocalizedText.of("按月或季度的收入、毛利、服务成本、净利润及同比、环比", "Revenue, margin, cost-to-serve and net profit by month or quarter, with year-on-year and period-on-period change"),
            List.of(FROM, TO, ReportParameter.choice("grain", "粒度", "Grain", "month",
                    ReportParameter.Choice.of("month", "月", "Month"), ReportParameter.Choice.of("quarter", "季度", "Quarter"))),
            List.of(ReportColumn.text("period", "期间", "Period"),
                    ReportColumn.of("revenue", "销售收入", "Revenue", ColumnType.MONEY, true),
                    ReportColumn.of("gross_margin", "毛利", "Gross margin", ColumnType.MONEY, true),
                    ReportColumn.of("cost_to_serve", "服务成本", "Cost-to-serve", ColumnType.MONEY, true),
                    ReportColumn.of("net_profit", "净利润", "Net profit", ColumnType.MONEY, true),
                    ReportColumn.of("net_margin_pct", "净利率", "Net margin %", ColumnType.PERCENT, false),
                    ReportColumn.of("revenue_yoy", "收入同比", "Revenue YoY", ColumnType.PERCENT, false),
                    ReportColumn.of("revenue_pop", "收入环比", "Revenue vs previous period", ColumnType.PERCENT, false),
                    ReportColumn.of("net_profit_yoy", "净利润同比", "Net profit YoY", ColumnType.PERCENT, false),
                    ReportColumn.of("net_profit_pop", "净利润环比", "Net profit vs previous period", ColumnType.PERCENT, false)),
            Optional.of(new ChartSpec(ChartSpec.ChartType.LINE, "period", List.of("revenue", "net_profit"))),
            "viewer");

    @Activate
    public TrendReport(@Reference CostingService costing) {
        super(costing);
    }

    @Override
    public ReportDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void run(ReportQuery q, RowSink sink) {
        String grain = q.get("grain", String.class) == null ? "month" : q.get("grain", String.class);
        if (!grain.equals("month") && !grain.equals("quarter")) {
            throw new ValidationException("grain", "must be month or quarter");
        }
        boolean monthly = grain.equals("month");
        int perYear = monthly ? 12 : 4;
        long firstShown = ordinal(monthly, monthly ? from(q).getYear() * 100L + from(q).getMonthValue()
                : from(q).getYear() * 10L + (from(q).getMonthValue() - 1) / 3 + 1);
        // At most a few dozen periods: the previous year's figures are kept for the comparisons.
        Map<Long, BigDecimal[]> seen = new HashMap<>();
        org.wanglai.api.costing.CubeQuery cq = new org.wanglai.api.costing.CubeQuery(List.of(grain),
                List.of("revenue", "gross_margin", "cost_to_serve", "net_profit", "net_margin_pct"),
                from(q).minusYears(1), to(q), Map.of(), grain, false, 0);
        costing.stream(cq, row -> {
            long key = row.keys().get(0).key();
            long ord = ordinal(monthly, key);
            BigDecimal revenue = row.measure("revenue");
            BigDecimal profit = row.measure("net_profit");
            seen.put(ord, new BigDecimal[] { revenue, profit });
            if (ord < firstShown) {
                return true;
            }
            BigDecimal[] lastYear = seen.get(ord - perYear);
            BigDecimal[] previous = seen.get(ord - 1);
            return sink.row(new Object[] { label(row, 0, q), money(revenue), money(row.measure("gross_margin")),
                    money(row.measure("cost_to_serve")), money(profit), row.measure("net_margin_pct"),
                    change(revenue, lastYear == null ? null : lastYear[0]),
                    change(revenue, previous == null ? null : previous[0]),
                    change(profit, lastYear == null ? null : lastYear[1]),
                    change(profit, previous == null ? null : previous[1]) });
        });
    }

    /** Consecutive numbers for consecutive periods: 202503 -> 2025*12+2, 20251 -> 2025*4+0. */
    static long ordinal(boolean monthly, long key) {
        return monthly ? key / 100 * 12 + key % 100 - 1 : key / 10 * 4 + key % 10 - 1;
    }

    /** (now − before) / |before|; null when there is nothing to compare with. */
    static BigDecimal change(BigDecimal now, BigDecimal before) {
        if (before == null || before.signum() == 0) {
            return null;
        }
        return now.subtract(before).divide(before.abs(), 4, java.math.RoundingMode.HALF_UP);
    }
}
