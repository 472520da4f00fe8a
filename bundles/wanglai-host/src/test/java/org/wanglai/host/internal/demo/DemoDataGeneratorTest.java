package org.wanglai.host.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataGeneratorTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    private static final long SEED = 20260630L;

    private static Connection tiny;
    private static DemoDataGenerator.Stats tinyStats;

    @BeforeAll
    static void generateTiny() throws SQLException {
        tiny = DriverManager.getConnection("jdbc:h2:mem:demo-tiny-a;DB_CLOSE_DELAY=-1");
        tinyStats = new DemoDataGenerator(DemoDataGenerator.Scale.TINY, SEED, AS_OF).generate(tiny);
    }

    @AfterAll
    static void close() throws SQLException {
        tiny.close();
    }

    @Test
    void sameSeedGivesIdenticalTablesAndAnotherSeedDoesNot() throws Exception {
        Map<String, String> again;
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:demo-tiny-b;DB_CLOSE_DELAY=-1")) {
            DemoDataGenerator.Stats stats = new DemoDataGenerator(DemoDataGenerator.Scale.TINY, SEED, AS_OF)
                    .generate(c);
            assertThat(stats.invoiceLines()).isEqualTo(tinyStats.invoiceLines());
            assertThat(stats.openItems()).isEqualTo(tinyStats.openItems());
            again = checksums(c);
        }
        Map<String, String> first = checksums(tiny);
        assertThat(first).hasSize(21);
        assertThat(again).isEqualTo(first);

        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:demo-tiny-c;DB_CLOSE_DELAY=-1")) {
            new DemoDataGenerator(DemoDataGenerator.Scale.TINY, SEED + 1, AS_OF).generate(c);
            Map<String, String> other = checksums(c);
            assertThat(other.get("erp_region")).isEqualTo(first.get("erp_region"));
            assertThat(other.get("erp_invoice_line")).isNotEqualTo(first.get("erp_invoice_line"));
        }
    }

    @Test
    void tinyHasTheExpectedSize() {
        assertThat(tinyStats.customers()).isEqualTo(50);
        assertThat(tinyStats.orders()).isBetween(100L, 2_000L);
        assertThat(tinyStats.invoiceLines()).isBetween(300L, 4_000L);
        assertThat(tinyStats.openItems()).isPositive();
        assertThat(tinyStats.receipts()).isPositive();
    }

    @Test
    void generatingTwiceIsRefused() {
        assertThatThrownBy(() -> new DemoDataGenerator(DemoDataGenerator.Scale.TINY, 1, AS_OF).generate(tiny))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("erp_customer");
    }

    @Test
    void schemaIsDetectedCaseInsensitively() throws SQLException {
        DemoDataGenerator g = new DemoDataGenerator(DemoDataGenerator.Scale.TINY, 1, AS_OF);
        assertThat(g.hostSchemaExists(tiny)).isTrue();
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:demo-empty")) {
            assertThat(g.hostSchemaExists(c)).isFalse();
        }
    }

    @Test
    void payScheduleSumsToGrandTotal() throws SQLException {
        assertThat(count("SELECT COUNT(*) FROM erp_invoice i WHERE i.grand_total <> "
                + "(SELECT COALESCE(SUM(s.due_amount), 0) FROM erp_invoice_pay_schedule s WHERE s.invoice_id = i.id)"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_invoice_pay_schedule WHERE due_amount < 0")).isZero();
    }

    @Test
    void splitTermsGiveSeveralScheduleRowsAndPercentagesSumTo100() throws SQLException {
        assertThat(count("SELECT COUNT(*) FROM erp_payment_term t WHERE t.term_type = 'SPLIT' AND "
                + "(SELECT SUM(l.percent) FROM erp_payment_term_line l WHERE l.term_id = t.id) <> 100")).isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_invoice i JOIN erp_payment_term t ON t.id = i.payment_term_id "
                + "WHERE t.term_type = 'SPLIT'")).isPositive();
        assertThat(count("SELECT COUNT(*) FROM erp_invoice i JOIN erp_payment_term t ON t.id = i.payment_term_id "
                + "WHERE t.term_type = 'SPLIT' AND (SELECT COUNT(*) FROM erp_invoice_pay_schedule s "
                + "WHERE s.invoice_id = i.id) <> (SELECT COUNT(*) FROM erp_payment_term_line l WHERE l.term_id = t.id)"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_invoice i JOIN erp_payment_term t ON t.id = i.payment_term_id "
                + "WHERE t.term_type <> 'SPLIT' AND (SELECT COUNT(*) FROM erp_invoice_pay_schedule s "
                + "WHERE s.invoice_id = i.id) <> 1")).isZero();
        assertThat(count("SELECT COUNT(DISTINCT term_type) FROM erp_payment_term")).isEqualTo(5);
    }

    @Test
    void dueDatesFollowTheTerm() throws SQLException {
        // Single-part terms: recompute every due date with the term's rule.
        try (Statement st = tiny.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT i.invoice_date, s.due_date, t.term_type, t.net_days, t.fix_month_day, t.fix_month_offset, "
                        + "t.fix_month_cutoff FROM erp_invoice i JOIN erp_payment_term t ON t.id = i.payment_term_id "
                        + "JOIN erp_invoice_pay_schedule s ON s.invoice_id = i.id WHERE t.term_type <> 'SPLIT'")) {
            int n = 0;
            while (rs.next()) {
                LocalDate due = DueDates.due(rs.getString(3), rs.getInt(4), (Integer) rs.getObject(5),
                        (Integer) rs.getObject(6), (Integer) rs.getObject(7), rs.getObject(1, LocalDate.class));
                assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(due);
                n++;
            }
            assertThat(n).isPositive();
        }
    }

    @Test
    void allocationsNeverExceedInvoicesAndIsPaidMatches() throws SQLException {
        String allocated = "(SELECT COALESCE(SUM(a.amount), 0) FROM erp_allocation a WHERE a.invoice_id = i.id)";
        assertThat(count("SELECT COUNT(*) FROM erp_invoice i WHERE " + allocated + " > i.grand_total")).isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_invoice i WHERE i.is_paid AND " + allocated + " <> i.grand_total"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_invoice i WHERE NOT i.is_paid AND " + allocated
                + " = i.grand_total")).isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_receipt r WHERE r.amount <> "
                + "(SELECT SUM(a.amount) FROM erp_allocation a WHERE a.receipt_id = r.id)")).isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_allocation a JOIN erp_invoice i ON i.id = a.invoice_id "
                + "WHERE a.allocation_date < i.invoice_date OR a.allocation_date > DATE '2026-06-30' "
                + "OR a.amount <= 0")).isZero();
        // Partial payments: some invoices were settled by several allocations, some are still partly open.
        assertThat(count("SELECT COUNT(*) FROM (SELECT invoice_id FROM erp_allocation GROUP BY invoice_id "
                + "HAVING COUNT(*) > 1) x")).isPositive();
        assertThat(count("SELECT COUNT(*) FROM erp_invoice i WHERE NOT i.is_paid AND " + allocated + " > 0"))
                .isPositive();
        // Receipts covering several invoices (payment runs).
        assertThat(count("SELECT COUNT(*) FROM (SELECT receipt_id FROM erp_allocation GROUP BY receipt_id "
                + "HAVING COUNT(*) > 1) x")).isPositive();
    }

    @Test
    void customersAttachToLeafCategoriesOnly() throws SQLException {
        assertThat(count("SELECT COUNT(*) FROM erp_customer WHERE category_id IS NULL")).isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_customer c WHERE EXISTS "
                + "(SELECT 1 FROM erp_customer_category k WHERE k.parent_id = c.category_id)")).isZero();
        // Coding rule 2-2: a child's code is its parent's code plus two digits.
        assertThat(count("SELECT COUNT(*) FROM erp_customer_category k JOIN erp_customer_category p "
                + "ON p.id = k.parent_id WHERE LENGTH(k.code) <> 4 OR SUBSTRING(k.code, 1, 2) <> p.code")).isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_customer_category WHERE parent_id IS NULL AND LENGTH(code) <> 2"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_customer_category WHERE credit_watch_pct IS NOT NULL"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void lineAmountsAreQuantityTimesPriceRounded() throws SQLException {
        assertRounded("SELECT qty, price, line_amount FROM erp_sales_order_line");
        assertRounded("SELECT qty, price, line_amount FROM erp_invoice_line");
        assertRounded("SELECT s.qty, o.price, s.amount FROM erp_shipment_line s "
                + "JOIN erp_sales_order_line o ON o.id = s.order_line_id");
        assertThat(count("SELECT COUNT(*) FROM erp_sales_order o WHERE o.grand_total <> "
                + "(SELECT SUM(l.line_amount) FROM erp_sales_order_line l WHERE l.order_id = o.id)")).isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_invoice i WHERE i.grand_total <> "
                + "(SELECT SUM(l.line_amount) FROM erp_invoice_line l WHERE l.invoice_id = i.id)")).isZero();
        // Quantities shipped and invoiced on the order line agree with the documents.
        assertThat(count("SELECT COUNT(*) FROM erp_sales_order_line l WHERE l.qty_shipped <> "
                + "(SELECT COALESCE(SUM(s.qty), 0) FROM erp_shipment_line s WHERE s.order_line_id = l.id) "
                + "OR l.qty_invoiced <> (SELECT COALESCE(SUM(i.qty), 0) FROM erp_invoice_line i "
                + "WHERE i.order_line_id = l.id) OR l.qty_shipped > l.qty OR l.qty_invoiced > l.qty_shipped"))
                .isZero();
        // Unit cost drifts over time but stays positive and below the list price for most lines.
        assertThat(count("SELECT COUNT(*) FROM erp_invoice_line WHERE unit_cost <= 0")).isZero();
        assertThat(count("SELECT COUNT(DISTINCT unit_cost) FROM erp_invoice_line WHERE product_id = "
                + "(SELECT MIN(product_id) FROM erp_invoice_line)")).isGreaterThan(1);
    }

    @Test
    void theEndOfTheRangeHasWorkInProgress() throws SQLException {
        // Open orders: completed, not (fully) shipped.
        assertThat(count("SELECT COUNT(*) FROM erp_sales_order o WHERE o.status = 'CO' AND EXISTS "
                + "(SELECT 1 FROM erp_sales_order_line l WHERE l.order_id = o.id AND l.qty_shipped < l.qty)"))
                .isPositive();
        // Shipped, not invoiced.
        assertThat(count("SELECT COUNT(*) FROM erp_shipment_line WHERE qty_invoiced < qty")).isPositive();
        assertThat(count("SELECT COUNT(*) FROM erp_sales_order WHERE status = 'CL'")).isPositive();
        // Open items both not yet due and overdue.
        String open = "SELECT COUNT(*) FROM erp_invoice_pay_schedule s JOIN erp_invoice i ON i.id = s.invoice_id "
                + "WHERE NOT i.is_paid AND s.due_date ";
        assertThat(count(open + "> DATE '2026-06-30'")).isPositive();
        assertThat(count(open + "< DATE '2026-05-01'")).isPositive();
        // Disputes: open ones flag their invoice.
        assertThat(count("SELECT COUNT(*) FROM erp_dispute")).isPositive();
        String openDispute = "EXISTS (SELECT 1 FROM erp_dispute d WHERE d.invoice_id = i.id AND d.closed_date IS NULL)";
        assertThat(count("SELECT COUNT(*) FROM erp_invoice i WHERE (i.in_dispute AND NOT " + openDispute
                + ") OR (NOT i.in_dispute AND " + openDispute + ")")).isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_dispute WHERE amount <= 0 OR closed_date < opened_date"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_invoice WHERE in_dispute")).isPositive();
        // No document after the as-of date.
        assertThat(count("SELECT COUNT(*) FROM erp_sales_order WHERE order_date > DATE '2026-06-30' "
                + "OR order_date < DATE '2025-06-30'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_invoice WHERE invoice_date > DATE '2026-06-30'")).isZero();
    }

    @Test
    void customersLookRealistic() throws SQLException {
        assertThat(count("SELECT COUNT(DISTINCT name) FROM erp_customer")).isEqualTo(50);
        assertThat(count("SELECT COUNT(*) FROM erp_customer WHERE name NOT LIKE '%有限公司'")).isZero();
        assertThat(count("SELECT COUNT(DISTINCT region_id) FROM erp_customer")).isGreaterThanOrEqualTo(4);
        assertThat(count("SELECT COUNT(DISTINCT channel_id) FROM erp_customer")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM erp_customer WHERE credit_status = 'S'")).isBetween(1L, 3L);
        assertThat(count("SELECT COUNT(*) FROM erp_customer WHERE credit_status NOT IN ('O', 'S')")).isZero();
        assertThat(count("SELECT COUNT(*) FROM erp_user WHERE role = 'SALES'")).isEqualTo(20);
        assertThat(count("SELECT COUNT(*) FROM erp_user WHERE role = 'ACCOUNTANT'")).isPositive();
        // Cost ledger: every pool has entries in every month of the range (13 months for one year to June 30).
        assertThat(count("SELECT COUNT(DISTINCT period) FROM erp_cost_entry")).isEqualTo(13);
        assertThat(count("SELECT COUNT(*) FROM (SELECT pool_id, COUNT(DISTINCT period) n FROM erp_cost_entry "
                + "GROUP BY pool_id) x WHERE n = 13")).isEqualTo(9);
        assertThat(count("SELECT COUNT(*) FROM erp_cost_entry WHERE region_id IS NOT NULL")).isPositive();
        assertThat(count("SELECT COUNT(*) FROM erp_cost_entry WHERE channel_id IS NOT NULL")).isPositive();
    }

    @Test
    void demoScaleGeneratesQuicklyWithRealisticShapes(@TempDir Path dir) throws SQLException {
        String url = "jdbc:h2:" + dir.resolve("demo").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url)) {
            DemoDataGenerator.Stats s = new DemoDataGenerator(DemoDataGenerator.Scale.DEMO, 42, AS_OF).generate(c);
            System.out.println("DEMO into H2 file DB: " + s.summary());
            assertThat(s.customers()).isEqualTo(2_000);
            assertThat(s.invoiceLines()).isBetween(60_000L, 110_000L);
            assertThat(s.orders()).isBetween(20_000L, 60_000L);
            assertThat(s.openItems()).isBetween(1_000L, 15_000L);
            assertThat(s.receipts()).isBetween(10_000L, 60_000L);

            // Pareto: the top 20% of customers bring most of the revenue.
            List<BigDecimal> revenue = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT SUM(grand_total) t FROM erp_invoice GROUP BY customer_id ORDER BY t DESC")) {
                while (rs.next()) {
                    revenue.add(rs.getBigDecimal(1));
                }
            }
            BigDecimal all = revenue.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal top = revenue.subList(0, 400).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            double share = top.doubleValue() / all.doubleValue();
            System.out.printf("Top 20%% customers' revenue share: %.2f%n", share);
            assertThat(share).isBetween(0.5, 0.9);

            // Seasonality: February (Chinese New Year) is weaker than December.
            long feb = count(c, "SELECT SUM(grand_total) FROM erp_invoice WHERE MONTH(invoice_date) = 2");
            long dec = count(c, "SELECT SUM(grand_total) FROM erp_invoice WHERE MONTH(invoice_date) = 12");
            assertThat(feb).isLessThan(dec * 3 / 4);
            // New customers in the last months, and lapsed ones.
            assertThat(count(c, "SELECT COUNT(*) FROM erp_customer WHERE created_date > DATE '2026-03-31'"))
                    .isBetween(20L, 300L);
            assertThat(count(c, "SELECT COUNT(*) FROM erp_customer c WHERE "
                    + "(SELECT MAX(order_date) FROM erp_sales_order o WHERE o.customer_id = c.id) "
                    + "< DATE '2026-01-01'")).isGreaterThan(50L);
            assertThat(count(c, "SELECT COUNT(*) FROM erp_customer WHERE credit_limit = 0")).isBetween(100L, 350L);
            // A few customers near or over their limit at the as-of date (credit Watch and Hold), not most.
            String balance = "SELECT c.credit_limit, SUM(i.grand_total) - COALESCE(SUM((SELECT SUM(a.amount) "
                    + "FROM erp_allocation a WHERE a.invoice_id = i.id)), 0) AS bal FROM erp_customer c "
                    + "JOIN erp_invoice i ON i.customer_id = c.id WHERE c.credit_limit > 0 GROUP BY c.id, c.credit_limit";
            long hold = count(c, "SELECT COUNT(*) FROM (" + balance + ") x WHERE bal > credit_limit");
            long watch = count(c, "SELECT COUNT(*) FROM (" + balance + ") x WHERE bal > credit_limit * 0.85 "
                    + "AND bal <= credit_limit");
            System.out.println("Customers over their limit: " + hold + ", within 85-100% of it: " + watch);
            assertThat(hold).isBetween(10L, 150L);
            assertThat(watch).isBetween(10L, 150L);
            assertThat(count(c, "SELECT COUNT(*) FROM erp_product")).isEqualTo(200);
        }
    }

    @Test
    void dueDateRules() {
        LocalDate d = LocalDate.of(2026, 1, 20);
        assertThat(DueDates.due("NET", 30, null, null, null, d)).isEqualTo(LocalDate.of(2026, 2, 19));
        assertThat(DueDates.due("EOM", 30, null, null, null, d)).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(DueDates.due("EOQ", 30, null, null, null, d)).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(DueDates.due("EOQ", 0, null, null, null, LocalDate.of(2026, 11, 3)))
                .isEqualTo(LocalDate.of(2026, 12, 31));
        // Day 25, cutoff 15: before the cutoff this month, after it next month.
        assertThat(DueDates.due("FIXED_DAY", 0, 25, 0, 15, LocalDate.of(2026, 3, 15)))
                .isEqualTo(LocalDate.of(2026, 3, 25));
        assertThat(DueDates.due("FIXED_DAY", 0, 25, 0, 15, LocalDate.of(2026, 3, 16)))
                .isEqualTo(LocalDate.of(2026, 4, 25));
        // Day 31 with offset 1 in a short month: the last day.
        assertThat(DueDates.due("FIXED_DAY", 0, 31, 1, null, LocalDate.of(2026, 1, 31)))
                .isEqualTo(LocalDate.of(2026, 2, 28));
    }

    @Test
    void scriptSplitterKeepsQuotedSemicolonsAndDropsComments() {
        SqlScript s = SqlScript.parse("-- a; comment\nCREATE TABLE a (x INT); -- tail\n"
                + "INSERT INTO a VALUES ('x;--y');\n\ncreate table B (y int)");
        assertThat(s.statements()).containsExactly("CREATE TABLE a (x INT)", "INSERT INTO a VALUES ('x;--y')",
                "create table B (y int)");
        assertThat(s.createdTables()).containsExactly("a", "b");
        assertThat(SqlScript.load(DemoDataGenerator.class, "host-schema.sql").createdTables()).hasSize(21);
    }

    @Test
    void commandLineRejectsBadArguments() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(DemoMain.run(new String[] {"--scale", "tiny"}, out, errStream)).isEqualTo(2);
        assertThat(DemoMain.run(new String[] {"--url", "jdbc:h2:mem:x", "--scale", "huge"}, out, errStream))
                .isEqualTo(2);
        assertThat(DemoMain.run(new String[] {"--url", "jdbc:h2:mem:x", "--seed"}, out, errStream)).isEqualTo(2);
        assertThat(DemoMain.run(new String[] {"--url", "jdbc:h2:mem:x", "--as-of", "30.06.2026"}, out, errStream))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage:").contains("--url is required")
                .contains("tiny, demo or bench");
    }

    @Test
    void commandLineGenerates() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        int rc = DemoMain.run(new String[] {"--url", "jdbc:h2:mem:demo-cli;DB_CLOSE_DELAY=-1", "--scale", "tiny",
            "--seed", "7", "--as-of", "2026-06-30"}, o, o);
        assertThat(rc).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("50 customers");
    }

    // -------------------------------------------------------------------------------------------------------------

    private static void assertRounded(String sql) throws SQLException {
        int n = 0;
        try (Statement st = tiny.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                BigDecimal expected = rs.getBigDecimal(1).multiply(rs.getBigDecimal(2)).setScale(2,
                        RoundingMode.HALF_UP);
                assertThat(rs.getBigDecimal(3)).as(sql).isEqualByComparingTo(expected);
                n++;
            }
        }
        assertThat(n).as(sql).isPositive();
    }

    private static long count(String sql) throws SQLException {
        return count(tiny, sql);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** SHA-256 over every row of every host table, in id order. */
    private static Map<String, String> checksums(Connection c) throws Exception {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : SqlScript.load(DemoDataGenerator.class, "host-schema.sql").createdTables()) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT * FROM " + table + " ORDER BY id")) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    md.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            sums.put(table, HexFormat.of().formatHex(md.digest()));
        }
        return sums;
    }
}
