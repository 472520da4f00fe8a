package org.wanglai.bench;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.costing.AllocationRun;
import org.wanglai.costing.internal.CostingService;

/**
 * The cost cube's facts for the 12 months the roll-up reads, made once per data set like the data set itself: one
 * allocation run per month (about 2 minutes each on 2 shared cores). A marker table records what they were built
 * from: the data set generator, seed and as-of date and the costing schema (a hash of its Liquibase changelog).
 * While it matches, later runs keep the costing tables (see {@link Plain#resetPluginTables}) and only time the
 * allocation of one month again (P5a), which replaces that month's facts with the same rows.
 */
final class CubeFacts {
    private static final Logger LOG = LoggerFactory.getLogger(CubeFacts.class);
    static final String MARKER = "wanglai_bench_cube_facts";
    static final String CHANGELOG = "db/costing-changelog.xml";

    /** What the kept facts hold and how long making them took. */
    record Prepared(long factRows, double seconds, boolean preparedNow) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s..%s, %,d fact rows, allocated month by month in %.0f s%s",
                    CubeBench.FROM, CubeBench.TO, factRows, seconds, preparedNow ? " in this run" : " earlier");
        }
    }

    /** The costing schema version: a hash of the changelog the costing bundle migrates with. */
    static String schemaDigest() {
        try (InputStream in = CostingService.class.getClassLoader().getResourceAsStream(CHANGELOG)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + CHANGELOG + " in the costing bundle");
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()))
                    .substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the marker matches this data set and costing schema and every month of the window has facts. */
    static boolean present(Connection c) throws SQLException {
        return recorded(c) != null;
    }

    private static Prepared recorded(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('public." + MARKER + "') IS NOT NULL"
                    + " AND to_regclass('public.wl_cost_fact') IS NOT NULL"
                    + " AND to_regclass('public.databasechangelog') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return null;
                }
            }
            // without costing's Liquibase history its migration would try to create the kept tables again
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM databasechangelog WHERE filename = '"
                    + CHANGELOG + "'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    LOG.info("The cube facts present have no Liquibase history of {}", CHANGELOG);
                    return null;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT fact_rows, prepared_seconds FROM " + MARKER
                + " WHERE generator = ? AND seed = ? AND as_of = ? AND costing_schema = ? AND from_month = ?"
                + " AND to_month = ?")) {
            ps.setString(1, BenchDatabase.generatorFingerprint());
            ps.setLong(2, BenchDatabase.SEED);
            ps.setObject(3, BenchDatabase.AS_OF);
            ps.setString(4, schemaDigest());
            ps.setObject(5, CubeBench.FROM.atDay(1));
            ps.setObject(6, CubeBench.TO.atDay(1));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    LOG.info("The cube facts present were built from another data set or costing schema");
                    return null;
                }
                Prepared p = new Prepared(rs.getLong(1), rs.getDouble(2), false);
                // an interrupted re-allocation of a month would leave it without facts
                try (PreparedStatement months = c.prepareStatement("SELECT COUNT(*) FROM generate_series(?::date,"
                        + " ?::date, interval '1 month') m WHERE EXISTS (SELECT 1 FROM wl_cost_fact f"
                        + " WHERE f.fact_month = m::date)")) {
                    months.setObject(1, CubeBench.FROM.atDay(1));
                    months.setObject(2, CubeBench.TO.atDay(1));
                    try (ResultSet m = months.executeQuery()) {
                        m.next();
                        if (m.getInt(1) != 12) {
                            LOG.info("The cube facts cover {} of 12 months", m.getInt(1));
                            return null;
                        }
                    }
                }
                return p;
            }
        }
    }

    /** The kept facts, or the facts made now by one allocation run per month of the window. */
    static Prepared ensure(Connection c, CostingService costing) throws SQLException {
        Prepared kept = recorded(c);
        if (kept != null) {
            LOG.info("Reusing the cube facts: {}", kept);
            return kept;
        }
        LOG.info("Allocating {}..{} once for the cube facts (kept for later runs)", CubeBench.FROM, CubeBench.TO);
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + MARKER);
        }
        long t0 = System.nanoTime();
        long facts = 0;
        for (YearMonth m = CubeBench.FROM; !m.isAfter(CubeBench.TO); m = m.plusMonths(1)) {
            long m0 = System.nanoTime();
            AllocationRun run = costing.allocate(m, "bench");
            facts += run.factRows();
            LOG.info("Allocated {}: {} fact rows in {} s", m, run.factRows(), (System.nanoTime() - m0) / 1_000_000_000);
        }
        double seconds = Math.round((System.nanoTime() - t0) / 100_000_000.0) / 10.0;
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + MARKER + " (generator VARCHAR(64) NOT NULL, seed BIGINT NOT NULL,"
                    + " as_of DATE NOT NULL, costing_schema VARCHAR(64) NOT NULL, from_month DATE NOT NULL,"
                    + " to_month DATE NOT NULL, fact_rows BIGINT NOT NULL, prepared_seconds NUMERIC(10,1) NOT NULL,"
                    + " prepared_at TIMESTAMP NOT NULL)");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + MARKER + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
            ps.setString(1, BenchDatabase.generatorFingerprint());
            ps.setLong(2, BenchDatabase.SEED);
            ps.setObject(3, BenchDatabase.AS_OF);
            ps.setString(4, schemaDigest());
            ps.setObject(5, CubeBench.FROM.atDay(1));
            ps.setObject(6, CubeBench.TO.atDay(1));
            ps.setLong(7, facts);
            ps.setBigDecimal(8, java.math.BigDecimal.valueOf(seconds));
            ps.executeUpdate();
        }
        return new Prepared(facts, seconds, true);
    }

    private CubeFacts() {
    }
}
