package org.wanglai.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** P2: credit check latency p50/p99/max through JMH in a forked JVM, ledger against SQL per check. */
final class CreditBench {
    private static final Logger LOG = LoggerFactory.getLogger(CreditBench.class);

    static void run(BenchDatabase pg, Results results, Path work) throws Exception {
        Files.createDirectories(work);
        Path loadTime = work.resolve("credit-ledger-load-ms.txt");
        Files.deleteIfExists(loadTime);
        Options opts = new OptionsBuilder()
                .include(CreditCheckJmh.class.getName() + "\\.(ledger|sql)$")
                .param("jdbcUrl", pg.jdbcUrl())
                .param("loadTimeFile", loadTime.toString())
                .forks(1)
                .jvmArgsAppend("-Xmx3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .threads(1)
                .result(work.resolve("credit-jmh.json").toString())
                .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
                .build();
        Collection<RunResult> runs = new Runner(opts).run();
        Statistics ledger = null;
        Statistics sql = null;
        for (RunResult r : runs) {
            String name = r.getParams().getBenchmark();
            if (name.endsWith(".ledger")) {
                ledger = r.getPrimaryResult().getStatistics();
            } else if (name.endsWith(".sql")) {
                sql = r.getPrimaryResult().getStatistics();
            }
        }
        if (ledger == null || sql == null) {
            throw new IllegalStateException("JMH did not return both credit benchmarks: " + runs.size() + " results");
        }
        double loadMs = Files.exists(loadTime) ? Double.parseDouble(Files.readString(loadTime).trim()) : Double.NaN;
        LOG.info("Credit check µs: ledger p50 {} p99 {} max {} (n {}); SQL p50 {} p99 {} max {} (n {})",
                ledger.getPercentile(50), ledger.getPercentile(99), ledger.getMax(), ledger.getN(),
                sql.getPercentile(50), sql.getPercentile(99), sql.getMax(), sql.getN());
        double p99ms = ledger.getPercentile(99) / 1000.0;
        results.add(new Results.Row("P2", "Credit check latency p99 (order, random customer of 100k)", p99ms,
                Samples.ms(p99ms), sql.getPercentile(99) / 1000.0, Samples.ms(sql.getPercentile(99) / 1000.0), "ms",
                ledger.getPercentile(99) / sql.getPercentile(99), "p99 ≤ 1 ms", p99ms <= 1.0,
                String.format(Locale.ROOT, "JMH sample time, 1 fork, 1 thread, 3×2 s warm-up, 5×2 s measured. Ours ="
                        + " CreditService.check (in-memory exposure ledger, rules, reservation, check log queued):"
                        + " p50 %s, p99 %s, max %s, n=%d. Baseline = the exposure of that customer recomputed in"
                        + " one SQL statement per check (JDBC, prepared once): p50 %s, p99 %s, max %s, n=%d.",
                        us(ledger.getPercentile(50)), us(ledger.getPercentile(99)), us(ledger.getMax()), ledger.getN(),
                        us(sql.getPercentile(50)), us(sql.getPercentile(99)), us(sql.getMax()), sql.getN())));
        results.add(new Results.Row("P2a", "Credit check latency p50", ledger.getPercentile(50) / 1000.0,
                Samples.ms(ledger.getPercentile(50) / 1000.0), sql.getPercentile(50) / 1000.0,
                Samples.ms(sql.getPercentile(50) / 1000.0), "ms", ledger.getPercentile(50) / sql.getPercentile(50),
                "–", null, null));
        results.add(new Results.Row("P2b", "Credit check latency max", ledger.getMax() / 1000.0,
                Samples.ms(ledger.getMax() / 1000.0), sql.getMax() / 1000.0, Samples.ms(sql.getMax() / 1000.0), "ms",
                ledger.getMax() / sql.getMax(), "–", null, null));
        if (!Double.isNaN(loadMs)) {
            results.info("P2c", "Credit ledger load at activation (100k customers, all open items and orders)", loadMs,
                    Samples.ms(loadMs), "ms", "–", "CreditService constructor: migration, set-based exposure load.");
        }
    }

    private static String us(double micros) {
        return Samples.ms(micros / 1000.0);
    }

    private CreditBench() {
    }
}
