package org.wanglai.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Properties;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.wanglai.api.host.HostDatabase;

/**
 * Points the host database component at the database this run tests (H2 or the real PostgreSQL the build
 * started) and waits for the service. Framework properties: {@code wanglai.it.db} (h2 or postgresql), either
 * {@code wanglai.it.jdbcUrl}/{@code wanglai.it.user}/{@code wanglai.it.password} or {@code wanglai.it.propsFile}
 * (written by the build's PostgreSQL starter), and {@code wanglai.it.dataset}: {@code tiny} (default, generated demo
 * data) or {@code schema} (empty host tables for hand-computed fixtures).
 */
public final class TestDatabase {
    public static final String PID = "org.wanglai.host.database";

    private TestDatabase() {
    }

    public static String kind(BundleContext ctx) {
        return ctx.getProperty("wanglai.it.db");
    }

    public static Properties coordinates(BundleContext ctx) throws IOException {
        Properties p = new Properties();
        String file = ctx.getProperty("wanglai.it.propsFile");
        if (file != null) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                p.load(in);
            }
        } else {
            p.setProperty("jdbcUrl", ctx.getProperty("wanglai.it.jdbcUrl"));
            p.setProperty("user", ctx.getProperty("wanglai.it.user"));
            String pw = ctx.getProperty("wanglai.it.password");
            p.setProperty("password", pw == null ? "" : pw);
        }
        return p;
    }

    /**
     * Configures the host database (once per framework) and returns the service. Waits first until every bundle
     * has started, so that the JDBC driver services are all present and the pool is not re-created under the test.
     */
    public static HostDatabase configure(BundleContext ctx, ConfigurationAdmin cm) throws Exception {
        waitUntil(() -> java.util.Arrays.stream(ctx.getBundles()).allMatch(b -> b.getState() == org.osgi.framework.Bundle.ACTIVE
                || b.getHeaders().get("Fragment-Host") != null), 30_000, "all bundles started");
        Configuration cfg = cm.getConfiguration(PID, "?");
        if (cfg.getProperties() == null) {
            Properties c = coordinates(ctx);
            Dictionary<String, Object> d = new Hashtable<>();
            d.put("jdbcUrl", c.getProperty("jdbcUrl"));
            d.put("user", c.getProperty("user"));
            d.put("password", c.getProperty("password"));
            d.put("poolSize", 6);
            d.put("demoDataOnEmpty", true);
            String dataset = ctx.getProperty("wanglai.it.dataset");
            d.put("demoDataScale", dataset == null ? "tiny" : dataset);
            cfg.update(d);
        }
        return await(ctx, HostDatabase.class, 60_000);
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code millis}. */
    public static void waitUntil(java.util.function.BooleanSupplier condition, long millis, String what)
            throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + millis + " ms waiting for " + what);
            }
            Thread.sleep(25);
        }
    }

    public static <T> T await(BundleContext ctx, Class<T> type, long millis) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(ctx, type, null);
        t.open();
        try {
            T service = t.waitForService(millis);
            if (service == null) {
                throw new AssertionError(type.getSimpleName() + " did not appear within " + millis + " ms");
            }
            return service;
        } finally {
            t.close();
        }
    }
}
