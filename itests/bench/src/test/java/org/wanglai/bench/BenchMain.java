package org.wanglai.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark: starts PostgreSQL on the persistent data directory, makes sure the BENCH data set is there, runs
 * every measurement with its baseline on the same data in this run, and prints and writes the result table.
 *
 * <p>System properties: {@code bench.pgdata}, {@code bench.dist}, {@code bench.target}, {@code bench.repeats},
 * {@code bench.only} (comma-separated sections: classification, ageing, cube, credit, excel, container).
 */
public final class BenchMain {
    private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);
    static final Set<String> SECTIONS = Set.of("classification", "ageing", "cube", "credit", "excel", "container");

    interface Section {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path target = Path.of(System.getProperty("bench.target", "target")).toAbsolutePath();
        Path work = target.resolve("bench-work");
        Path pgdata = Path.of(System.getProperty("bench.pgdata",
                System.getProperty("user.home") + "/.cache/wanglai-bench/pg17"));
        Path dist = Path.of(System.getProperty("bench.dist", "../../distribution/target/wanglai")).toAbsolutePath()
                .normalize();
        int repeats = Integer.getInteger("bench.repeats", 5);
        String onlyProp = System.getProperty("bench.only", "").trim();
        Set<String> only = onlyProp.isEmpty() ? SECTIONS
                : Arrays.stream(onlyProp.split(",")).map(String::trim).collect(Collectors.toSet());
        for (String s : only) {
            if (!SECTIONS.contains(s)) {
                throw new IllegalArgumentException("bench.only: unknown section '" + s + "', known: " + SECTIONS);
            }
        }
        Results results = new Results();
        Profiler profiler = new Profiler(target.resolve("jfr"));
        String startLoad = loadAverage();
        results.context("Machine", Runtime.getRuntime().availableProcessors() + " CPUs, load average at start "
                + startLoad);
        results.context("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

        boolean needsDatabase = only.stream().anyMatch(s -> !s.equals("container"));
        if (needsDatabase) {
            database(pgdata, target, work, only, repeats, results, profiler);
        }
        section(only, "container", results, () -> ContainerBench.run(dist, work.resolve("container"), results,
                Integer.getInteger("bench.container.restarts", 3)));

        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        String total = String.format(Locale.ROOT, "%d min %02d s", took.toMinutes(), took.toSecondsPart());
        results.context("Benchmark wall time", total + " (budget 30 min)");
        LOG.info("Section wall times: {}; total {}", results.sectionTimes(), total);
        String endLoad = loadAverage();
        results.context("Load average at end", endLoad);
        // the run itself keeps about one CPU busy at its end
        double busiest = Math.max(firstLoad(startLoad), firstLoad(endLoad) - 1);
        int cpus = Runtime.getRuntime().availableProcessors();
        if (busiest > cpus) {
            results.context("Noise", String.format(Locale.ROOT, "the machine was shared with other work (load average"
                    + " up to %.1f on %d CPUs): absolute times are inflated and noisy; ours and its baseline were"
                    + " measured alternately in the same run, so the ratios are the more reliable figures.", busiest,
                    cpus));
        }
        results.write(target);
        String md = results.markdown();
        LOG.info("Results written to {} and {}:\n{}", target.resolve("bench-results.md"),
                target.resolve("bench-results.json"), md);
    }

    /** The sections that run against the BENCH data set in PostgreSQL. */
    private static void database(Path pgdata, Path target, Path work, Set<String> only, int repeats, Results results,
            Profiler profiler) throws Exception {
        try (BenchDatabase pg = BenchDatabase.start(pgdata, target.resolve("postgres.log"))) {
            BenchDatabase.DataSet data = pg.ensureDataSet();
            results.context("Data set", "BENCH, seed " + BenchDatabase.SEED + ", as of " + BenchDatabase.AS_OF + ": "
                    + data);
            try (Connection c = pg.connect(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SHOW server_version")) {
                    rs.next();
                    results.context("PostgreSQL", rs.getString(1) + " (embedded, " + pgdata + ")");
                }
                Plain.resetPluginTables(c, CubeFacts.present(c));
            }
            try (Plain plain = new Plain(pg.jdbcUrl(), 8)) {
                section(only, "classification", results,
                        () -> ClassificationBench.run(plain, pg, results, repeats, profiler));
                section(only, "ageing", results, () -> AgeingBench.run(plain, pg, results, repeats, profiler));
                section(only, "cube", results, () -> CubeBench.run(plain, pg, results, repeats, profiler));
            }
            section(only, "credit", results, () -> CreditBench.run(pg, results, work));
            section(only, "excel", results, () -> ExcelBench.run(pg, results,
                    Integer.getInteger("bench.excel.repeats", 2), work.resolve("excel"), profiler));
        }
    }

    private static void section(Set<String> only, String name, Results results, Section s) {
        if (!only.contains(name)) {
            return;
        }
        long t0 = System.nanoTime();
        LOG.info("=== {} ===", name);
        try {
            s.run();
        } catch (Exception | Error e) {
            LOG.error("Section {} failed: {}", name, e.toString(), e);
            // the first line of the failure: the log above has the whole trace
            String why = String.valueOf(e).lines().findFirst().orElse(e.getClass().getName());
            results.missing(name, "Section " + name, "–", "failed: " + why + " (see the run's log)");
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000;
        LOG.info("=== {} done in {} s (load average {}) ===", name, seconds, loadAverage());
        results.sectionTime(name, seconds);
    }

    private static double firstLoad(String loadAverage) {
        try {
            return Double.parseDouble(loadAverage.split(" ")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private BenchMain() {
    }
}
