package org.wanglai.credit.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.SqlSession;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.CreditStatus;
import org.wanglai.api.Customer;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.Money;
import org.wanglai.api.ValidationException;
import org.wanglai.api.credit.CreditExposure;
import org.wanglai.api.report.ChartSpec;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ParameterType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;

/**
 * Registers the credit reports (whiteboard {@link Report} services): monitor, customers over limit, utilisation
 * and grade distributions, limit history, check log and score history. Rows come from MyBatis cursors; the
 * exposure figures of the monitor come from the same ledger the checks use.
 */
@Component(immediate = true)
public final class CreditReports {

    private final CreditService credit;
    private final List<ServiceRegistration<Report>> registrations = new ArrayList<>();

    @Activate
    public CreditReports(@Reference CreditService credit, BundleContext context) {
        this.credit = credit;
        for (Report r : List.of(monitor(false), monitor(true), utilisation(), grades(), limitHistory(), checkLog(),
                scoreHistory())) {
            registrations.add(context.registerService(Report.class, r,
                    new java.util.Hashtable<>(Map.of("wanglai.report", r.definition().id()))));
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<Report> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        }
        registrations.clear();
    }

    private static Report report(ReportDefinition def, BiConsumer<ReportQuery, RowSink> run) {
        return new Report() {
            @Override
            public ReportDefinition definition() {
                return def;
            }

            @Override
            public void run(ReportQuery query, RowSink sink) {
                run.accept(query, sink);
            }
        };
    }

    private static final ReportParameter FROM = ReportParameter.of("from", "开始日期", "From", ParameterType.DATE, false, null);
    private static final ReportParameter TO = ReportParameter.of("to", "结束日期", "To", ParameterType.DATE, false, "today");
    private static final ReportParameter CUSTOMER = ReportParameter.of("customer", "客户", "Customer", ParameterType.CUSTOMER, false, null);
    private static final ReportParameter CATEGORY = ReportParameter.of("category", "客户分类", "Customer category", ParameterType.CATEGORY, false, null);

    private Long customerId(ReportQuery q) {
        String code = q.get("customer", String.class);
        if (code == null || code.isBlank()) {
            return null;
        }
        return credit.hostCustomers().findByCode(code).map(Customer::id)
                .orElseThrow(() -> new ValidationException("customer", "unknown customer code '" + code + "'"));
    }

    private static LocalDateTime from(ReportQuery q) {
        LocalDate d = q.get("from", LocalDate.class);
        return (d == null ? LocalDate.of(2000, 1, 1) : d).atStartOfDay();
    }

    private LocalDateTime to(ReportQuery q) {
        LocalDate d = q.get("to", LocalDate.class);
        if (d == null) { // log timestamps are wall-clock time, even when the business date is replayed
            LocalDate wall = LocalDate.now(credit.clock());
            d = wall.isAfter(credit.today()) ? wall : credit.today();
        }
        return d.plusDays(1).atStartOfDay();
    }

