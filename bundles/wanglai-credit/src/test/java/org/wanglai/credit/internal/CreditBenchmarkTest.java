package org.wanglai.credit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.wanglai.api.CreditStatus;
import org.wanglai.host.internal.demo.DemoDataGenerator;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Figures, not a timed test: what credit control costs on the DEMO data set (2,000 customers, 3 years) on H2 and on
 * a real PostgreSQL, and on a synthetic H2 host with 100,000 customers and 1,000,000 open items, and a check from the
 * ledger against recomputing the exposure in SQL per check. Opt-in, the DEMO runs take a few minutes:
 * {@code mvn test -pl bundles/wanglai-credit -Dwanglai.credit.bench=true -Dtest=CreditBenchmarkTest} (add
 * {@code -Dwanglai.credit.bench.large=true} for the large host).
 */
@EnabledIfSystemProperty(named = "wanglai.credit.bench", matches = "true")
class CreditBenchmarkTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    private static Map<String, Object> settings() {
        return Map.of("today", AS_OF.toString(), "reconcileMinutes", 0, "scoreIntervalHours", 0);
    }

    private static Path dir(String name) throws Exception {
        Path d = Path.of("target", "bench", name);
        if (Files.exists(d)) {
            try (Stream<Path> s = Files.walk(d)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(d);
        return d.toAbsolutePath();
    }

    private static void report(String label, CreditService credit, TestHost host, boolean scores) {
        long t0 = System.nanoTime();
        var rec = credit.reconcile();
        long reconcileMs = (System.nanoTime() - t0) / 1_000_000;
        Map<CreditStatus, Integer> statuses = new EnumMap<>(CreditStatus.class);
        for (long id : credit.customerIds()) {
            credit.exposure(id).ifPresent(e -> statuses.merge(e.status(), 1, Integer::sum));
        }
        System.out.printf("[%s] reconcile %d ms (%d drifted); statuses %s%n", label, reconcileMs, rec.drifted(), statuses);
        if (scores) { // the score query is not tuned for the large host yet
            t0 = System.nanoTime();
            int scored = credit.recomputeScores((Long) null);
            long scoreMs = (System.nanoTime() - t0) / 1_000_000;
            Map<String, Integer> grades = new TreeMap<>();
            credit.currentGrades().values().forEach(g -> grades.merge(g, 1, Integer::sum));
            System.out.printf("[%s] scores: %d customers in %d ms; grades %s%n", label, scored, scoreMs, grades);
        }
        System.out.printf("[%s] %s%n", label, new CreditCommands(credit).creditbench(20_000));
        assertThat(rec.drifted()).isZero();
    }

    @Test
    void demoDataSetOnH2() throws Exception {
        String url = "jdbc:h2:" + dir("demo").resolve("host") + ";DB_CLOSE_DELAY=-1";
        try (TestHost host = new TestHost(url)) {
            demo("demo/h2", host);
        }
    }

    @Test
    void demoDataSetOnPostgresql() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir("pg")).setCleanDataDirectory(true)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(Path.of("target", "bench", "pg.log").toFile()))
                .start()) {
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            cfg.setUsername("postgres");
            cfg.setMaximumPoolSize(8);
            HikariDataSource ds = new HikariDataSource(cfg);
            try (TestHost host = new TestHost(ds, "postgresql", ds)) {
                demo("demo/postgresql", host);
            }
        }
    }

    private static void demo(String label, TestHost host) throws Exception {
        try (Connection c = host.connection()) {
            System.out.println("[" + label + "] " + new DemoDataGenerator(DemoDataGenerator.Scale.DEMO, 42, AS_OF)
                    .generate(c).summary());
            if ("postgresql".equals(host.databaseId())) {
                // a host database has statistics; right after the bulk load the planner would guess
                try (Statement st = c.createStatement()) {
                    st.execute("ANALYZE");
                }
            }
        }
        long t0 = System.nanoTime();
        CreditService credit = new CreditService(host, host, TestHost.config(settings()));
        credit.awaitLoaded();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        credit.awaitIdle();
        System.out.printf("[%s] ledger load %d ms for %d customers, first status sync done after %d ms%n", label,
                loadMs, credit.size(), (System.nanoTime() - t0) / 1_000_000);
        try {
            report(label, credit, host, true);
        } finally {
            credit.deactivate();
        }
    }

    /** Also needs {@code -Dwanglai.credit.bench.large=true}: writing the host alone takes minutes. */
    @Test
    @EnabledIfSystemProperty(named = "wanglai.credit.bench.large", matches = "true")
    void hundredThousandCustomersAndAMillionOpenItemsOnH2() throws Exception {
        String url = "jdbc:h2:" + dir("100k").resolve("host") + ";DB_CLOSE_DELAY=-1";
        try (TestHost host = new TestHost(url)) {
            large("100k/h2", host, false);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "wanglai.credit.bench.large", matches = "true")
    void hundredThousandCustomersAndAMillionOpenItemsOnPostgresql() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir("pg100k")).setCleanDataDirectory(true)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(Path.of("target", "bench", "pg100k.log").toFile()))
                .start()) {
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            cfg.setUsername("postgres");
            cfg.setMaximumPoolSize(8);
            HikariDataSource ds = new HikariDataSource(cfg);
            try (TestHost host = new TestHost(ds, "postgresql", ds)) {
                large("100k/postgresql", host, true);
            }
        }
    }

    private static void large(String label, TestHost host, boolean pg) throws Exception {
        // the only dialect differences: a row source 1..n and a date plus days
        java.util.function.IntFunction<String> range = n -> pg ? "generate_series(1, " + n + ") AS r(x)"
                : "SYSTEM_RANGE(1, " + n + ")";
        java.util.function.Function<String, String> day = days -> pg ? "(DATE '2026-01-01' + CAST(" + days + " AS INTEGER))"
                : "DATEADD('DAY', " + days + ", DATE '2026-01-01')";
        long t0 = System.nanoTime();
        try (Connection c = host.connection(); Statement st = c.createStatement()) {
            new DemoDataGenerator(DemoDataGenerator.Scale.TINY, 1, AS_OF).createSchema(c);
            st.execute("INSERT INTO erp_product (id, code, name, uom, standard_cost, list_price) VALUES (1, 'P1', 'P', 'PCS', 1, 1)");
            st.execute("INSERT INTO erp_customer (id, code, name, credit_limit, credit_status, currency, created_date, active) "
                    + "SELECT x, 'C' || x, 'Customer ' || x, CASE WHEN MOD(x, 10) = 0 THEN 0 ELSE 15000 + MOD(x, 7) * 1000 END, "
                    + "'O', 'CNY', DATE '2020-01-01', TRUE FROM " + range.apply(100_000));
            st.execute("INSERT INTO erp_invoice (id, doc_no, customer_id, invoice_date, currency, grand_total, status, is_paid, in_dispute) "
                    + "SELECT x, 'I' || x, MOD(x - 1, 100000) + 1, " + day.apply("MOD(x, 180)") + ", 'CNY', "
                    + "1000 + MOD(x, 997), 'CO', FALSE, FALSE FROM " + range.apply(1_000_000));
            st.execute("INSERT INTO erp_invoice_pay_schedule (id, invoice_id, seq, due_date, due_amount) "
                    + "SELECT x, x, 1, " + day.apply("MOD(x, 180) + 30") + ", 1000 + MOD(x, 997) FROM " + range.apply(1_000_000));
            st.execute("INSERT INTO erp_receipt (id, doc_no, customer_id, receipt_date, currency, amount) "
                    + "SELECT x, 'R' || x, MOD(x - 1, 100000) + 1, DATE '2026-06-01', 'CNY', 500 FROM " + range.apply(200_000));
            st.execute("INSERT INTO erp_allocation (id, receipt_id, invoice_id, allocation_date, amount) "
                    + "SELECT x, x, x, DATE '2026-06-01', 500 FROM " + range.apply(200_000));
            st.execute("INSERT INTO erp_sales_order (id, doc_no, customer_id, order_date, currency, grand_total, status) "
                    + "SELECT x, 'S' || x, x, DATE '2026-06-25', 'CNY', 800, 'CO' FROM " + range.apply(100_000));
            st.execute("INSERT INTO erp_sales_order_line (id, order_id, line_no, product_id, qty, price, line_amount, qty_shipped, qty_invoiced) "
                    + "SELECT x, x, 10, 1, 8, 100, 800, 0, 0 FROM " + range.apply(100_000));
            if (pg) {
                st.execute("ANALYZE");
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        System.out.printf("[%s] synthetic host: 100,000 customers, 1,000,000 open invoices with schedules, 200,000 "
                + "allocations, 100,000 open orders in %d ms%n", label, (System.nanoTime() - t0) / 1_000_000);
        t0 = System.nanoTime();
        CreditService credit = new CreditService(host, host, TestHost.config(settings()));
        credit.awaitLoaded();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        credit.awaitIdle();
        System.out.printf("[%s] ledger load %d ms for %d customers, first status sync done after %d ms; heap used %d MB%n",
                label, loadMs, credit.size(), (System.nanoTime() - t0) / 1_000_000,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        try {
            report(label, credit, host, false);
        } finally {
            credit.deactivate();
        }
    }
}
