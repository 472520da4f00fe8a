package org.wanglai.classification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.osgi.service.jdbc.DataSourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.classification.RunOutcome;
import org.wanglai.api.classification.RunRequest;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.classification.internal.report.CustomerListReport;
import org.wanglai.host.internal.HostCustomersImpl;
import org.wanglai.host.internal.HostDatabaseImpl;

/**
 * What the main operations cost on the DEMO data set (about 2,000 customers, 3 years) in an in-memory H2: the real
 * host service and the real classification components, constructed directly. Opt-in
 * ({@code -Dwanglai.demo.measure=true}); prints figures, asserts only results.
 */
@EnabledIfSystemProperty(named = "wanglai.demo.measure", matches = "true")
class DemoScaleMeasurement {
    private static final Logger LOG = LoggerFactory.getLogger(DemoScaleMeasurement.class);

    @Test
    void fullRunOnDemoData() throws Exception {
        long t0 = System.nanoTime();
        HostDatabaseImpl db = new HostDatabaseImpl(new HostDatabaseImpl.Config() {
            public Class<? extends Annotation> annotationType() { return HostDatabaseImpl.Config.class; }
            public String jdbcUrl() { return "jdbc:h2:mem:cls-demo;DB_CLOSE_DELAY=-1"; }
            public String user() { return "sa"; }
            public String password() { return ""; }
            public int poolSize() { return 4; }
            public long connectionTimeoutMs() { return 10_000; }
            public String profile() { return "reference"; }
            public boolean demoDataOnEmpty() { return true; }
            public String demoDataScale() { return "demo"; }
            public long demoDataSeed() { return 42; }
        }, List.of(Map.entry(Map.<String, Object>of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.h2.Driver"),
                new org.h2.util.OsgiDataSourceFactory(new org.h2.Driver()))));
        long generated = ms(t0);
        HostCustomersImpl customers = new HostCustomersImpl(db);
        ClsStore store = new ClsStore(db);
        ClassificationEngine engine = new ClassificationEngine(store, customers, new ClassificationEngine.Config() {
            public Class<? extends Annotation> annotationType() { return ClassificationEngine.Config.class; }
            public int windowMonths() { return 12; }
            public String dailyRunAt() { return ""; }
            public boolean reclassifyOnEvents() { return false; }
            public long eventDelayMs() { return 0; }
            public long fittedCacheSeconds() { return 600; }
        });
        LocalDate asOf = LocalDate.now();
        long t1 = System.nanoTime();
        int n = store.metrics(asOf, 12, null).size();
        long metrics = ms(t1);
        long t2 = System.nanoTime();
        RunOutcome preview = engine.preview(RunRequest.all(asOf, "measure"), null);
        long previewMs = ms(t2);
        long t3 = System.nanoTime();
        RunOutcome first = engine.apply(RunRequest.all(asOf, "measure"), null);
        long firstMs = ms(t3);
        long t4 = System.nanoTime();
        RunOutcome second = engine.apply(RunRequest.all(asOf, "measure"), null);
        long secondMs = ms(t4);
        long t5 = System.nanoTime();
        RunOutcome one = engine.apply(new RunRequest(asOf, 12, List.of(), Set.of(1L), "measure", "EVENT"), null);
        long oneMs = ms(t5);
        long t6 = System.nanoTime();
        long[] rows = new long[1];
        new CustomerListReport(store, engine).run(new ReportQuery(Map.of("asOf", asOf), java.util.Locale.SIMPLIFIED_CHINESE, "m"),
                r -> ++rows[0] > 0);
        long reportMs = ms(t6);
        long t7 = System.nanoTime();
        engine.explain(1L, asOf);
        long explainFirstMs = ms(t7);
        long t8 = System.nanoTime();
        for (long id = 2; id <= 11; id++) {
            engine.explain(id, asOf);
        }
        long explainNextMs = ms(t8) / 10;
        LOG.warn("Customer card on DEMO data: first explanation {} ms, then {} ms per customer", explainFirstMs,
                explainNextMs);
        // The cards say what the applied full run wrote (no locks here), on DEMO data with its ties.
        Map<String, Map<Long, String>> written = new java.util.HashMap<>();
        for (long id = 1; id <= 200; id += 7) {
            for (var x : engine.explain(id, asOf).dimensions()) {
                if (x.computed() != null) {
                    String stored = written.computeIfAbsent(x.dimension(), engine::valuesOf).get(id);
                    assertThat(x.computed()).as("customer %d, %s", id, x.dimension()).isEqualTo(stored);
                }
            }
        }
        String summary = String.format("DEMO data (%d customers): generated in %d ms; metrics SQL %d ms; preview %d ms "
                + "(%d changes); first apply %d ms (%d changes, %d history rows); second apply %d ms (%d changes); "
                + "one customer (event) %d ms; customer list report %d rows in %d ms", n, generated, metrics, previewMs,
                preview.changes(), firstMs, first.changes(), first.changes(), secondMs, second.changes(), oneMs,
                reportMs > 0 ? rows[0] : rows[0], reportMs);
        LOG.warn(summary);
        assertThat(n).isGreaterThan(1000);
        assertThat(first.changes()).isEqualTo(preview.changes());
        assertThat(one.customers()).isEqualTo(1);
        engine.deactivate();
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
