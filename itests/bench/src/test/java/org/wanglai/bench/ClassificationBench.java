package org.wanglai.bench;

import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.Period;
import org.wanglai.api.classification.RunListener;
import org.wanglai.api.classification.RunOutcome;
import org.wanglai.api.classification.RunRequest;
import org.wanglai.classification.internal.ClassificationEngine;
import org.wanglai.classification.internal.ClsStore;

/**
 * P1: a full re-classification of every customer over every enabled dimension (metrics SQL, RFM, weighted score,
 * k-means, lifecycle, rules, comparison with the current values, and the changes written in one transaction)
 * against the one SQL aggregation that computes the same metrics, run bare over JDBC.
 */
final class ClassificationBench {
    private static final Logger LOG = LoggerFactory.getLogger(ClassificationBench.class);

    static void run(Plain plain, BenchDatabase pg, Results results, int repeats, Profiler profiler)
            throws Exception {
        long t0 = System.nanoTime();
        ClsStore store = new ClsStore(plain.db);
        ClassificationEngine engine = new ClassificationEngine(store, plain.customers,
                Configs.of(ClassificationEngine.Config.class, Map.of("reclassifyOnEvents", false)));
        LOG.info("Classification store migrated and engine built in {} ms", (System.nanoTime() - t0) / 1_000_000);
        RunRequest req = new RunRequest(BenchDatabase.AS_OF, engine.windowMonths(), List.of(), Set.of(), "bench",
                "MANUAL");

        // the first run writes every customer's values: reported on its own
        long f0 = System.nanoTime();
        RunOutcome first = engine.apply(req, RunListener.NONE);
        double firstMs = (System.nanoTime() - f0) / 1e6;
        LOG.info("First full classification: {} customers, {} changes in {} ms", first.customers(), first.changes(),
                Math.round(firstMs));

        long[] changes = new long[1];
        Period w = ClsStore.window(BenchDatabase.AS_OF, engine.windowMonths());
        Map<String, Object> p = new HashMap<>();
        p.put("from", w.from());
        p.put("mid", w.midpoint());
        p.put("to", w.to());
        p.put("customerId", null);
        SqlBaseline.Bound sql = SqlBaseline.bind(store.factory(),
                "org.wanglai.classification.internal.db.ClsMapper.metrics", p);
        long[] rows = new long[1];
        Samples ours;
        Samples baseline;
        try (Connection c = pg.connect()) {
            // the first full classification above is the engine's warm-up; the bare SQL gets one of its own
            long w0 = System.nanoTime();
            SqlBaseline.drain(c, sql.sql(), sql.values());
            LOG.info("metrics SQL: warm-up took {} ms", (System.nanoTime() - w0) / 1_000_000);
            Samples[] both = Samples.alternate("re-classification", () -> {
                RunOutcome o = engine.apply(req, RunListener.NONE);
                changes[0] = o.changes();
                return o;
            }, "metrics SQL", () -> rows[0] = SqlBaseline.drain(c, sql.sql(), sql.values()), 0, repeats);
            ours = both[0];
            baseline = both[1];
        }
        if (rows[0] != first.customers()) {
            throw new IllegalStateException("The metrics SQL returned " + rows[0] + " rows for " + first.customers()
                    + " customers classified");
        }
        results.info("P1a", "First full classification (" + first.customers() + " customers, every value written)",
                firstMs, Samples.ms(firstMs), "ms", "–", first.changes() + " values written in one transaction");
        Results.Row row = results.ratio("P1", "Full re-classification, " + first.customers() + " customers × every enabled dimension",
                ours, baseline, 1.5, "ours = ClassificationEngine.apply over all customers (metrics SQL + methods +"
                        + " comparison + one write transaction; " + changes[0] + " changes in the last run; the first"
                        + " full run, P1a, is its warm-up); baseline"
                        + " = the same metrics aggregation (ClsMapper.metrics) run bare over JDBC, every column read.");
        if (!row.met()) {
            // one more run: the first full run writes every value, so it is no profile of a re-classification
            results.add(ExcelBench.note(row, "Recorded in one more re-classification after the measured runs (JFR"
                    + " settings \"profile\"). " + profiler.profile("classification",
                            () -> engine.apply(req, RunListener.NONE))));
        }
    }

    private ClassificationBench() {
    }
}
