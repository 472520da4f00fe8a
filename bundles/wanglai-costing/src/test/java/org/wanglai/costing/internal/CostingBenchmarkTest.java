package org.wanglai.costing.internal;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.osgi.service.jdbc.DataSourceFactory;
import org.wanglai.api.costing.AllocationRun;
import org.wanglai.api.costing.CubeQuery;
import org.wanglai.api.costing.CubeResult;
import org.wanglai.host.internal.HostDatabaseImpl;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Measures allocation and roll-ups on generated data in a file H2 database under {@code target/}; opt-in:
 * {@code mvn -o test -pl bundles/wanglai-costing -Dtest=CostingBenchmarkTest -Dwanglai.costing.bench=demo}
 * (tiny, demo or bench), on H2 or, with {@code -Dwanglai.costing.bench.db=postgres}, on a real PostgreSQL started
 * from Maven Central's binaries; {@code -Dwanglai.costing.bench.months=N} allocates and rolls up only the latest N
 * months. Prints figures; asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "wanglai.costing.bench", matches = "tiny|demo|bench")
class CostingBenchmarkTest {

    @SuppressWarnings("unchecked")
    static <A> A config(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (p, m, a) -> {
            if (values.containsKey(m.getName())) {
                return values.get(m.getName());
            }
            Object d = m.getDefaultValue();
            if (d != null) {
                return d;
            }
            return switch (m.getName()) {
                case "toString" -> type.getSimpleName();
                case "hashCode" -> 0;
                case "equals" -> false;
                default -> throw new IllegalStateException("no value for " + m.getName());
            };
        });
    }

    @Test
    void measure() throws Exception {
        String scale = System.getProperty("wanglai.costing.bench");
        boolean postgres = "postgres".equals(System.getProperty("wanglai.costing.bench.db", "h2"));
        Path dir = Path.of("target", "bench-" + scale + (postgres ? "-pg" : "")).toAbsolutePath();
        Files.createDirectories(dir);
        EmbeddedPostgres pg = null;
        String url;
        String user;
        Map.Entry<Map<String, Object>, DataSourceFactory> driver;
        if (postgres) {
            // a real PostgreSQL server in its own process (binaries from Maven Central), new data each time
            pg = EmbeddedPostgres.builder().setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                    .start();
            url = pg.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            driver = Map.entry(Map.of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.postgresql.Driver"),
                    new org.postgresql.osgi.PGDataSourceFactory());
        } else {
            url = "jdbc:h2:file:" + dir.resolve("host") + ";CACHE_SIZE=262144";
            user = "sa";
            driver = Map.entry(Map.of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.h2.Driver"),
                    new org.h2.util.OsgiDataSourceFactory(new org.h2.Driver()));
        }
        String db0 = postgres ? "PostgreSQL" : "H2";
        long t0 = System.nanoTime();
        HostDatabaseImpl db = new HostDatabaseImpl(
                config(HostDatabaseImpl.Config.class, Map.of("jdbcUrl", url, "user", user, "password", "",
                        "demoDataOnEmpty", true, "demoDataScale", scale, "poolSize", 4)),
                List.of(driver));
        System.out.printf("[bench %s %s] host database ready (generated if new) in %d ms%n", scale, db0, ms(t0));
        try {
            CostingService costing = new CostingService(db, config(CostingService.Config.class, Map.of()));
            YearMonth first;
            YearMonth last;
            long lines;
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                ResultSet rs = st.executeQuery("SELECT MIN(period), MAX(period) FROM erp_cost_entry");
                rs.next();
                first = YearMonth.from(rs.getObject(1, LocalDate.class));
                last = YearMonth.from(rs.getObject(2, LocalDate.class));
                rs = st.executeQuery("SELECT COUNT(*) FROM erp_invoice_line");
                rs.next();
                lines = rs.getLong(1);
            }
            int months = Integer.getInteger("wanglai.costing.bench.months", 0);
            if (months > 0 && first.plusMonths(months - 1).isBefore(last)) {
                first = last.minusMonths(months - 1); // only the latest months: quicker, same per-month figures
            }
            System.out.printf("[bench %s %s] %d invoice lines, months %s..%s%n", scale, db0, lines, first, last);
            List<Long> perMonth = new ArrayList<>();
            long all = System.nanoTime();
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                long t = System.nanoTime();
                AllocationRun run = costing.allocate(m, "bench");
                perMonth.add(ms(t));
                if (m.equals(last)) {
                    System.out.printf("[bench %s %s] allocation %s: %s allocated (= pools %s), financing %s, %d customers, %d fact rows, %d ms%n",
                            scale, db0, m, run.allocated(), run.poolTotal(), run.financingCost(), run.customers(),
                            run.factRows(), perMonth.get(perMonth.size() - 1));
                }
            }
            Collections.sort(perMonth);
            System.out.printf("[bench %s %s] allocated %d months in %d ms: median %d ms, max %d ms per month%n", scale, db0,
                    perMonth.size(), ms(all), perMonth.get(perMonth.size() / 2), perMonth.get(perMonth.size() - 1));

            String bare = "SELECT i.channel_id, EXTRACT(YEAR FROM i.invoice_date) * 100 + EXTRACT(MONTH FROM i.invoice_date), "
                    + "SUM(l.line_amount), SUM(l.qty * l.unit_cost) FROM erp_invoice i JOIN erp_invoice_line l ON l.invoice_id = i.id "
                    + "WHERE i.status IN ('CO','CL') AND i.invoice_date BETWEEN DATE '" + first.atDay(1) + "' AND DATE '"
                    + last.atEndOfMonth() + "' GROUP BY i.channel_id, EXTRACT(YEAR FROM i.invoice_date) * 100 + EXTRACT(MONTH FROM i.invoice_date)";
            CubeQuery cube = CubeQuery.of(List.of("channel", "month"), List.of("revenue", "cogs", "cost_to_serve", "net_profit"), first, last);
            CubeQuery cube2 = CubeQuery.of(List.of("category1", "product_category"), List.of("revenue", "gross_margin", "net_profit"), first, last);
            CubeQuery customers = CubeQuery.of(List.of("customer"), List.of("revenue", "net_profit"), first, last)
                    .sortedBy("net_profit", true, 100);
            int[] round = {0};
            long bareMs = median(() -> {
                // a different text each round: H2 would otherwise hand back the previous round's cached result
                String sql = bare.replace("WHERE ", "WHERE i.id <> " + (-++round[0]) + " AND ");
                try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery(sql)) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                    }
                    return n;
                }
            });
            long cubeMs = median(() -> costing.query(cube).rows().size());
            long cube2Ms = median(() -> costing.query(cube2).rows().size());
            long custMs = median(() -> costing.query(customers).rows().size());
            CubeResult r = costing.query(cube);
            System.out.printf("[bench %s %s] roll-up channel x month (%d rows, revenue+COGS+cost-to-serve+net profit): cube %d ms vs bare GROUP BY over invoice lines (revenue+COGS only) %d ms%n",
                    scale, db0, r.rows().size(), cubeMs, bareMs);
            System.out.printf("[bench %s %s] roll-up category1 x product category: %d ms; top 100 customers by net profit: %d ms; total net profit %s%n",
                    scale, db0, cube2Ms, custMs, r.totals().get("net_profit"));
            // the P5: region x product category, revenue, COGS, gross margin, against the bare GROUP BY
            CubeQuery p5 = CubeQuery.of(List.of("region", "product_category"), List.of("revenue", "cogs", "gross_margin"),
                    first, last);
            String p5Bare = "SELECT g.region_id, r.code, r.name_zh, g.product_category_id, pc.code, pc.name_zh, g.revenue, g.cogs, "
                    + "g.revenue - g.cogs FROM (SELECT i.region_id, p.category_id AS product_category_id, SUM(l.line_amount) AS revenue, "
                    + "SUM(l.qty * l.unit_cost) AS cogs FROM erp_invoice i JOIN erp_invoice_line l ON l.invoice_id = i.id "
                    + "JOIN erp_product p ON p.id = l.product_id WHERE i.status IN ('CO', 'CL') AND i.invoice_date BETWEEN DATE '"
                    + first.atDay(1) + "' AND DATE '" + last.atEndOfMonth() + "' GROUP BY i.region_id, p.category_id) g "
                    + "LEFT JOIN erp_region r ON r.id = g.region_id LEFT JOIN erp_product_category pc ON pc.id = g.product_category_id "
                    + "ORDER BY g.region_id, g.product_category_id";
            long p5BareMs = median(() -> {
                String sql = p5Bare.replace("WHERE ", "WHERE i.id <> " + (-++round[0]) + " AND ");
                try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery(sql)) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                    }
                    return n;
                }
            });
            long p5Ms = median(() -> costing.query(p5).rows().size());
            CubeResult p5Result = costing.query(p5);
            long customerLevel = p5Result.rows().stream().filter(row -> row.keys().get(1).key() == 0
                    && row.measure("revenue").signum() == 0 && row.measure("cogs").signum() == 0).count();
            int p5BareCells;
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(p5Bare)) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                p5BareCells = n;
            }
            System.out.printf("[bench %s %s] P5 roll-up region x product category (%d cells, %d of them customer-level cost only;"
                    + " bare GROUP BY %d cells): cube %d ms vs bare GROUP BY %d ms%n",
                    scale, db0, p5Result.rows().size(), customerLevel, p5BareCells, p5Ms, p5BareMs);
            if (postgres) {
                SqlSessionFactory f = db.sessionFactory(CostMapper.class, CubeMapper.class);
                CubeEngine engine = new CubeEngine(f, db.relations(), 10000);
                CubeSql compiled = engine.compile(p5, List.of(), false, false).sql();
                org.apache.ibatis.mapping.BoundSql bound = f.getConfiguration()
                        .getMappedStatement("org.wanglai.costing.internal.CubeMapper.rollUp")
                        .getBoundSql(Map.of("q", compiled, "param1", compiled));
                String sql = bound.getSql().replaceFirst("\\?", "DATE '" + first.atDay(1) + "'")
                        .replaceFirst("\\?", "DATE '" + last.atDay(1) + "'").replaceFirst("\\?", String.valueOf(compiled.limit()));
                try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                    StringBuilder plan = new StringBuilder();
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                    System.out.printf("[bench %s %s] plan of the P5 roll-up:%n%s", scale, db0, plan);
                }
            }
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM wl_cost_fact")) {
                rs.next();
                System.out.printf("[bench %s %s] %d fact rows for %d invoice lines%n", scale, db0, rs.getLong(1), lines);
            }
        } finally {
            ((java.io.Closeable) db.dataSource()).close();
            if (pg != null) {
                pg.close();
            }
        }
    }

    interface Work {
        int run() throws Exception;
    }

    private static long median(Work w) throws Exception {
        w.run();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            w.run();
            times.add(ms(t));
        }
        Collections.sort(times);
        return times.get(2);
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
