package org.wanglai.it.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.it.support.TestDatabase;
import org.wanglai.api.host.HostCustomers;

/**
 * Hot deploy through FileInstall: a bundle dropped into the watched folder starts and its service appears; a newer
 * version written over it is updated in place and finds its data still there; deleted, its service goes away. The
 * host services keep working throughout.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class HotDeployTest {
    private static final String PROBE = "wanglai-probe";

    @InjectBundleContext
    BundleContext ctx;

    @Test
    void deployUpdateAndRemoveWhileTheRestKeepsWorking(@InjectService ConfigurationAdmin cm) throws Exception {
        TestDatabase.configure(ctx, cm);
        HostCustomers customers = TestDatabase.await(ctx, HostCustomers.class, 30_000);
        long customerCount = customers.count();
        Path dir = Path.of(ctx.getProperty("wanglai.it.hotdeploy.dir"));
        Files.createDirectories(dir);
        Path source = Path.of(ctx.getProperty("wanglai.it.probe.jar"));
        Path deployed = dir.resolve("wanglai-probe.jar");

        drop(source, "1.0.0", deployed);
        LongSupplier v1 = awaitProbe("1.0.0");
        long rowsAfterInstall = v1.getAsLong();
        assertThat(rowsAfterInstall).isGreaterThanOrEqualTo(1);
        assertThat(customers.count()).isEqualTo(customerCount);

        drop(source, "1.0.1", deployed);
        LongSupplier v2 = awaitProbe("1.0.1");
        assertThat(v2.getAsLong()).as("rows of the earlier version survive the update").isEqualTo(rowsAfterInstall + 1);
        assertThat(probeBundle()).map(Bundle::getState).contains(Bundle.ACTIVE);
        assertThat(customers.count()).isEqualTo(customerCount);

        Files.delete(deployed);
        TestDatabase.waitUntil(() -> probeBundle().isEmpty() && probeService() == null, 20_000, "probe removed");
        assertThat(customers.count()).as("host services unaffected").isEqualTo(customerCount);
    }

    /** Writes the probe with the given Bundle-Version, atomically so the watcher never sees half a jar. */
    private static void drop(Path source, String version, Path target) throws IOException {
        Path tmp = Files.createTempFile("probe", ".jar");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(source))) {
            Manifest mf = new Manifest(in.getManifest());
            mf.getMainAttributes().putValue("Bundle-Version", version);
            try (OutputStream os = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(os, mf)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Optional<Bundle> probeBundle() {
        return Arrays.stream(ctx.getBundles()).filter(b -> PROBE.equals(b.getSymbolicName())).findFirst();
    }

    private ServiceReference<?> probeService() {
        try {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(LongSupplier.class.getName(), "(wanglai.probe=true)");
            return refs == null ? null : refs[0];
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private LongSupplier awaitProbe(String version) throws InterruptedException {
        TestDatabase.waitUntil(() -> {
            ServiceReference<?> ref = probeService();
            return ref != null && version.equals(ref.getBundle().getVersion().toString());
        }, 30_000, "probe " + version + " service");
        @SuppressWarnings("unchecked")
        ServiceReference<LongSupplier> ref = (ServiceReference<LongSupplier>) probeService();
        return ctx.getService(ref);
    }
}
