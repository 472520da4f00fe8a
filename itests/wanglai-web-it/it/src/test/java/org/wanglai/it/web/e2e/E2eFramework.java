package org.wanglai.it.web.e2e;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A Felix started inside the test JVM from the bundles the build copied to {@code target/e2e-bundles}, configured
 * through FileInstall {@code .cfg} files as the distribution is. Everything it writes (framework cache, configuration,
 * database) stays under the given work folder, which is emptied first.
 */
final class E2eFramework implements AutoCloseable {

    private final Framework framework;

    private E2eFramework(Framework framework) {
        this.framework = framework;
    }

    static E2eFramework start(Path bundles, Path work, int port, Map<String, String> configs) throws Exception {
        deleteTree(work);
        Path etc = Files.createDirectories(work.resolve("etc"));
        for (Map.Entry<String, String> c : configs.entrySet()) {
            try (Writer w = Files.newBufferedWriter(etc.resolve(c.getKey() + ".cfg"))) {
                w.write(c.getValue());
            }
        }
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, work.resolve("felix-cache").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put("org.osgi.service.http.port", Integer.toString(port));
        props.put("org.apache.felix.http.host", "127.0.0.1");
        props.put("felix.fileinstall.dir", etc.toString());
        props.put("felix.fileinstall.poll", "200");
        props.put("felix.fileinstall.noInitialDelay", "true");
        // No writing back: a write-back truncates the .cfg, and a poll that reads it then empties the configuration
        props.put("felix.fileinstall.enableConfigSave", "false");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        // Threads the framework's bundles start inherit this thread's context class loader: not the test class path
        // (which holds SLF4J and other libraries of its own)
        Thread thread = Thread.currentThread();
        ClassLoader tccl = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try {
            return start(factory, bundles, props);
        } finally {
            thread.setContextClassLoader(tccl);
        }
    }

    private static E2eFramework start(FrameworkFactory factory, Path bundles, Map<String, String> props) throws Exception {
        Framework fw = factory.newFramework(props);
        fw.start();
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> jars = Files.list(bundles)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                installed.add(fw.getBundleContext().installBundle(jar.toUri().toString()));
            }
        }
        // the SLF4J provider first: whoever logs before it is started binds SLF4J's no-operation logger for good
        installed.sort(Comparator.comparing(b -> !"slf4j.simple".equals(b.getSymbolicName())));
        List<String> failed = new ArrayList<>();
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null && b.getSymbolicName() != null) {
                try {
                    b.start();
                } catch (BundleException e) {
                    failed.add(b.getSymbolicName() + ": " + e.getMessage());
                }
            }
        }
        if (!failed.isEmpty()) {
            fw.stop();
            fw.waitForStop(20_000);
            throw new IllegalStateException("bundles of the e2e framework did not start:\n  " + String.join("\n  ", failed));
        }
        return new E2eFramework(fw);
    }

    /** The properties of the services registered under the interface name, for failure messages. */
    String services(String objectClass) {
        try {
            ServiceReference<?>[] refs = framework.getBundleContext().getAllServiceReferences(objectClass, null);
            List<String> out = new ArrayList<>();
            for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                Map<String, Object> props = new java.util.TreeMap<>();
                for (String key : r.getPropertyKeys()) {
                    Object v = r.getProperty(key);
                    props.put(key, v instanceof Object[] a ? java.util.Arrays.toString(a) : v);
                }
                out.add(r.getBundle().getSymbolicName() + " " + props);
            }
            return objectClass + ": " + (out.isEmpty() ? "none" : String.join("; ", out));
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            framework.stop();
            framework.waitForStop(20_000);
        } catch (BundleException e) {
            throw new IOException(e);
        }
    }
}
