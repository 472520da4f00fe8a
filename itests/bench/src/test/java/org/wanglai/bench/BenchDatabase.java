package org.wanglai.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.host.internal.demo.DemoDataGenerator;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real PostgreSQL the benchmark runs against, on a persistent data directory so that the BENCH data set (100k
 * customers, about 5M invoice lines and 1M open items) is generated once and reused by later runs. A marker table
 * records the generator fingerprint, seed and as-of date; a mismatch or a partial load regenerates the data.
 */
final class BenchDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BenchDatabase.class);

    /** The data set: fixed, so that every run and every machine measures the same rows. */
    static final long SEED = 20_260_630L;
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    static final long CUSTOMERS = 100_000;

    /** Classes and resources whose content defines the generated rows. */
    private static final String[] GENERATOR_PARTS = { "DemoDataGenerator.class", "DemoRun.class",
            "DemoCatalog.class", "BatchWriter.class", "DueDates.class", "host-schema.sql" };

    private final EmbeddedPostgres server;
    private final String jdbcUrl;

    private BenchDatabase(EmbeddedPostgres server) {
        this.server = server;
        this.jdbcUrl = server.getJdbcUrl("postgres", "postgres");
    }

    /** Starts PostgreSQL on {@code dataDir} (created on first use) with settings for a bulk-loaded benchmark. */
    static BenchDatabase start(Path dataDir, Path log) throws IOException {
        Files.createDirectories(dataDir.getParent());
        Files.createDirectories(log.getParent());
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // after an interrupted run PostgreSQL first replays its WAL (up to max_wal_size)
                .setPGStartupWait(java.time.Duration.ofMinutes(10))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                // A throw-away benchmark database: durability is traded for load speed (delete the folder after a
                // crash). Memory settings are those of a small production server; ours and the baselines share them.
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "30min")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("work_mem", "64MB")
                .setServerConfig("maintenance_work_mem", "512MB")
                .setServerConfig("max_connections", "50")
                .start();
        LOG.info("PostgreSQL {} on {}", pg.getJdbcUrl("postgres", "postgres"), dataDir);
        return new BenchDatabase(pg);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    /** The generator's fingerprint: a hash of the classes and schema that decide which rows it writes. */
    static String generatorFingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : GENERATOR_PARTS) {
                try (InputStream in = DemoDataGenerator.class.getResourceAsStream(part)) {
                    if (in == null) {
                        throw new IllegalStateException("Missing " + part + " next to " + DemoDataGenerator.class);
                    }
                    md.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Generates the BENCH data set unless the marker says the present data is exactly it. */
    DataSet ensureDataSet() throws SQLException {
        String fingerprint = generatorFingerprint();
        try (Connection c = connect()) {
            DataSet present = present(c, fingerprint);
            if (present != null) {
                LOG.info("Reusing the BENCH data set (generator {}, seed {}, as of {}): {}", fingerprint, SEED, AS_OF,
                        present);
                return present;
            }
            LOG.info("Generating the BENCH data set (generator {}, seed {}, as of {}); this takes a while once",
                    fingerprint, SEED, AS_OF);
            try (Statement st = c.createStatement()) {
                // everything of an earlier or partial load goes: host tables, Wanglai's own tables, the marker
                st.execute("DROP SCHEMA public CASCADE");
                st.execute("CREATE SCHEMA public");
            }
            // The generator creates the host schema only when absent: give it the tables without constraints,
            // add those after the load, and prove the result is exactly host-schema.sql.
            long t0 = System.nanoTime();
            BulkSchema schema = new BulkSchema();
            schema.createTables(c);
            DemoDataGenerator.Stats stats = new DemoDataGenerator(DemoDataGenerator.Scale.BENCH, SEED, AS_OF)
                    .generate(c);
            LOG.info("Generated: {}", stats.summary());
            schema.addConstraints(c);
            schema.verify(c);
            try (Statement st = c.createStatement()) {
                st.execute("VACUUM ANALYZE");
                st.execute("CREATE TABLE wanglai_bench_dataset (generator VARCHAR(64) NOT NULL, seed BIGINT NOT NULL,"
                        + " as_of DATE NOT NULL, customers BIGINT NOT NULL, invoice_lines BIGINT NOT NULL,"
                        + " open_items BIGINT NOT NULL, generated_seconds NUMERIC(10,1) NOT NULL,"
                        + " generated_at TIMESTAMP NOT NULL)");
            }
            // rows, keys, indexes and statistics: what a first run pays before measuring
            double seconds = Math.round((System.nanoTime() - t0) / 100_000_000.0) / 10.0;
            LOG.info("BENCH data set ready in {} s (rows {} s, then keys, indexes and statistics)", seconds,
                    stats.took().toMillis() / 1000);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO wanglai_bench_dataset VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
                ps.setString(1, fingerprint);
                ps.setLong(2, SEED);
                ps.setObject(3, AS_OF);
                ps.setLong(4, stats.customers());
                ps.setLong(5, stats.invoiceLines());
                ps.setLong(6, stats.openItems());
                ps.setBigDecimal(7, java.math.BigDecimal.valueOf(seconds));
                ps.executeUpdate();
            }
            return new DataSet(stats.customers(), stats.invoiceLines(), stats.openItems(), seconds, true);
        }
    }

    private static DataSet present(Connection c, String fingerprint) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('public.wanglai_bench_dataset') IS NOT NULL,"
                    + " to_regclass('public.erp_customer') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1) || !rs.getBoolean(2)) {
                    return null;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT generator, seed, as_of, customers, invoice_lines, open_items,"
                    + " generated_seconds, (SELECT COUNT(*) FROM erp_customer) FROM wanglai_bench_dataset")) {
                if (!rs.next()) {
                    return null;
                }
                boolean same = fingerprint.equals(rs.getString(1)) && rs.getLong(2) == SEED
                        && AS_OF.equals(rs.getObject(3, LocalDate.class)) && rs.getLong(4) == CUSTOMERS
                        && rs.getLong(8) == CUSTOMERS;
                if (!same) {
                    LOG.info("The data set present (generator {}, seed {}, as of {}, {} customers) is not the one"
                            + " wanted", rs.getString(1), rs.getLong(2), rs.getObject(3), rs.getLong(8));
                    return null;
                }
                return new DataSet(rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getDouble(7), false);
            }
        }
    }

    /** What the data set holds, and how long its generation took (in this run or when it was generated). */
    record DataSet(long customers, long invoiceLines, long openItems, double generatedSeconds, boolean generatedNow) {
        @Override
        public String toString() {
            return customers + " customers, " + invoiceLines + " invoice lines, " + openItems + " open items"
                    + " (generated in " + generatedSeconds + " s" + (generatedNow ? " in this run)" : " earlier)");
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