    private static <T> void stream(Cursor<T> cursor, java.util.function.Predicate<T> each) {
        try (cursor) {
            for (T row : cursor) {
                if (!each.test(row)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- monitor and customers over limit

    private static final List<ReportColumn> MONITOR_COLUMNS = List.of(
            ReportColumn.text("code", "客户编码", "Customer"),
            ReportColumn.text("name", "客户名称", "Name"),
            ReportColumn.text("category", "分类", "Category"),
            ReportColumn.of("limit", "信用额度", "Credit limit", ColumnType.MONEY, true),
            ReportColumn.of("receivables", "应收未收", "Open receivables", ColumnType.MONEY, true),
            ReportColumn.of("orders", "未发货订单", "Open orders", ColumnType.MONEY, true),
            ReportColumn.of("shipped", "已发货未开票", "Shipped not invoiced", ColumnType.MONEY, true),
            ReportColumn.of("reserved", "检查预留", "Reserved by checks", ColumnType.MONEY, true),
            ReportColumn.of("exposure", "信用占用", "Exposure", ColumnType.MONEY, true),
            ReportColumn.of("utilisation", "使用率", "Utilisation", ColumnType.PERCENT, false),
            ReportColumn.text("status", "信用状态", "Status"),
            ReportColumn.text("grade", "信用等级", "Grade"),
            ReportColumn.of("overdue", "逾期金额", "Overdue", ColumnType.MONEY, true),
            ReportColumn.of("overdueDays", "最长逾期天数", "Oldest overdue days", ColumnType.INTEGER, false));

    private Report monitor(boolean overLimitOnly) {
        ReportDefinition def = new ReportDefinition(overLimitOnly ? "credit.over-limit" : "credit.monitor", "credit",
                overLimitOnly ? LocalizedText.of("超额度客户", "Customers over limit") : LocalizedText.of("信用监控", "Credit monitor"),
                overLimitOnly ? LocalizedText.of("信用占用超过额度的客户", "Customers whose exposure exceeds their limit")
                        : LocalizedText.of("每个客户的额度、占用构成、使用率、状态、等级和逾期", "Limit, exposure split, utilisation, status, grade and overdue per customer"),
                List.of(CATEGORY), MONITOR_COLUMNS, Optional.empty(), "viewer");
        return report(def, (q, sink) -> {
            String category = q.get("category", String.class);
            try (SqlSession s = credit.factory().openSession()) {
                stream(s.getMapper(CreditMapper.class).monitor(category == null || category.isBlank() ? null : category),
                        row -> {
                            Optional<CreditExposure> e = credit.exposure(row.customerId());
                            if (e.isEmpty()) {
                                return true;
                            }
                            CreditExposure x = e.get();
                            if (overLimitOnly && !(x.limit().signum() > 0 && x.total().greaterThan(x.limit())
                                    && x.status() != CreditStatus.NO_CHECK)) {
                                return true;
                            }
                            return sink.row(new Object[] { row.code(), row.name(), row.categoryCode(), x.limit(),
                                    x.receivables(), x.openOrders(), x.shippedNotInvoiced(), x.reserved(), x.total(),
                                    x.utilisation(), x.status().name(), credit.grade(row.customerId()), x.overdue(),
                                    (long) x.oldestOverdueDays() });
                        });
            }
        });
    }

    // ---- distributions

    private static final String[] BUCKETS = { "0-50%", "50-80%", "80-90%", "90-100%", ">100%" };

    private Report utilisation() {
        ReportDefinition def = new ReportDefinition("credit.utilisation", "credit",
                LocalizedText.of("额度使用率分布", "Credit utilisation distribution"),
                LocalizedText.of("有额度客户按使用率分段的人数与占用（按币种）", "Customers with a limit by utilisation band, per currency"),
                List.of(CATEGORY),
                List.of(ReportColumn.text("band", "使用率区间", "Utilisation band"),
                        ReportColumn.text("currency", "币种", "Currency"),
                        ReportColumn.of("customers", "客户数", "Customers", ColumnType.INTEGER, true),
                        ReportColumn.of("exposure", "信用占用", "Exposure", ColumnType.MONEY, true)),
                Optional.of(new ChartSpec(ChartSpec.ChartType.BAR, "band", List.of("customers"))), "viewer");
        return report(def, (q, sink) -> {
            String category = q.get("category", String.class);
            Map<String, long[]> counts = new java.util.TreeMap<>();
            Map<String, Money[]> sums = new java.util.TreeMap<>();
            try (SqlSession s = credit.factory().openSession()) {
                stream(s.getMapper(CreditMapper.class).monitor(category == null || category.isBlank() ? null : category),
                        row -> {
                            credit.exposure(row.customerId()).ifPresent(x -> {
                                if (x.utilisation() == null || x.status() == CreditStatus.NO_CHECK) {
                                    return;
                                }
                                int b = band(x.utilisation());
                                String cur = x.total().currencyCode();
                                counts.computeIfAbsent(cur, k -> new long[BUCKETS.length])[b]++;
                                Money[] m = sums.computeIfAbsent(cur, k -> new Money[BUCKETS.length]);
                                m[b] = m[b] == null ? x.total() : m[b].plus(x.total());
                            });
                            return true;
                        });
            }
            if (counts.isEmpty()) {
                counts.put("CNY", new long[BUCKETS.length]);
                sums.put("CNY", new Money[BUCKETS.length]);
            }
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                for (int b = 0; b < BUCKETS.length; b++) {
                    Money m = sums.get(e.getKey())[b];
                    if (!sink.row(new Object[] { BUCKETS[b], e.getKey(), e.getValue()[b],
                            m == null ? Money.zero(e.getKey()) : m })) {
                        return;
                    }
                }
            }
        });
    }

    static int band(BigDecimal utilisation) {
        if (utilisation.compareTo(new BigDecimal("0.5")) <= 0) {
            return 0;
        }
        if (utilisation.compareTo(new BigDecimal("0.8")) <= 0) {
            return 1;
        }
        if (utilisation.compareTo(new BigDecimal("0.9")) <= 0) {
            return 2;
        }
        return utilisation.compareTo(BigDecimal.ONE) <= 0 ? 3 : 4;
    }

    private Report grades() {
        ReportDefinition def = new ReportDefinition("credit.grades", "credit",
                LocalizedText.of("信用等级分布", "Credit grade distribution"),
                LocalizedText.of("按最新评分的信用等级统计客户数", "Customers by their latest credit grade"), List.of(),
                List.of(ReportColumn.text("grade", "信用等级", "Grade"),
                        ReportColumn.of("customers", "客户数", "Customers", ColumnType.INTEGER, true)),
                Optional.of(new ChartSpec(ChartSpec.ChartType.PIE, "grade", List.of("customers"))), "viewer");
        return report(def, (q, sink) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String g : Grades.ALL) {
                counts.put(g, 0L);
            }
            try (SqlSession s = credit.factory().openSession()) {
                for (CreditMapper.GradeCount g : s.getMapper(CreditMapper.class).gradeDistribution()) {
                    counts.put(g.grade(), g.customers());
                }
            }
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                if (!sink.row(new Object[] { e.getKey(), e.getValue() })) {
                    return;
                }
            }
        });
    }

