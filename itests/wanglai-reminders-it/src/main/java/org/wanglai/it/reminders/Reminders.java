package org.wanglai.it.reminders;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.it.support.SqlFixture;
import org.wanglai.it.support.TestDatabase;

/**
 * Test support: configures the host database with empty host tables plus the hand-computed fixture, deploys the
 * reminders bundle through the FileInstall folder, and calls its Gogo commands as the shell would (by reflection on
 * the command service, whose class is private to the bundle).
 */
final class Reminders {
    static final String BSN = "wanglai-reminders";

    private Reminders() {
    }

    static synchronized HostDatabase setUp(BundleContext ctx, ConfigurationAdmin cm) throws Exception {
        Configuration rem = cm.getConfiguration("org.wanglai.reminders", "?");
        if (rem.getProperties() == null) {
            Dictionary<String, Object> d = new Hashtable<>();
            d.put("dailyTime", ""); // the tests run the daily job themselves
            d.put("instanceName", "it-node");
            rem.update(d);
        }
        HostDatabase db = TestDatabase.configure(ctx, cm);
        if (scalar(db, "SELECT COUNT(*) FROM erp_customer").longValue() == 0) {
            SqlFixture.run(db, Reminders.class, "fixtures/reminders.sql");
        }
        deploy(ctx);
        return db;
    }

    static Path deployed(BundleContext ctx) {
        return Path.of(ctx.getProperty("wanglai.it.hotdeploy.dir")).resolve("wanglai-reminders.jar");
    }

    static void deploy(BundleContext ctx) throws Exception {
        Path target = deployed(ctx);
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile("rem", ".jar");
            Files.copy(Path.of(ctx.getProperty("wanglai.it.capability.jar")), tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        TestDatabase.waitUntil(() -> commands(ctx) != null && report(ctx, "reminders.ageing") != null, 60_000,
                "reminders services");
    }

    static Optional<Bundle> bundle(BundleContext ctx) {
        return Arrays.stream(ctx.getBundles()).filter(b -> BSN.equals(b.getSymbolicName())).findFirst();
    }

    static Object commands(BundleContext ctx) {
        try {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(null,
                    "(&(osgi.command.scope=wanglai)(osgi.command.function=remapprove))");
            return refs == null ? null : ctx.getService(refs[0]);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static ServiceReference<?> report(BundleContext ctx, String id) {
        try {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences("org.wanglai.api.report.Report",
                    "(wanglai.report=" + id + ")");
            return refs == null ? null : refs[0];
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Calls a Gogo command method with the given arguments, unwrapping the command's own exception. */
    static String cmd(BundleContext ctx, String name, Object... args) throws Throwable {
        Object c = commands(ctx);
        for (Method m : c.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length
                    && compatible(m.getParameterTypes(), args)) {
                try {
                    return String.valueOf(m.invoke(c, args));
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no command " + name + "/" + args.length);
    }

    private static boolean compatible(Class<?>[] types, Object[] args) {
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i] == long.class ? Long.class : types[i] == int.class ? Integer.class : types[i];
            if (!t.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    static Number scalar(HostDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return (Number) rs.getObject(1);
        }
    }

    static String text(HostDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static void exec(HostDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }
}
