package org.wanglai.reminders.internal.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.Money;
import org.wanglai.api.ValidationException;
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
import org.wanglai.reminders.internal.db.Rows;
import org.wanglai.reminders.internal.run.Settings;

/**
 * Ageing of open receivables (账龄分析) as of any date, by due date or invoice date, per customer, category, region
 * or salesperson. One set-based SQL statement aggregates and pivots the buckets into one row per group and currency;
 * the finished rows stream from a cursor.
 */
@Component(service = {Report.class, AgeingReport.class}, property = "wanglai.report=reminders.ageing", configurationPid = Settings.PID)
public final class AgeingReport implements Report {
    static final List<String> GROUPS = List.of("customer", "category", "region", "salesperson");
    static final List<String> BASES = List.of("due", "invoice");

    private final RemindersStore store;
    private final List<Integer> bounds;
    private final ReportDefinition definition;

    @Activate
    public AgeingReport(@Reference RemindersStore store, Settings settings) {
        this.store = store;
        this.bounds = parseBuckets(settings.ageingBuckets());
        List<ReportColumn> cols = new ArrayList<>();
        cols.add(ReportColumn.text("code", "编码", "Code"));
        cols.add(ReportColumn.text("name", "名称", "Name"));
        cols.add(ReportColumn.of("not_due", "未到期", "Not due", ColumnType.MONEY, true));
        int lower = 1;
        for (int i = 0; i < bounds.size(); i++) {
            cols.add(ReportColumn.of("b" + (i + 1), lower + "–" + bounds.get(i) + "天", lower + "–" + bounds.get(i)
                    + " days", ColumnType.MONEY, true));
            lower = bounds.get(i) + 1;
        }
        cols.add(ReportColumn.of("b" + (bounds.size() + 1), bounds.get(bounds.size() - 1) + "天以上",
                "Over " + bounds.get(bounds.size() - 1) + " days", ColumnType.MONEY, true));
        cols.add(ReportColumn.of("total", "合计", "Total", ColumnType.MONEY, true));
        cols.add(ReportColumn.of("overdue", "逾期合计", "Overdue", ColumnType.MONEY, true));
        cols.add(ReportColumn.of("items", "未清项数", "Open items", ColumnType.INTEGER, true));
        List<String> valueCols = new ArrayList<>();
        for (int i = 0; i <= bounds.size(); i++) {
            valueCols.add("b" + (i + 1));
        }
        valueCols.add(0, "not_due");
        this.definition = new ReportDefinition("reminders.ageing", "reminders",
                LocalizedText.of("应收账龄分析", "Receivables ageing"),
                LocalizedText.of("截至指定日期的未清应收按账龄区间汇总，合计等于未清应收总额",
                        "Open receivables as of a date by age bucket; the totals equal open receivables"),
                List.of(ReportParameter.of("asOf", "截至日期", "As of", ParameterType.DATE, true, "today"),
                        ReportParameter.choice("groupBy", "汇总维度", "Group by", "customer",
                                Choice.of("customer", "客户", "Customer"), Choice.of("category", "客户分类", "Category"),
                                Choice.of("region", "区域", "Region"), Choice.of("salesperson", "业务员", "Salesperson")),
                        ReportParameter.choice("basis", "账龄基准", "Based on", "due",
                                Choice.of("due", "到期日", "Due date"), Choice.of("invoice", "开票日", "Invoice date")),
                        ReportParameter.of("customer", "客户", "Customer", ParameterType.CUSTOMER, false, null)),
                cols, Optional.of(new ChartSpec(ChartSpec.ChartType.BAR, "name", valueCols)), "viewer");
    }

    static List<Integer> parseBuckets(String spec) {
        List<Integer> out = new ArrayList<>();
        int prev = 0;
        for (String p : spec.split(",")) {
            int v;
            try {
                v = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ageingBuckets: '" + p.trim() + "' is not a number of days");
            }
            if (v <= prev) {
                throw new IllegalArgumentException("ageingBuckets: bounds must ascend from 1, got " + v + " after " + prev);
            }
            out.add(v);
            prev = v;
        }
        if (out.isEmpty() || out.size() > 12) {
            throw new IllegalArgumentException("ageingBuckets: give 1 to 12 bounds, e.g. 30,60,90,120");
        }
        return List.copyOf(out);
    }

    public List<Integer> bounds() {
        return bounds;
    }

    @Override
    public ReportDefinition definition() {
        return definition;
    }

    @Override
    public void run(ReportQuery q, RowSink sink) {
        LocalDate asOf = q.require("asOf", LocalDate.class);
        String groupBy = whitelisted(q.get("groupBy", String.class), GROUPS, "groupBy", "customer");
        String basis = whitelisted(q.get("basis", String.class), BASES, "basis", "due");
        String customerCode = q.get("customer", String.class);
        Long customerId = null;
        if (customerCode != null && !customerCode.isBlank()) {
            Rows.CustomerRef c = store.tx(m -> m.customerByCode(customerCode));
            if (c == null) {
                throw new ValidationException("customer", "unknown customer " + customerCode);
            }
            customerId = c.id;
        }
        Long cid = customerId;
        int n = bounds.size() + 2; // not due, the bounded buckets, the open-ended one
        store.stream(m -> m.ageing(asOf, groupBy, basis, bounds, bounds.size(), RemindersStore.isCurrent(asOf), cid),
                r -> sink.row(row(r, n)));
    }

    /** The report row of one finished group × currency row: code, name, the buckets, total, overdue, items. */
    static Object[] row(Rows.AgeingRow r, int n) {
        Object[] row = new Object[n + 5];
        row[0] = r.groupCode == null ? "-" : r.groupCode;
        row[1] = r.groupName == null ? "(无/none)" : r.groupName;
        for (int i = 0; i < n; i++) {
            row[2 + i] = Money.of(r.bucket(i), r.currency);
        }
        row[2 + n] = Money.of(r.total, r.currency);
        row[3 + n] = Money.of(r.total.subtract(r.bucket(0)), r.currency);
        row[4 + n] = r.items;
        return row;
    }

    static String whitelisted(String v, List<String> allowed, String field, String dflt) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(s)) {
            throw new ValidationException(field, "must be one of " + allowed + ", was '" + v + "'");
        }
        return s;
    }
}