    // ---- histories

    private Report limitHistory() {
        ReportDefinition def = new ReportDefinition("credit.limit-history", "credit",
                LocalizedText.of("信用额度变更历史", "Credit limit history"),
                LocalizedText.of("每次额度变更：原额度、新额度、操作人、审批人、时间、原因", "Every limit change: old, new, who, approver, when, why"),
                List.of(FROM, TO, CUSTOMER),
                List.of(ReportColumn.text("changedAt", "时间", "Changed at"), ReportColumn.text("code", "客户编码", "Customer"),
                        ReportColumn.text("name", "客户名称", "Name"), ReportColumn.text("kind", "类型", "Kind"),
                        ReportColumn.of("oldLimit", "原额度", "Old limit", ColumnType.MONEY, false),
                        ReportColumn.of("newLimit", "新额度", "New limit", ColumnType.MONEY, false),
                        ReportColumn.text("changedBy", "操作人", "Changed by"),
                        ReportColumn.text("approvedBy", "审批人", "Approved by"),
                        ReportColumn.text("reason", "原因", "Reason")),
                Optional.empty(), "accountant");
        return report(def, (q, sink) -> {
            Long customer = customerId(q);
            try (SqlSession s = credit.factory().openSession()) {
                stream(s.getMapper(CreditMapper.class).limitHistory(from(q), to(q), customer), r -> {
                    String cur = r.currency().trim();
                    return sink.row(new Object[] { r.changedAt().toString(), r.code(), r.name(), r.kind(),
                            r.oldLimit() == null ? null : Money.of(r.oldLimit(), cur), Money.of(r.newLimit(), cur),
                            r.changedBy(), r.approvedBy(), r.reason() });
                });
            }
        });
    }

