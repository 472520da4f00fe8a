package org.wanglai.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real container ({@code distribution/target/wanglai}) in a temporary copy, launched through {@code bin/wanglai}:
 * cold start to every bundle active and the host database and capability services up (Web Console bundles.json,
 * services.json and components.json), hot deploy of the classification bundle into {@code deploy/} to its service
 * being up, and the resident set size after 10 s idle. The first start prepares the data folder (bundle cache, demo
 * data in H2) and is reported apart.
 */
final class ContainerBench {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerBench.class);
    private static final String CONSOLE_CFG = "etc/org.apache.felix.webconsole.internal.servlet.OsgiManager.cfg";
    private static final Pattern COUNTS = Pattern.compile("\"s\":\\[(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)]");
    /** The first start also generates the demo data, which takes 1-2 minutes on 2 shared cores. */
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    /** The services that say the container and its four capabilities are up. */
    private static final List<String> SERVICES = List.of("org.wanglai.api.host.HostDatabase",
            "org.wanglai.api.classification.Classification", "org.wanglai.api.credit.CreditControl",
            "org.wanglai.reminders.internal.run.ReminderService", "org.wanglai.api.costing.CostAnalysis");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path home;
    private final int port;
    private String authorization;
    private Process process;

    private ContainerBench(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    static void run(Path dist, Path work, Results results, int restarts) throws Exception {
        if (!Files.isExecutable(dist.resolve("bin/wanglai"))) {
            results.missing("C1", "Container cold start", "≤ 3 s", "No assembled distribution at " + dist
                    + " (mvn -q install -DskipTests -pl distribution -am builds it).");
            return;
        }
        // the capability jar of the same build as the container (its API imports match the api bundle there);
        // the benchmark's class path copy only when the distribution does not ship it
        Path capability;
        Files.createDirectories(dist.resolve("deploy"));
        try (Stream<Path> shipped = Files.list(dist.resolve("deploy"))) {
            capability = shipped.filter(p -> p.getFileName().toString().startsWith("wanglai-classification-"))
                    .findFirst().orElseGet(() -> classpathJar("wanglai-classification"));
        }
        Path home = work.resolve("wanglai");
        deleteTree(home);
        // every capability is in deploy/ for the cold starts; the hot deploy takes one out and puts it back
        copy(dist, home);
        if (!Files.exists(home.resolve("deploy").resolve(capability.getFileName()))) {
            Files.copy(capability, home.resolve("deploy").resolve(capability.getFileName()));
        }
        // A prepared data folder: the first start generates the demo data into an empty H2 (reported apart), the
        // measured cold starts then open it like an installed container does.
        Files.writeString(home.resolve("etc/org.wanglai.host.database.cfg"), String.join("\n",
                "jdbcUrl=jdbc:h2:file:" + home.resolve("data/host"), "user=sa", "password=", "poolSize=4",
                "profile=reference", "demoDataOnEmpty=true", ""));
        ContainerBench c = new ContainerBench(home, freePort());

        double first = c.start();
        c.stop();
        double[] cold = new double[restarts];
        // the first measured start runs under JFR (dumped when that container stops) when another one follows
        Path jfr = work.resolve("container-start.jfr");
        Files.deleteIfExists(jfr);
        for (int i = 0; i < restarts; i++) {
            cold[i] = c.start(i == 0 && restarts > 1 ? jfr : null);
            if (i < restarts - 1) {
                c.stop();
            }
        }
        Samples s = new Samples(cold);
        Results.Row coldRow = results.absolute("C1", "Container cold start to all capability services up (" + c.bundleCount()
                + " bundles)", s.median(), s.describe(), "ms", 3000, "≤ 3 s",
                String.format(Locale.ROOT, "bin/wanglai launched as a child process (fresh JVM, bundle cache and"
                        + " prepared H2 host database with the demo data present), timed from the process start"
                        + " until every bundle is active, the services of the four capabilities (Classification,"
                        + " CreditControl, ReminderService, CostAnalysis) and HostDatabase are registered and every"
                        + " Wanglai component is active or satisfied (Web Console bundles.json, services.json and"
                        + " components.json, polled every 50 ms). Not included: the very first start, which installs"
                        + " the bundles into an empty cache and generates the demo data into the empty database:"
                        + " %s.", Samples.ms(first)));
        if (!coldRow.met() && Files.exists(jfr)) {
            results.add(ExcelBench.note(coldRow, "Recorded during measured cold start 1 (JFR settings \"profile\","
                    + " from JVM start to the container's stop, so it includes a few seconds idle). "
                    + Profiler.summarize(jfr, null)));
        }
        // hot deploy into the last started container: take the capability out, then time putting it back
        Path deployed = home.resolve("deploy").resolve(capability.getFileName());
        Path aside = home.resolve(capability.getFileName() + ".aside");
        Files.move(deployed, aside, StandardCopyOption.ATOMIC_MOVE);
        try {
            c.await("the classification bundle to be uninstalled", () -> {
                String bundles = c.get("/system/console/bundles.json");
                return bundles != null && !bundles.contains("\"wanglai-classification\"") && c.allActive();
            });
        } catch (IllegalStateException e) {
            c.stop();
            results.missing("C2", "Hot deploy of the classification bundle", "≤ 1 s", e.getMessage()
                    + " (see " + home.resolve("logs") + ")");
            results.missing("C3", "Idle RSS (container + classification)", "–", "follows the hot deploy");
            return;
        }
        long t0 = System.nanoTime();
        Files.copy(aside, home.resolve("deploy/" + capability.getFileName() + ".tmp"));
        Files.move(home.resolve("deploy/" + capability.getFileName() + ".tmp"), deployed,
                StandardCopyOption.ATOMIC_MOVE);
        try {
            c.await("the classification bundle and service", () -> {
                String bundles = c.get("/system/console/bundles.json");
                String services = c.get("/system/console/services.json");
                return bundles != null && bundles.contains("\"wanglai-classification\"") && services != null
                        && services.contains("org.wanglai.api.classification.Classification") && c.allActive()
                        && c.componentsUp();
            });
        } catch (IllegalStateException e) {
            c.stop();
            results.missing("C2", "Hot deploy of the classification bundle", "≤ 1 s", e.getMessage()
                    + " (see " + home.resolve("logs") + ")");
            results.missing("C3", "Idle RSS (container + classification)", "–", "follows the hot deploy");
            return;
        }
        double hot = (System.nanoTime() - t0) / 1e6;
        Thread.sleep(10_000);
        long rssKb = rssKb(c.process.pid());
        c.stop();

        results.absolute("C2", "Hot deploy: classification jar into deploy/ → bundle Active + Classification service",
                hot, Samples.ms(hot), "ms", 1000, "≤ 1 s", "The capability is taken out of deploy/ of the running"
                        + " container (FileInstall uninstalls it), then its jar is moved back in; timed until the"
                        + " bundle is active, its Classification service registered and its components active or"
                        + " satisfied. FileInstall polls deploy/ every 1000 ms (felix.fileinstall.poll in"
                        + " conf/config.properties), so up to one poll interval is part of the figure; the delayed"
                        + " components pay their migration check on first use.");
        results.info("C3", "Idle RSS after 10 s (container, four capabilities, demo data)", rssKb / 1024.0,
                String.format(Locale.ROOT, "%.0f MB", rssKb / 1024.0), "MB", "–",
                "VmRSS of the container JVM from /proc/<pid>/status, default heap settings of bin/wanglai.");
    }

    /** Launches bin/wanglai and returns the ms until every bundle is active and the host database is registered. */
    private double start() throws Exception {
        return start(null);
    }

    /** As {@link #start()}, with a JFR recording of the container JVM written to {@code jfr} when it exits. */
    private double start(Path jfr) throws Exception {
        Path out = home.resolve("logs/console.out");
        Files.createDirectories(out.getParent());
        ProcessBuilder b = new ProcessBuilder(home.resolve("bin/wanglai").toString()).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        b.environment().remove("WANGLAI_HOME");
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        b.environment().put("WANGLAI_HTTP_PORT", String.valueOf(port));
        b.environment().remove("JAVA_OPTS");
        if (jfr != null) {
            b.environment().put("JAVA_OPTS", "-XX:StartFlightRecording=filename=" + jfr
                    + ",settings=profile,dumponexit=true");
        }
        long t0 = System.nanoTime();
        process = b.start();
        await("the console credentials", () -> Files.exists(home.resolve(CONSOLE_CFG)));
        if (authorization == null) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(home.resolve(CONSOLE_CFG))) {
                p.load(in);
            }
            authorization = "Basic " + Base64.getEncoder().encodeToString((p.getProperty("username") + ":"
                    + p.getProperty("password")).getBytes(StandardCharsets.UTF_8));
        }
        await("every bundle active and the capability services up", () -> {
            if (!allActive()) {
                return false;
            }
            String services = get("/system/console/services.json");
            if (services == null) {
                return false;
            }
            for (String service : SERVICES) {
                if (!services.contains(service)) {
                    return false;
                }
            }
            return componentsUp();
        });
        double ms = (System.nanoTime() - t0) / 1e6;
        LOG.info("Container up in {} ms", Math.round(ms));
        return ms;
    }

    private boolean allActive() throws InterruptedException {
        String json = get("/system/console/bundles.json");
        if (json == null) {
            return false;
        }
        Matcher m = COUNTS.matcher(json);
        if (!m.find()) {
            return false;
        }
        long total = Long.parseLong(m.group(1));
        return total > 0 && Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)) == total;
    }

    /**
     * True when the Web Console lists the Wanglai components and none of them is unsatisfied or failed: immediate
     * ones (the host database, schedules) are active, delayed ones satisfied (their service registered).
     */
    private boolean componentsUp() throws Exception {
        String json = get("/system/console/components.json");
        if (json == null) {
            return false;
        }
        JsonNode data = JSON.readTree(json).path("data");
        int ours = 0;
        for (JsonNode component : data) {
            if (!component.path("name").asText().startsWith("org.wanglai.")) {
                continue;
            }
            ours++;
            String state = component.path("state").asText();
            if (!state.equals("active") && !state.equals("satisfied")) {
                return false;
            }
        }
        return ours > 0;
    }

    private long bundleCount() throws InterruptedException {
        String json = get("/system/console/bundles.json");
        Matcher m = json == null ? null : COUNTS.matcher(json);
        return m != null && m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private String get(String path) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(5)).header("Authorization", authorization).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        }
    }

    interface Probe {
        boolean ok() throws Exception;
    }

    private void await(String what, Probe probe) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The container exited (" + process.exitValue() + ") waiting for "
                        + what + "; see " + home.resolve("logs"));
            }
            if (probe.ok()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Timed out after " + TIMEOUT + " waiting for " + what);
    }

    private void stop() throws InterruptedException {
        ProcessHandle h = process.toHandle();
        h.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            h.destroyForcibly();
            process.waitFor();
        }
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    static Path classpathJar(String artifact) {
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            if (p.getFileName().toString().startsWith(artifact + "-") && e.endsWith(".jar")) {
                return p;
            }
        }
        throw new IllegalStateException(artifact + " is not on the class path");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Predicate<Path> skip = p -> {
            String rel = from.relativize(p).toString();
            return rel.startsWith("data") || rel.startsWith("logs") || rel.equals(CONSOLE_CFG);
        };
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (skip.test(p) && !p.equals(from)) {
                    continue;
                }
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.createDirectories(to.resolve("data"));
        Files.createDirectories(to.resolve("logs"));
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            List<Path> all = s.sorted(Comparator.reverseOrder()).toList();
            for (Path x : all) {
                Files.delete(x);
            }
        }
    }
}
