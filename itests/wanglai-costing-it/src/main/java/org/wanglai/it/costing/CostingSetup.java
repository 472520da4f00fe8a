package org.wanglai.it.costing;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.wanglai.api.costing.AllocationRule;
import org.wanglai.api.costing.CostAnalysis;
import org.wanglai.api.costing.CostDriver;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.report.Report;
import org.wanglai.it.support.SqlFixture;
import org.wanglai.it.support.TestDatabase;

/**
 * Brings the framework to the state every costing test starts from: host tables with the hand-computed fixture,
 * the costing bundle hot-deployed from the watched folder with a financing rate of 36.5% a year (0.1% a day, so
 * financing costs are easy to compute by hand), and the standard rules.
 */
final class CostingSetup {
    static final String BSN = "wanglai-costing";
    static final String JAR = "wanglai-costing.jar";

    /** Whether this framework has deployed the jar of this build (the watched folder may hold an older one). */
    private static boolean deployedThisRun;

    private CostingSetup() {
    }

    static synchronized HostDatabase database(BundleContext ctx, ConfigurationAdmin cm) throws Exception {
        HostDatabase db = TestDatabase.configure(ctx, cm);
        if (scalar(db, "SELECT COUNT(*) FROM erp_customer").signum() == 0) {
            SqlFixture.run(db, CostingSetup.class, "fixtures/costing.sql");
        }
        Configuration cfg = cm.getConfiguration("org.wanglai.costing", "?");
        if (cfg.getProperties() == null) {
            Dictionary<String, Object> d = new Hashtable<>();
            d.put("financingAnnualRatePercent", "36.5");
            d.put("financingBasis", "due");
            cfg.update(d);
        }
        return db;
    }

    static synchronized CostAnalysis ready(BundleContext ctx, ConfigurationAdmin cm) throws Exception {
        database(ctx, cm);
        if (!deployedThisRun) {
            undeploy(ctx);
            deployedThisRun = true;
        }
        if (bundle(ctx).isEmpty()) {
            deploy(ctx);
        }
        CostAnalysis costing = TestDatabase.await(ctx, CostAnalysis.class, 60_000);
        costing.saveRules(standardRules(), "it");
        return costing;
    }

    static List<AllocationRule> standardRules() {
        return List.of(AllocationRule.of("ORDER_HANDLING", CostDriver.ORDERS),
                AllocationRule.of("DELIVERY", CostDriver.SHIPMENTS),
                AllocationRule.of("SUPPORT", CostDriver.INVOICES),
                new AllocationRule("SUPPORT", "01", CostDriver.DISPUTES, null, null),
                AllocationRule.of("MARKETING_AGENT", CostDriver.REVENUE));
    }

    static void deploy(BundleContext ctx) throws Exception {
        Path dir = Path.of(ctx.getProperty("wanglai.it.hotdeploy.dir"));
        Files.createDirectories(dir);
        Path tmp = dir.resolveSibling(JAR + ".tmp");
        Files.copy(Path.of(ctx.getProperty("wanglai.it.costing.jar")), tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, dir.resolve(JAR), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        TestDatabase.waitUntil(() -> bundle(ctx).map(b -> b.getState() == Bundle.ACTIVE).orElse(false), 30_000,
                "costing bundle active");
    }

    static void undeploy(BundleContext ctx) throws Exception {
        Files.deleteIfExists(Path.of(ctx.getProperty("wanglai.it.hotdeploy.dir")).resolve(JAR));
        TestDatabase.waitUntil(() -> bundle(ctx).isEmpty(), 30_000, "costing bundle removed");
    }

    static Optional<Bundle> bundle(BundleContext ctx) {
        return Arrays.stream(ctx.getBundles()).filter(b -> BSN.equals(b.getSymbolicName())).findFirst();
    }

    static Report report(BundleContext ctx, String id) throws Exception {
        TestDatabase.waitUntil(() -> reportRef(ctx, id) != null, 30_000, "report " + id);
        return ctx.getService(reportRef(ctx, id));
    }

    static ServiceReference<Report> reportRef(BundleContext ctx, String id) {
        try {
            var refs = ctx.getServiceReferences(Report.class, "(wanglai.report=" + id + ")");
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static BigDecimal scalar(HostDatabase db, String sql, Object... args) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                BigDecimal v = rs.getBigDecimal(1);
                return v == null ? BigDecimal.ZERO : v;
            }
        }
    }

    static void execute(HostDatabase db, String sql) {
        SqlFixture.execute(db, sql);
    }

    /** key columns joined by '/', to the sum of the last column, for every row of {@code sql}. */
    static Map<String, BigDecimal> sums(HostDatabase db, String sql, Object... args) throws Exception {
        Map<String, BigDecimal> out = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder key = new StringBuilder();
                    for (int i = 1; i < n; i++) {
                        key.append(i > 1 ? "/" : "").append(rs.getString(i));
                    }
                    out.merge(key.toString(), rs.getBigDecimal(n), BigDecimal::add);
                }
            }
        }
        return out;
    }
}