    private Report checkLog() {
        ReportDefinition def = new ReportDefinition("credit.check-log", "credit",
                LocalizedText.of("信用检查日志", "Credit check log"),
                LocalizedText.of("每次信用检查的单据、结果、原因和当时的占用", "Every credit check: document, decision, reasons and the exposure seen"),
                List.of(FROM, TO, ReportParameter.choice("outcome", "结果", "Outcome", "ALL",
                        ReportParameter.Choice.of("ALL", "全部", "All"), ReportParameter.Choice.of("PASS", "通过", "Pass"),
                        ReportParameter.Choice.of("WARN", "警告", "Warn"), ReportParameter.Choice.of("BLOCK", "拒绝", "Block")),
                        CUSTOMER),
                List.of(ReportColumn.of("id", "编号", "Check", ColumnType.INTEGER, false),
                        ReportColumn.text("checkedAt", "时间", "Checked at"), ReportColumn.text("code", "客户编码", "Customer"),
                        ReportColumn.text("docType", "单据类型", "Document type"), ReportColumn.text("docNo", "单据号", "Document"),
                        ReportColumn.of("amount", "金额", "Amount", ColumnType.MONEY, false),
                        ReportColumn.text("outcome", "结果", "Outcome"),
                        ReportColumn.of("exposure", "检查时占用", "Exposure seen", ColumnType.MONEY, false),
                        ReportColumn.of("limit", "额度", "Limit", ColumnType.MONEY, false),
                        ReportColumn.text("status", "状态", "Status"), ReportColumn.text("reasons", "原因", "Reasons"),
                        ReportColumn.text("user", "用户", "User"), ReportColumn.text("bypass", "越权原因", "Bypass reason")),
                Optional.empty(), "accountant");
        return report(def, (q, sink) -> {
            credit.flushCheckLog();
            String outcome = q.get("outcome", String.class);
            if (outcome != null && !List.of("ALL", "PASS", "WARN", "BLOCK").contains(outcome)) {
                throw new ValidationException("outcome", "must be ALL, PASS, WARN or BLOCK");
            }
            Long customer = customerId(q);
            try (SqlSession s = credit.factory().openSession()) {
                stream(s.getMapper(CreditMapper.class).checkLog(from(q), to(q),
                        outcome == null || "ALL".equals(outcome) ? null : outcome, customer), r -> {
                            String cur = r.currency().trim();
                            return sink.row(new Object[] { r.id(), r.checkedAt().toString(), r.code(), r.docType(),
                                    r.docNo(), Money.of(r.amount(), cur), r.outcome(),
                                    r.exposure() == null ? null : Money.of(r.exposure(), cur),
                                    r.limitAmount() == null ? null : Money.of(r.limitAmount(), cur), r.status(),
                                    r.reasons(), r.userName(), r.bypass() ? r.bypassReason() : null });
                        });
            }
        });
    }

    private Report scoreHistory() {
        ReportDefinition def = new ReportDefinition("credit.score-history", "credit",
                LocalizedText.of("信用评分历史", "Credit score history"),
                LocalizedText.of("历次评分、等级、建议额度及主要因子", "Scores, grades, recommended limits and main factors over time"),
                List.of(FROM, TO, CUSTOMER),
                List.of(ReportColumn.text("scoredAt", "评分时间", "Scored at"), ReportColumn.text("code", "客户编码", "Customer"),
                        ReportColumn.text("name", "客户名称", "Name"),
                        ReportColumn.of("score", "评分", "Score", ColumnType.DECIMAL, false),
                        ReportColumn.text("grade", "等级", "Grade"),
                        ReportColumn.of("recommended", "建议额度", "Recommended limit", ColumnType.MONEY, false),
                        ReportColumn.of("dso", "DSO", "DSO", ColumnType.DECIMAL, false),
                        ReportColumn.of("late", "平均逾期天数", "Avg days late", ColumnType.DECIMAL, false),
                        ReportColumn.of("share", "逾期发票占比", "Late invoice share", ColumnType.PERCENT, false),
                        ReportColumn.of("worst", "最长逾期天数", "Worst days late", ColumnType.DECIMAL, false),
                        ReportColumn.of("external", "外部评分", "External score", ColumnType.DECIMAL, false)),
                Optional.of(new ChartSpec(ChartSpec.ChartType.LINE, "scoredAt", List.of("score"))), "viewer");
        return report(def, (q, sink) -> {
            Long customer = customerId(q);
            try (SqlSession s = credit.factory().openSession()) {
                stream(s.getMapper(CreditMapper.class).scoreHistory(from(q), to(q), customer), r -> sink.row(new Object[] {
                        r.scoredAt().toString(), r.code(), r.name(), r.score(), r.grade(),
                        r.recommendedLimit() == null ? null : Money.of(r.recommendedLimit(), r.currency().trim()),
                        r.dso(), r.avgDaysLate(), r.overdueShare(), r.worstDays(), r.externalScore() }));
            }
        });
    }

    static BigDecimal ratio(BigDecimal a, BigDecimal b) {
        return b.signum() == 0 ? null : a.divide(b, 4, RoundingMode.HALF_UP);
    }
}
