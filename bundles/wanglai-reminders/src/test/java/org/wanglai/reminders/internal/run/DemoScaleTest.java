package org.wanglai.reminders.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.jdbc.DataSourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.Money;
import org.wanglai.api.notify.DeliveryChannel;
import org.wanglai.api.notify.Notification;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.excel.internal.XlsxReportExporter;
import org.wanglai.host.internal.HostDatabaseImpl;
import org.wanglai.host.internal.demo.DemoDataGenerator;
import org.wanglai.reminders.internal.db.RemindersStore;
import org.wanglai.reminders.internal.db.Rows;
import org.wanglai.reminders.internal.report.AgeingReport;
import org.wanglai.reminders.internal.report.ForecastReport;
import org.wanglai.reminders.internal.terms.PaymentTerms;

/**
 * The reminders capability on generated demo data, through the real host data service (Hikari, Liquibase, MyBatis)
 * on H2: the due-date engine reproduces every stored pay schedule, the ageing reconciles to open receivables, and a
 * run goes from proposal to delivery. Prints what each step costs (figures, not assertions).
 *
 * <p>Scale from {@code -Dwanglai.reminders.scale=tiny|demo} (tiny in the normal build); {@code
 * -Dwanglai.reminders.bench=1000000} adds that many synthetic open items over 100,000 customers and compares the
 * ageing with the bare GROUP BY and exports it to .xlsx (run with {@code -DargLine=-Xmx256m} to cap the heap).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoScaleTest {
    private static final Logger LOG = LoggerFactory.getLogger(DemoScaleTest.class);
    private final LocalDate today = LocalDate.now();
    private HostDatabaseImpl db;
    private RemindersStore store;
    private final StringBuilder figures = new StringBuilder();

    @SuppressWarnings("unchecked")
    static <A extends Annotation> A config(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            if (values.containsKey(m.getName())) {
                return values.get(m.getName());
            }
            if (m.getDefaultValue() != null) {
                return m.getDefaultValue();
            }
            if ("annotationType".equals(m.getName())) {
                return type;
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }

    private long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private void figure(String what, Object value) {
        figures.append(String.format("  %-58s %s%n", what, value));
        LOG.info("{}: {}", what, value); // at once too: a long benchmark may be stopped before the summary
    }

    @BeforeAll
    void generate() throws Exception {
        String scale = System.getProperty("wanglai.reminders.scale", "tiny");
        long bench = Long.getLong("wanglai.reminders.bench", 0L);
        // the benchmark's database lives in a file under target/, so that a capped heap holds only the application
        String url = bench > 0 ? "jdbc:h2:file:" + Path.of("target", "rem-bench-" + System.nanoTime(), "host")
                .toAbsolutePath() : "jdbc:h2:mem:rem-demo-" + scale + ";DB_CLOSE_DELAY=-1";
        Map<String, Object> driver = Map.of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.h2.Driver");
        db = new HostDatabaseImpl(config(HostDatabaseImpl.Config.class, Map.of("jdbcUrl", url, "user", "sa",
                "password", "", "poolSize", 4)), List.of(Map.entry(driver,
                        new org.h2.util.OsgiDataSourceFactory(new org.h2.Driver()))));
        long t0 = System.nanoTime();
        DemoDataGenerator.Stats stats;
        try (Connection c = db.dataSource().getConnection()) {
            stats = new DemoDataGenerator(DemoDataGenerator.Scale.valueOf(scale.toUpperCase(Locale.ROOT)), 42L, today)
                    .generate(c);
        }
        figure("demo data " + scale + " (as of today) generated in ms", ms(t0) + " — " + stats.summary());
        t0 = System.nanoTime();
        store = new RemindersStore(db);
        figure("migration (Liquibase) ms", ms(t0));
        if (bench > 0) {
            addSyntheticOpenItems(bench);
        }
    }

    private void addSyntheticOpenItems(long n) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO erp_customer (id, code, name, category_id, created_date) SELECT 9000000 + X, "
                    + "'BENCH' || X, 'Bench customer ' || X, (SELECT MIN(id) FROM erp_customer_category WHERE id NOT IN "
                    + "(SELECT parent_id FROM erp_customer_category WHERE parent_id IS NOT NULL)), DATE '2020-01-01' "
                    + "FROM SYSTEM_RANGE(1, 100000)");
            st.execute("INSERT INTO erp_invoice (id, doc_no, customer_id, invoice_date, payment_term_id, currency, "
                    + "grand_total, status, is_paid, in_dispute) SELECT 90000000 + X, 'BI' || X, 9000001 + MOD(X, 100000), "
                    + "DATEADD('DAY', -MOD(X, 400), CURRENT_DATE), (SELECT MIN(id) FROM erp_payment_term), 'CNY', "
                    + "100 + MOD(X, 997), 'CO', FALSE, FALSE FROM SYSTEM_RANGE(1, " + n + ")");
            st.execute("INSERT INTO erp_invoice_pay_schedule (id, invoice_id, seq, due_date, due_amount) SELECT "
                    + "90000000 + X, 90000000 + X, 1, DATEADD('DAY', 30 - MOD(X, 400), CURRENT_DATE), 100 + MOD(X, 997) "
                    + "FROM SYSTEM_RANGE(1, " + n + ")");
            st.execute("ANALYZE");
        }
        figure("synthetic open items inserted", n + " in " + ms(t0) + " ms");
    }

    @AfterAll
    void close() {
        LOG.info("Reminders on demo data (H2, heap max {} MB):\n{}", Runtime.getRuntime().maxMemory() >> 20, figures);
        try {
            ((java.io.Closeable) db.dataSource()).close();
        } catch (java.io.IOException e) {
            LOG.warn("closing the pool", e);
        }
    }

    @Test
    void dueDateEngineReproducesEveryStoredSchedule() {
        long t0 = System.nanoTime();
        PaymentTerms.Verification v = new PaymentTerms(store).verify(LocalDate.of(2000, 1, 1), today);
        figure("pay schedules recomputed with the engine", v.invoices() + " invoices, " + v.rows() + " rows, "
                + v.mismatches() + " mismatches, " + ms(t0) + " ms");
        assertThat(v.mismatches()).as(String.join("\n", v.examples())).isZero();
        assertThat(v.invoices()).isPositive();
    }

    @Test
    void ageingReconcilesAndARunGoesOut(@TempDir Path dir) throws Exception {
        Settings settings = config(Settings.class, Map.of("dailyTime", "", "instanceName", "demo"));
        AgeingReport ageing = new AgeingReport(store, settings);
        for (String groupBy : List.of("customer", "category", "salesperson")) {
            Map<String, BigDecimal> totals = new HashMap<>();
            AtomicLong rows = new AtomicLong();
            long t0 = System.nanoTime();
            ageing.run(new ReportQuery(Map.of("asOf", today, "groupBy", groupBy, "basis", "due"), Locale.CHINA, "t"),
                    r -> {
                        Money total = (Money) r[r.length - 3];
                        totals.merge(total.currencyCode(), total.amount(), BigDecimal::add);
                        rows.incrementAndGet();
                        return true;
                    });
            figure("ageing by " + groupBy + " ms (rows)", ms(t0) + " (" + rows + ")");
            for (Rows.CurrencyTotal ar : store.tx(m -> m.openReceivables(today))) {
                assertThat(totals.get(ar.currency)).as("ageing by " + groupBy + " = open receivables " + ar.currency)
                        .isEqualByComparingTo(ar.amount);
            }
        }
        long t0 = System.nanoTime();
        List<Rows.CurrencyTotal> plain = store.tx(m -> m.openItemsPlain(today, true));
        figure("open items, same SQL, one GROUP BY currency, no buckets ms", ms(t0) + " " + plain.get(0).amount);
        t0 = System.nanoTime();
        long bare = bareGroupBy();
        figure("bare GROUP BY customer over unpaid schedule rows ms (groups)", ms(t0) + " (" + bare + ")");

        if (Long.getLong("wanglai.reminders.bench", 0L) > 0) {
            XlsxReportExporter x = new XlsxReportExporter(config(XlsxReportExporter.Config.class, Map.of()));
            Path file = dir.resolve("ageing.xlsx");
            t0 = System.nanoTime();
            long written;
            try (OutputStream out = Files.newOutputStream(file)) {
                written = x.export(ageing, new ReportQuery(Map.of("asOf", today, "groupBy", "customer", "basis", "due"),
                        Locale.CHINA, "t"), out);
            }
            figure("ageing by customer exported to .xlsx ms (rows, bytes)", ms(t0) + " (" + written + ", "
                    + Files.size(file) + ")");
        }

        t0 = System.nanoTime();
        AtomicLong weeks = new AtomicLong();
        new ForecastReport(store).run(new ReportQuery(Map.of("asOf", today, "period", "week"), Locale.CHINA, "t"),
                r -> weeks.incrementAndGet() > 0);
        figure("cash-in forecast by week ms (weeks)", ms(t0) + " (" + weeks + ")");

        ReminderService service = new ReminderService(store, settings);
        AtomicLong delivered = new AtomicLong();
        for (String id : List.of("inapp", "email")) {
            service.addChannel(counting(id, delivered), Map.of());
        }
        long t0p = System.nanoTime();
        ReminderService.Proposal p = service.propose(today, "demo", "demo run");
        figure("proposal ms (customers, items, disputed skipped, below minimum)", ms(t0p) + " (" + p.customers() + ", "
                + p.items() + ", " + p.disputedSkipped() + ", " + p.customersBelowMinimum() + ")");
        t0 = System.nanoTime();
        ReminderService.Approval a = service.approve(p.runId(), "demo");
        figure("approval ms (reserved, deliveries, actions)", ms(t0) + " (" + a.reserved() + ", " + a.deliveries()
                + ", " + a.actions() + ")");
        t0 = System.nanoTime();
        ReminderService.SendResult s = service.send(p.runId());
        figure("sending (recording channels) ms (sent, failed)", ms(t0) + " (" + s.sent() + ", " + s.failed() + ")");
        assertThat(a.reserved()).isEqualTo(p.items());
        assertThat(s.sent()).isEqualTo(delivered.get()).isEqualTo(a.deliveries());
        assertThat(service.propose(today, "demo", "again").items()).as("nothing is reminded twice").isZero();
        if (p.items() > 0) {
            assertThat(s.finished()).isTrue();
            // the bilingual reminder letter of the customer with the highest level, as the e-mail attaches it
            Rows.RunCustomer top = service.runCustomers(p.runId()).stream()
                    .max(java.util.Comparator.comparingInt(c -> c.maxLevel)).orElseThrow();
            XlsxReportExporter x = new XlsxReportExporter(config(XlsxReportExporter.Config.class, Map.of()));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            long rows = x.export(new org.wanglai.reminders.internal.report.LetterReport(store, settings), new ReportQuery(
                    Map.of("run", p.runId(), "customer", top.customerCode), Locale.CHINA, "t"), out);
            try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                    new java.io.ByteArrayInputStream(out.toByteArray()))) {
                String text = new org.apache.poi.xssf.extractor.XSSFExcelExtractor(wb).getText();
                assertThat(text).contains("单据号 / Invoice").contains("逾期天数 / Days overdue");
                if (top.maxLevel >= 3) {
                    assertThat(text).contains("催款手续费 / Reminder fee");
                }
            }
            figure("reminder letter .xlsx of " + top.customerCode + " (rows, bytes)", rows + ", " + out.size());
        }
    }

    private static DeliveryChannel counting(String id, AtomicLong delivered) {
        return new DeliveryChannel() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public boolean accepts(String recipient) {
                return true;
            }

            @Override
            public void deliver(Notification n) {
                delivered.incrementAndGet();
            }
        };
    }

    private long bareGroupBy() throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT i.customer_id, SUM(s.due_amount), COUNT(*) FROM erp_invoice i JOIN erp_invoice_pay_schedule s "
                        + "ON s.invoice_id = i.id WHERE NOT i.is_paid AND i.status IN ('CO', 'CL') GROUP BY i.customer_id")) {
            long n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }
}
