package org.wanglai.host.internal.demo;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a deterministic demo data set for the reference host schema ({@code host-schema.sql}): customers with
 * Chinese company names, a 2-2 customer category tree, products, payment terms of every type, sales orders,
 * shipments, invoices with pay schedules, receipts with allocations, disputes and a monthly cost ledger.
 *
 * <p>The same (scale, seed, asOf) always gives the same rows. Rows are streamed into batched inserts customer by
 * customer and committed per batch, so even {@link Scale#BENCH} runs in bounded memory.
 */
public final class DemoDataGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(DemoDataGenerator.class);
    private static final String SCHEMA = "host-schema.sql";

    /** Size of the data set. */
    public enum Scale {
        /** About 50 customers and 1 year, for tests. */
        TINY(new Params(50, 1, 60, 1.0, 0.0, 5_000)),
        /** About 2,000 customers and 3 years. */
        DEMO(new Params(2_000, 3, 200, 1.0, 0.0, 10_000)),
        /**
         * 100,000 customers, about 5M invoice lines and 1M open items over 3 years: busier customers and a large
         * collection backlog, to load-test ageing, dunning and credit exposure.
         */
        BENCH(new Params(100_000, 3, 2_000, 1.43, 0.40, 10_000));

        final Params params;

        Scale(Params params) {
            this.params = params;
        }
    }

    /**
     * Generation parameters behind a {@link Scale}.
     *
     * @param activity multiplies every customer's order frequency
     * @param backlog extra probability that an invoice of a non-punctual customer is never paid
     */
    record Params(int customers, int years, int products, double activity, double backlog, int batchSize) {
    }

    /**
     * What a run produced. {@code openItems} counts pay schedule rows not fully paid at the as-of date (receipts
     * settle an invoice's rows in due order).
     */
    public record Stats(long customers, long orders, long invoices, long invoiceLines, long openItems, long receipts,
            Duration took) {

        /** One line of text for logs and the shell. */
        public String summary() {
            return String.format(Locale.ROOT,
                    "%d customers, %d orders, %d invoices, %d invoice lines, %d open items, %d receipts in %.1f s",
                    customers, orders, invoices, invoiceLines, openItems, receipts, took.toMillis() / 1000.0);
        }
    }

    private final String label;
    private final Params params;
    private final long seed;
    private final LocalDate asOf;

    /**
     * @param scale size of the data set
     * @param seed random seed; the same seed gives the same data
     * @param asOf "today" of the data set; documents cover the years before it (TINY: 1 year, else 3)
     */
    public DemoDataGenerator(Scale scale, long seed, LocalDate asOf) {
        this(Objects.requireNonNull(scale, "scale").name(), scale.params, seed, asOf);
    }

    /** For tests: a custom size, e.g. a slice of BENCH to measure its shape. */
    DemoDataGenerator(String label, Params params, long seed, LocalDate asOf) {
        this.label = label;
        this.params = Objects.requireNonNull(params, "params");
        this.seed = seed;
        this.asOf = Objects.requireNonNull(asOf, "asOf");
    }

    /** Whether the host table {@code erp_customer} exists in the connection's schema (any letter case). */
    public boolean hostSchemaExists(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String current = c.getSchema();
        boolean elsewhere = false;
        try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                if ("erp_customer".equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (current == null || schema == null || current.equalsIgnoreCase(schema)) {
                        return true;
                    }
                    elsewhere = true;
                }
            }
        }
        if (elsewhere) {
            LOG.debug("erp_customer exists, but not in the current schema {}", current);
        }
        return false;
    }

    /** Creates the reference host tables by running {@code host-schema.sql}; commits unless in auto-commit. */
    public void createSchema(Connection c) throws SQLException {
        SqlScript script = SqlScript.load(DemoDataGenerator.class, SCHEMA);
        try (Statement st = c.createStatement()) {
            for (String sql : script.statements()) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException("host-schema.sql failed at: " + firstLine(sql) + ": " + e.getMessage(),
                            e.getSQLState(), e);
                }
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
        LOG.info("Created the reference host schema ({} tables)", script.createdTables().size());
    }

    /**
     * Creates the schema when absent and fills it. Commits in batches itself.
     *
     * @throws IllegalStateException when the host tables already hold data
     */
    public Stats generate(Connection c) throws SQLException {
        long t0 = System.nanoTime();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (!hostSchemaExists(c)) {
                createSchema(c);
            }
            requireEmpty(c);
            LOG.info("Generating {} demo data, seed {}, as of {}", label, seed, asOf);
            DemoRun run;
            try (BatchWriter out = new BatchWriter(c, params.batchSize())) {
                run = new DemoRun(params, seed, asOf, out);
                run.run();
                c.commit();
                Stats stats = new Stats(out.written(BatchWriter.Table.CUSTOMER),
                        out.written(BatchWriter.Table.SALES_ORDER), out.written(BatchWriter.Table.INVOICE),
                        out.written(BatchWriter.Table.INVOICE_LINE), run.openItems(),
                        out.written(BatchWriter.Table.RECEIPT), Duration.ofNanos(System.nanoTime() - t0));
                LOG.info("Demo data generated: {}", stats.summary());
                return stats;
            }
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void requireEmpty(Connection c) throws SQLException {
        SqlScript script = SqlScript.load(DemoDataGenerator.class, SCHEMA);
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM erp_customer")) {
                rs.next();
                long n = rs.getLong(1);
                if (n > 0) {
                    throw new IllegalStateException("erp_customer already holds " + n
                            + " rows: the demo generator only fills an empty host database");
                }
            }
            for (String table : script.createdTables()) {
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM " + table + " FETCH FIRST 1 ROWS ONLY")) {
                    if (rs.next()) {
                        throw new IllegalStateException("Host table " + table
                                + " already holds rows: the demo generator only fills an empty host database");
                    }
                }
            }
        }
    }

    private static String firstLine(String sql) {
        int nl = sql.indexOf('\n');
        return nl < 0 ? sql : sql.substring(0, nl);
    }
}
