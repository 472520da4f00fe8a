package org.wanglai.reminders.internal.report;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.Money;
import org.wanglai.api.report.ChartSpec;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ParameterType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportParameter.Choice;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.reminders.internal.db.RemindersStore;

/**
 * Cash-in forecast (回款预测): each open item is expected on its due date shifted by its customer's own average
 * days late (amount-weighted over the allocations of the last 12 months); items already expected in the past are
 * expected in the first period. Disputed items are left out.
 */
@Component(service = Report.class, property = "wanglai.report=reminders.forecast")
public final class ForecastReport implements Report {
    private final RemindersStore store;
    private final ReportDefinition definition = new ReportDefinition("reminders.forecast", "reminders",
            LocalizedText.of("回款预测", "Cash-in forecast"),
            LocalizedText.of("按客户历史平均逾期天数推算的预计回款", "Expected collections from each customer's own average days late"),
            List.of(ReportParameter.of("asOf", "截至日期", "As of", ParameterType.DATE, true, "today"),
                    ReportParameter.choice("period", "周期", "Period", "week", Choice.of("week", "周", "Week"),
                            Choice.of("month", "月", "Month"))),
            List.of(ReportColumn.of("period_start", "期间开始", "Period start", ColumnType.DATE, false),
                    ReportColumn.text("period", "期间", "Period"),
                    ReportColumn.of("expected", "预计回款", "Expected cash-in", ColumnType.MONEY, true),
                    ReportColumn.of("items", "项数", "Items", ColumnType.INTEGER, true),
                    ReportColumn.of("cumulative", "累计", "Cumulative", ColumnType.MONEY, false)),
            Optional.of(new ChartSpec(ChartSpec.ChartType.BAR, "period", List.of("expected"))), "viewer");

    @Activate
    public ForecastReport(@Reference RemindersStore store) {
        this.store = store;
    }

    @Override
    public ReportDefinition definition() {
        return definition;
    }

    @Override
    public void run(ReportQuery q, RowSink sink) {
        LocalDate asOf = q.require("asOf", LocalDate.class);
        boolean monthly = "month".equals(AgeingReport.whitelisted(q.get("period", String.class),
                List.of("week", "month"), "period", "week"));
        // (period start, currency) -> amount, items: at most a few hundred periods, whatever the number of items
        Map<String, Map<LocalDate, Object[]>> byCurrency = new TreeMap<>();
        store.stream(m -> m.forecast(asOf, RemindersStore.isCurrent(asOf), asOf.minusYears(1)), c -> {
            LocalDate d = c.expectedDate.isBefore(asOf) ? asOf : c.expectedDate;
            LocalDate start = monthly ? d.withDayOfMonth(1) : d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            Object[] cell = byCurrency.computeIfAbsent(c.currency, k -> new TreeMap<>())
                    .computeIfAbsent(start, k -> new Object[] {BigDecimal.ZERO, 0L});
            cell[0] = ((BigDecimal) cell[0]).add(c.amount);
            cell[1] = (Long) cell[1] + c.items;
            return true;
        });
        for (Map.Entry<String, Map<LocalDate, Object[]>> e : byCurrency.entrySet()) {
            BigDecimal cum = BigDecimal.ZERO;
            for (Map.Entry<LocalDate, Object[]> p : e.getValue().entrySet()) {
                BigDecimal amount = (BigDecimal) p.getValue()[0];
                cum = cum.add(amount);
                String label = monthly ? p.getKey().toString().substring(0, 7)
                        : p.getKey() + "~" + p.getKey().plusDays(6);
                if (!sink.row(new Object[] {p.getKey(), label, Money.of(amount, e.getKey()), p.getValue()[1],
                        Money.of(cum, e.getKey())})) {
                    return;
                }
            }
        }
    }
}
