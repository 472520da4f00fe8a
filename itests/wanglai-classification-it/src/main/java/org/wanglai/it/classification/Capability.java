package org.wanglai.it.classification;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.wanglai.api.classification.Classification;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.report.Report;
import org.wanglai.it.support.SqlFixture;
import org.wanglai.it.support.TestDatabase;

/**
 * Brings the classification bundle into the framework the way an administrator does (a jar dropped into the
 * FileInstall folder), over the hand-computed fixture, and reaches its Gogo commands.
 */
final class Capability {
    static final String BSN = "wanglai-classification";
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    /** Whether this framework has replaced a jar left in the watched folder by an earlier build. */
    private static boolean fresh;

    private Capability() {
    }

    static Path deployed(BundleContext ctx) {
        return Path.of(ctx.getProperty("wanglai.it.hotdeploy.dir")).resolve("wanglai-classification.jar");
    }

    /** Host database with the fixture loaded, and the capability deployed; returns the classification service. */
    static Classification ensure(BundleContext ctx, ConfigurationAdmin cm) throws Exception {
        HostDatabase db = TestDatabase.configure(ctx, cm);
        HostCustomers customers = TestDatabase.await(ctx, HostCustomers.class, 30_000);
        synchronized (Capability.class) {
            if (customers.count() == 0) {
                SqlFixture.run(db, Capability.class, "fixtures/classification.sql");
            }
        }
        deploy(ctx);
        return TestDatabase.await(ctx, Classification.class, 60_000);
    }

    static void deploy(BundleContext ctx) throws Exception {
        Path target = deployed(ctx);
        synchronized (Capability.class) {
            if (!fresh) {
                Files.deleteIfExists(target);
                TestDatabase.waitUntil(() -> bundle(ctx).isEmpty(), 30_000, "stale classification bundle removed");
                fresh = true;
            }
        }
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent().getParent(), "cls", ".jar");
            Files.copy(Path.of(ctx.getProperty("wanglai.it.classification.jar")), tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        TestDatabase.waitUntil(() -> service(ctx, Classification.class, null) != null, 60_000, "classification service");
    }

    static Optional<Bundle> bundle(BundleContext ctx) {
        return Arrays.stream(ctx.getBundles()).filter(b -> BSN.equals(b.getSymbolicName())).findFirst();
    }

    static <T> T service(BundleContext ctx, Class<T> type, String filter) {
        try {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(type.getName(), filter);
            if (refs == null) {
                return null;
            }
            @SuppressWarnings("unchecked")
            T t = (T) ctx.getService(refs[0]);
            return t;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Report report(BundleContext ctx, String id) {
        try {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(Report.class.getName(), null);
            if (refs != null) {
                for (ServiceReference<?> r : refs) {
                    Report rep = (Report) ctx.getService(r);
                    if (rep != null && rep.definition().id().equals(id)) {
                        return rep;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Calls a Gogo command of the capability (scope wanglai) by name, as the shell would. */
    static String command(BundleContext ctx, String function, Object... args) throws Exception {
        ServiceReference<?>[] refs = ctx.getAllServiceReferences(null, "(osgi.command.function=" + function + ")");
        if (refs == null) {
            throw new AssertionError("no Gogo command " + function);
        }
        Object target = ctx.getService(refs[0]);
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(function) && m.getParameterCount() == args.length) {
                try {
                    return String.valueOf(m.invoke(target, args));
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception ex) {
                        throw ex;
                    }
                    throw e;
                }
            }
        }
        throw new AssertionError("no " + function + " with " + args.length + " arguments");
    }
}
