package org.wanglai.it.credit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.credit.CreditAdmin;
import org.wanglai.api.credit.CreditControl;
import org.wanglai.it.support.SqlFixture;
import org.wanglai.it.support.TestDatabase;

/**
 * Brings up what every credit test needs: the host database with empty host tables and the hand-computed fixture,
 * the credit configuration (business date 2026-06-30, no background schedules) and the credit bundle, hot-deployed
 * through FileInstall from target/capability.
 */
final class CreditIt {
    static final String BSN = "wanglai-credit";
    static final String TODAY = "2026-06-30";

    private CreditIt() {
    }

    record Env(HostDatabase db, CreditControl control, CreditAdmin admin) {
    }

    static synchronized Env up(BundleContext ctx, ConfigurationAdmin cm) throws Exception {
        HostDatabase db = TestDatabase.configure(ctx, cm);
        if (scalarLong(db, "SELECT COUNT(*) FROM erp_customer") == 0) {
            SqlFixture.run(db, CreditIt.class, "fixtures/credit.sql");
        }
        Configuration cfg = cm.getConfiguration("org.wanglai.credit", "?");
        if (cfg.getProperties() == null) {
            Dictionary<String, Object> d = new Hashtable<>();
            d.put("today", TODAY);
            d.put("reconcileMinutes", 0);
            d.put("scoreIntervalHours", 0);
            d.put("approvalAbove", 100000.0);
            d.put("bypassUsers", new String[] { "boss" });
            d.put("alertThresholds", "80,100");
            cfg.update(d);
        }
        deploy(ctx);
        return new Env(db, await(ctx, CreditControl.class, "(today=" + TODAY + ")"),
                await(ctx, CreditAdmin.class, "(today=" + TODAY + ")"));
    }

    static Path deployed(BundleContext ctx) {
        return Path.of(ctx.getProperty("wanglai.it.hotdeploy.dir")).resolve("wanglai-credit.jar");
    }

    /** Drops the credit bundle into the watched folder (atomically) unless it is there. */
    static void deploy(BundleContext ctx) throws IOException {
        Path target = deployed(ctx);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile("credit", ".jar");
        Files.copy(Path.of(ctx.getProperty("wanglai.it.credit.jar")), tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Optional<Bundle> bundle(BundleContext ctx) {
        return Arrays.stream(ctx.getBundles()).filter(b -> BSN.equals(b.getSymbolicName())).findFirst();
    }

    static <T> T await(BundleContext ctx, Class<T> type, String filter) throws Exception {
        String f = "(&(objectClass=" + type.getName() + ")" + (filter == null ? "" : filter) + ")";
        ServiceTracker<T, T> t = new ServiceTracker<>(ctx, ctx.createFilter(f), null);
        t.open();
        try {
            T s = t.waitForService(60_000);
            if (s == null) {
                throw new AssertionError(type.getSimpleName() + " " + f + " did not appear");
            }
            return s;
        } finally {
            t.close();
        }
    }

    static Report report(BundleContext ctx, String id) throws Exception {
        return await(ctx, Report.class, "(wanglai.report=" + id + ")");
    }

    static boolean hasReport(BundleContext ctx, String id) {
        try {
            ServiceReference<?>[] refs = ctx.getServiceReferences(Report.class.getName(), "(wanglai.report=" + id + ")");
            return refs != null && refs.length > 0;
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs a report directly and collects its rows (test data is small). */
    static List<Object[]> rows(BundleContext ctx, String id, Map<String, Object> params) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        report(ctx, id).run(new ReportQuery(params, Locale.ENGLISH, "tester"), r -> rows.add(r));
        return rows;
    }

    static long scalarLong(HostDatabase db, String sql, Object... args) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String scalarString(HostDatabase db, String sql, Object... args) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
