package org.wanglai.classification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.ParameterMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.osgi.service.jdbc.DataSourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.Period;
import org.wanglai.api.classification.RunOutcome;
import org.wanglai.api.classification.RunRequest;
import org.wanglai.host.internal.HostCustomersImpl;
import org.wanglai.host.internal.HostDatabaseImpl;

/**
 * A repeated full re-classification (every customer, every enabled dimension, nothing to change) against the bare
 * metrics SQL over JDBC, measured alternately after a warm-up, on generated data in an in-memory H2: the DEMO shape
 * ({@code -Dwanglai.measure.customers=2000}, the default) or, above 2,000 customers, a slice of the BENCH shape.
 * H2 does not reuse cached query results here, so that both sides run their SQL every time. Also prints a digest of
 * the values and history the first run wrote, to compare two versions of the code on the same data. Opt-in
 * ({@code -Dwanglai.demo.measure=true}); prints median and range, asserts only results.
 */
@EnabledIfSystemProperty(named = "wanglai.demo.measure", matches = "true")
class ReclassifyMeasurement {
    private static final Logger LOG = LoggerFactory.getLogger(ReclassifyMeasurement.class);
    private static final String URL = "jdbc:h2:mem:cls-reclassify;DB_CLOSE_DELAY=-1;OPTIMIZE_REUSE_RESULTS=FALSE";
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    @Test
    void repeatedFullRun() throws Exception {
        int customers = Integer.getInteger("wanglai.measure.customers", 2_000);
        int rounds = Integer.getInteger("wanglai.measure.rounds", 5);
        long t0 = System.nanoTime();
        generate(customers);
        long generated = ms(t0);
        HostDatabaseImpl db = new HostDatabaseImpl(new HostDatabaseImpl.Config() {
            public Class<? extends Annotation> annotationType() { return HostDatabaseImpl.Config.class; }
            public String jdbcUrl() { return URL; }
            public String user() { return "sa"; }
            public String password() { return ""; }
            public int poolSize() { return 4; }
            public long connectionTimeoutMs() { return 10_000; }
            public String profile() { return "reference"; }
            public boolean demoDataOnEmpty() { return false; }
            public String demoDataScale() { return "schema"; }
            public long demoDataSeed() { return 42; }
        }, List.of(Map.entry(Map.<String, Object>of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.h2.Driver"),
                new org.h2.util.OsgiDataSourceFactory(new org.h2.Driver()))));
        ClsStore store = new ClsStore(db);
        ClassificationEngine engine = new ClassificationEngine(store, new HostCustomersImpl(db),
                new ClassificationEngine.Config() {
                    public Class<? extends Annotation> annotationType() { return ClassificationEngine.Config.class; }
                    public int windowMonths() { return 12; }
                    public String dailyRunAt() { return ""; }
                    public boolean reclassifyOnEvents() { return false; }
                    public long eventDelayMs() { return 0; }
                    public long fittedCacheSeconds() { return 0; }
                });
        RunRequest req = new RunRequest(AS_OF, 12, List.of(), java.util.Set.of(), "measure", "MANUAL");
        long t1 = System.nanoTime();
        RunOutcome first = engine.apply(req, null);
        long firstMs = ms(t1);
        Period w = ClsStore.window(AS_OF, 12);
        Map<String, Object> p = new HashMap<>();
        p.put("from", w.from());
        p.put("mid", w.midpoint());
        p.put("to", w.to());
        p.put("customerId", null);
        BoundSql bound = store.factory().getConfiguration()
                .getMappedStatement("org.wanglai.classification.internal.db.ClsMapper.metrics").getBoundSql(p);
        List<Long> ours = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        long rows = 0;
        try (Connection c = DriverManager.getConnection(URL, "sa", "")) {
            drain(c, bound, p); // warm-up of the bare statement; apply was warmed up by the first run
            engine.apply(req, null);
            for (int r = 0; r < rounds; r++) {
                long a = System.nanoTime();
                RunOutcome o = engine.apply(req, null);
                ours.add(ms(a));
                assertThat(o.changes()).isZero();
                long b = System.nanoTime();
                rows = drain(c, bound, p);
                bare.add(ms(b));
            }
        }
        assertThat(rows).isEqualTo(first.customers());
        String written;
        try (Connection c = DriverManager.getConnection(URL, "sa", "")) {
            written = digest(c, "SELECT customer_id, dimension_id, value_code, detail, score, reason FROM wl_cls_assignment"
                    + " ORDER BY customer_id, dimension_id") + " / history "
                    + digest(c, "SELECT customer_id, dimension_id, old_value, new_value, reason FROM wl_cls_history ORDER BY id");
        }
        String summary = String.format("Full re-classification of %d customers (generated in %d ms; first run %d ms, "
                + "%d changes; SHA-256 of the values written %s): ours %s, bare metrics SQL %s, ratio of medians %.2f; "
                + "load average %.2f", first.customers(), generated, firstMs, first.changes(), written, stats(ours), stats(bare),
                (double) median(ours) / Math.max(1, median(bare)),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        LOG.warn(summary);
        engine.deactivate();
    }

    /** DEMO parameters, or a BENCH-shaped slice above 2,000 customers (busier customers, a collection backlog). */
    private static void generate(int customers) throws Exception {
        Class<?> gen = Class.forName("org.wanglai.host.internal.demo.DemoDataGenerator");
        Class<?> params = Class.forName("org.wanglai.host.internal.demo.DemoDataGenerator$Params");
        Constructor<?> pc = params.getDeclaredConstructor(int.class, int.class, int.class, double.class, double.class,
                int.class);
        pc.setAccessible(true);
        Object ps = customers <= 2_000 ? pc.newInstance(customers, 3, 200, 1.0, 0.0, 10_000)
                : pc.newInstance(customers, 3, 2_000, 1.43, 0.40, 10_000);
        Constructor<?> gc = gen.getDeclaredConstructor(String.class, params, long.class, LocalDate.class);
        gc.setAccessible(true);
        Object g = gc.newInstance("measure-" + customers, ps, 20_260_630L, AS_OF);
        try (Connection c = DriverManager.getConnection(URL, "sa", "")) {
            gen.getMethod("generate", Connection.class).invoke(g, c);
        }
    }

    private static long drain(Connection c, BoundSql b, Map<String, Object> p) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(b.getSql())) {
            List<ParameterMapping> pms = b.getParameterMappings();
            for (int i = 0; i < pms.size(); i++) {
                String name = pms.get(i).getProperty();
                ps.setObject(i + 1, b.hasAdditionalParameter(name) ? b.getAdditionalParameter(name) : p.get(name));
            }
            long n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= cols; i++) {
                        rs.getObject(i);
                    }
                    n++;
                }
            }
            return n;
        }
    }

    /** SHA-256 over every column of every row of {@code sql}: equal digests, equal results. */
    private static String digest(Connection c, String sql) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= cols; i++) {
                    md.update(String.valueOf(rs.getObject(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    md.update((byte) 1);
                }
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static String stats(List<Long> xs) {
        return median(xs) + " ms (" + Collections.min(xs) + "–" + Collections.max(xs) + " ms, n=" + xs.size() + ")";
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
