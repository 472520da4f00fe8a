package org.wanglai.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Starts the assembled container with bin/wanglai, as an administrator would, and checks it from
 * the outside: Web Console security, bundle and component states, the web pages under /wanglai with a generated
 * demo user, Excel downloads, hot removal and return of a capability, hot deployment through deploy/, clean stop
 * on SIGTERM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class DistributionIT {

    // generous: the first start creates the demo data and every plug-in schema, on two busy cores
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration BUNDLE_CHANGE = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(20);
    private static final String PROBE = "wanglai.it.probe";
    /** Every capability the distribution ships in deploy/, by the bundle's symbolic name. */
    private static final List<String> CAPABILITIES = List.of(
            "wanglai-classification", "wanglai-credit", "wanglai-reminders", "wanglai-costing");
    /** The capability removed from deploy/ and put back while the container runs. */
    private static final String HOT_CAPABILITY = "wanglai-reminders";
    private static final Pattern PASSWORD_LINE = Pattern.compile(
            "Web Console: http://localhost:(\\d+)/system/console user (\\S+) password (\\S+) \\(stored in ");
    private static final Pattern USER_LINE = Pattern.compile(
            "Wanglai web: http://localhost:(\\d+)/wanglai/ user (\\S+) password (\\S+) \\(roles ([^;]+); stored hashed in ");
    /** One entry of bundles.json: a flat object without nested objects. */
    private static final Pattern BUNDLE_JSON = Pattern.compile("\\{\"id\":(\\d+),[^{}]*}");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The browser of a demo user: keeps the session cookie, follows no redirect. */
    private final HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .cookieHandler(new CookieManager()).build();
    private Instant started;
    private String csrfToken;
    private Path home;
    private Path consoleOut;
    private Process process;
    private int port;
    private String authorization;

    @BeforeAll
    void startContainer() throws Exception {
        Path dist = Path.of(System.getProperty("wanglai.dist", "target/wanglai")).toAbsolutePath();
        assertTrue(Files.isExecutable(dist.resolve("bin/wanglai")), "no assembled distribution at " + dist);
        home = dist.resolveSibling("distribution-it").resolve("wanglai");
        Installation.deleteTree(home.getParent());
        Installation.copy(dist, home);

        Files.writeString(home.resolve("etc/org.wanglai.host.database.cfg"), String.join("\n",
                "jdbcUrl=jdbc:h2:file:" + home.resolve("data/it-host") + ";AUTO_SERVER=TRUE",
                "user=sa",
                "password=",
                "poolSize=2",
                "profile=reference",
                "demoDataOnEmpty=true",
                "demoDataScale=tiny",
                ""));

        port = Installation.freePort();
        consoleOut = home.resolve("logs/console.out");
        Files.createDirectories(consoleOut.getParent());
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/wanglai").toString())
                .directory(home.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleOut.toFile()));
        // stdin stays a pipe: not a terminal, so the launcher must start the shell without a console
        Map<String, String> env = builder.environment();
        env.remove("WANGLAI_HOME");
        env.remove("WANGLAI_HTTP_PORT");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS", "-Dorg.osgi.service.http.port=" + port);
        started = Instant.now();
        process = builder.start();

        Matcher credentials = await("the launcher to print the Web Console credentials", STARTUP,
                () -> Optional.of(PASSWORD_LINE.matcher(Installation.read(consoleOut))).filter(Matcher::find));
        assertEquals(String.valueOf(port), credentials.group(1), "port announced by the launcher");
        assertTrue(Files.exists(home.resolve(Installation.CONSOLE_CFG)), "launcher did not write " + Installation.CONSOLE_CFG);
        authorization = "Basic " + Base64.getEncoder().encodeToString(
                (credentials.group(2) + ":" + credentials.group(3)).getBytes(StandardCharsets.UTF_8));

        await("the Web Console to answer on port " + port, STARTUP,
                () -> get("/system/console/bundles.json", null).filter(r -> r.statusCode() != 404));
        System.out.printf("Web Console answered %d ms after start%n",
                Duration.between(started, Instant.now()).toMillis());
    }

    @AfterAll
    void killContainer() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void webConsoleRequiresCredentials() throws Exception {
        // the Web Console re-registers for a moment when it writes the hashed password back to its configuration
        HttpResponse<String> anonymous = await("the Web Console to answer", BUNDLE_CHANGE,
                () -> get("/system/console/bundles.json", null).filter(r -> r.statusCode() != 404));
        assertEquals(401, anonymous.statusCode(), "Web Console without credentials");
        HttpResponse<String> wrong = get("/system/console/bundles.json",
                "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                .orElseThrow();
        assertEquals(401, wrong.statusCode(), "Web Console with admin/admin");
    }

    @Test
    @Order(2)
    void everyBundleIsActive() throws Exception {
        // Components may still be starting when Jetty answers: give the framework a moment to settle.
        // The capability bundles shipped in deploy/ must have been installed by FileInstall too.
        List<String> shipped = new ArrayList<>();
        try (var jars = Files.newDirectoryStream(home.resolve("deploy"), "*.jar")) {
            for (Path jar : jars) {
                try (var in = new java.util.jar.JarFile(jar.toFile())) {
                    shipped.add(in.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"));
                }
            }
        }
        List<String> required = new ArrayList<>(CAPABILITIES);
        required.add("wanglai-web");
        assertTrue(shipped.containsAll(CAPABILITIES), "deploy/ lacks capability bundles: " + shipped);
        List<Bundle> bundles = bundlesWhen(STARTUP, all -> !all.isEmpty()
                && all.stream().allMatch(Bundle::healthy)
                && all.stream().map(Bundle::symbolicName).collect(Collectors.toSet()).containsAll(shipped)
                && all.stream().map(Bundle::symbolicName).collect(Collectors.toSet()).containsAll(required));
        List<Bundle> offenders = bundles.stream().filter(b -> !b.healthy()).collect(Collectors.toList());
        assertTrue(offenders.isEmpty(), "bundles neither Active nor Fragment: " + offenders);
        assertTrue(bundles.stream().map(Bundle::symbolicName).collect(Collectors.toSet()).containsAll(shipped),
                "capability bundles of deploy/ not installed: " + shipped + " in " + bundles);
        for (String bsn : required) {
            assertEquals("Active", bundles.stream().filter(b -> b.symbolicName().equals(bsn)).map(Bundle::state)
                    .findFirst().orElse("absent"), bsn);
        }
        assertTrue(bundles.size() > 30, "suspiciously few bundles: " + bundles);
    }

    @Test
    @Order(3)
    void everyComponentIsSatisfied() throws Exception {
        // unsatisfied or failed components mean missing configuration or services, e.g. a bad etc/*.cfg
        Pattern component = Pattern.compile("\"name\":\"([^\"]*)\",\"state\":\"([^\"]*)\"");
        Instant deadline = Instant.now().plus(BUNDLE_CHANGE);
        List<String> offenders;
        int seen;
        do {
            String json = get("/system/console/components.json", authorization)
                    .filter(r -> r.statusCode() == 200).map(HttpResponse::body).orElse("");
            offenders = new ArrayList<>();
            seen = 0;
            Matcher m = component.matcher(json);
            while (m.find()) {
                seen++;
                if (!m.group(2).equals("active") && !m.group(2).equals("satisfied")) {
                    offenders.add(m.group(1) + "=" + m.group(2));
                }
            }
            if (seen > 0 && offenders.isEmpty()) {
                System.out.printf("All %d components satisfied %d ms after start%n", seen,
                        Duration.between(started, Instant.now()).toMillis());
                return;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(deadline));
        fail(seen == 0 ? "no components listed by the Web Console"
                : "components neither active nor satisfied: " + offenders);
    }

    @Test
    @Order(4)
    void webPagesRequireLogin() throws Exception {
        HttpResponse<String> shell = get("/wanglai/", null).orElseThrow();
        assertEquals(302, shell.statusCode(), "/wanglai/ without a session");
        assertEquals("/wanglai/login", shell.headers().firstValue("Location").map(l -> URI.create(l).getPath())
                .orElse(""), "redirect of /wanglai/ without a session");
        for (String path : List.of("/wanglai/api/pages", "/wanglai/api/reports", "/wanglai/api/session",
                "/wanglai/api/reports/credit.monitor/xlsx", "/wanglai/pages/reminders.js")) {
            assertEquals(401, get(path, null).orElseThrow().statusCode(), path + " without a session");
        }
        assertEquals(200, get("/wanglai/login", null).orElseThrow().statusCode(), "the login page is public");
        HttpResponse<String> wrong = post(http, "/wanglai/api/login", "{\"user\":\"admin\",\"password\":\"admin\"}", null);
        assertEquals(401, wrong.statusCode(), "login as admin/admin: " + wrong.body());
    }

    @Test
    @Order(5)
    void demoUserLogsInAndSeesEveryCapability() throws Exception {
        Map<String, String[]> users = demoUsers();
        assertEquals(Set.of("admin", "accountant", "viewer"), users.keySet(), "demo users printed by the launcher");
        String stored = Installation.read(home.resolve(Installation.USERS_CFG));
        for (Map.Entry<String, String[]> u : users.entrySet()) {
            assertFalse(stored.contains(u.getValue()[0]), "clear password of " + u.getKey() + " in " + Installation.USERS_CFG);
            assertTrue(stored.contains(u.getKey() + ":" + u.getValue()[1] + ":pbkdf2$"),
                    "no PBKDF2 hash of " + u.getKey() + " in " + Installation.USERS_CFG);
        }
        login("accountant", users.get("accountant")[0]);

        HttpResponse<String> shell = send(browser, HttpRequest.newBuilder(uri("/wanglai/")).GET());
        assertEquals(200, shell.statusCode(), "/wanglai/ after login");
        assertTrue(shell.body().contains("/wanglai/static/shell.js"), "the shell page: " + shell.body());

        Set<String> all = CAPABILITIES.stream().map(c -> c.substring("wanglai-".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(all, capabilitiesWithPages(), "capability bundles in deploy/ that declare a WebPage service");
        Map<String, String> pages = pages();
        assertTrue(pages.values().containsAll(all), "pages listed " + pages + " (id=group), expected a group for each of " + all);
        for (String id : pages.keySet()) {
            HttpResponse<String> script = send(browser, HttpRequest.newBuilder(uri("/wanglai/pages/" + id + ".js")).GET());
            assertEquals(200, script.statusCode(), "script of page " + id);
            assertTrue(script.body().contains("export"), "page " + id + " is an ES module");
        }
        Set<String> reporting = reportCapabilities();
        assertTrue(reporting.containsAll(all), "reports listed for " + reporting + ", expected every one of " + all);
    }

    @Test
    @Order(6)
    void reportDownloadsAsRealXlsx() throws Exception {
        login("viewer", demoUsers().get("viewer")[0]);
        String customer = firstCustomerOfCreditMonitor();

        HttpResponse<byte[]> xlsx = browser.send(HttpRequest.newBuilder(uri("/wanglai/api/reports/credit.monitor/xlsx"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, xlsx.statusCode(), "Excel download");
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                xlsx.headers().firstValue("Content-Type").orElse(""), "content type of the download");
        // a file, not a stream: SXSSF writes entries with data descriptors that ZipInputStream cannot read
        Path workbook = Files.createDirectories(home.resolve("data/it-downloads")).resolve("credit.monitor.xlsx");
        Files.write(workbook, xlsx.body());
        Map<String, String> parts = new java.util.HashMap<>();
        try (ZipFile zip = new ZipFile(workbook.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                try (var in = zip.getInputStream(e)) {
                    parts.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertTrue(parts.containsKey("[Content_Types].xml") && parts.containsKey("xl/workbook.xml"),
                "not an Office Open XML workbook: " + parts.keySet());
        String sheet = parts.getOrDefault("xl/worksheets/sheet1.xml", "");
        long rows = Pattern.compile("<row ").matcher(sheet).results().count();
        assertTrue(rows > 2, "the sheet has " + rows + " rows");
        String text = sheet + parts.getOrDefault("xl/sharedStrings.xml", "");
        assertTrue(text.contains(customer), "customer " + customer + " of the report is not in the workbook");
    }

    @Test
    @Order(7)
    void creditCheckThroughTheApiDecides() throws Exception {
        login("accountant", demoUsers().get("accountant")[0]);
        String customer = firstCustomerOfCreditMonitor();
        String body = "{\"customer\":\"" + customer + "\",\"documentType\":\"ORDER\",\"documentId\":900001,"
                + "\"documentNo\":\"IT-900001\",\"amount\":100.00,\"currency\":\"CNY\"}";
        HttpResponse<String> response = post(browser, "/wanglai/api/credit/check", body, csrfToken);
        assertEquals(200, response.statusCode(), "credit check: " + response.body());
        assertTrue(Pattern.compile("\"decision\":\"(PASS|WARN|BLOCK)\"").matcher(response.body()).find(),
                "no decision in " + response.body());
        assertTrue(response.body().contains("\"customer\":\"" + customer + "\""), "decision for another customer: "
                + response.body());
        HttpResponse<String> forged = post(browser, "/wanglai/api/credit/check", body, "not-the-token");
        assertEquals(403, forged.statusCode(), "credit check without the session's CSRF token: " + forged.body());
    }

    @Test
    @Order(8)
    void removedCapabilityVanishesFromThePagesAndComesBack() throws Exception {
        login("admin", demoUsers().get("admin")[0]);
        String group = HOT_CAPABILITY.substring("wanglai-".length());
        Path jar;
        try (Stream<Path> jars = Files.list(home.resolve("deploy"))) {
            jar = jars.filter(p -> p.getFileName().toString().startsWith(HOT_CAPABILITY + "-")).findFirst()
                    .orElseThrow(() -> new AssertionError(HOT_CAPABILITY + " is not in deploy/"));
        }
        List<String> pageIds = pages().entrySet().stream().filter(e -> e.getValue().equals(group))
                .map(Map.Entry::getKey).collect(Collectors.toList());
        assertFalse(pageIds.isEmpty(), group + " page before the removal");
        Path aside = Files.createDirectories(home.resolve("data/it-aside")).resolve(jar.getFileName());

        Files.move(jar, aside, StandardCopyOption.ATOMIC_MOVE);
        List<Bundle> after = bundlesWhen(BUNDLE_CHANGE, all -> !all.isEmpty()
                && all.stream().noneMatch(b -> b.symbolicName().equals(HOT_CAPABILITY)));
        assertTrue(after.stream().noneMatch(b -> b.symbolicName().equals(HOT_CAPABILITY)),
                HOT_CAPABILITY + " still installed after deleting its jar: " + after);
        assertFalse(pageGroups().contains(group), group + " page after removing its jar");
        assertFalse(reportCapabilities().contains(group), group + " reports after removing its jar");
        for (String id : pageIds) {
            assertEquals(404, send(browser, HttpRequest.newBuilder(uri("/wanglai/pages/" + id + ".js")).GET()).statusCode(),
                    "script of the removed page " + id);
        }
        assertTrue(reportCapabilities().containsAll(List.of("credit", "costing", "classification")),
                "the other capabilities stay");

        Files.move(aside, jar, StandardCopyOption.ATOMIC_MOVE);
        List<Bundle> back = bundlesWhen(BUNDLE_CHANGE, all -> all.stream()
                .anyMatch(b -> b.symbolicName().equals(HOT_CAPABILITY) && b.state().equals("Active")));
        assertTrue(back.stream().anyMatch(b -> b.symbolicName().equals(HOT_CAPABILITY) && b.state().equals("Active")),
                HOT_CAPABILITY + " not active after putting its jar back: " + back);
        Instant deadline = Instant.now().plus(BUNDLE_CHANGE);
        while (!pageGroups().contains(group) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertTrue(pageGroups().contains(group), group + " page after putting its jar back");
        for (String id : pageIds) {
            assertEquals(200, send(browser, HttpRequest.newBuilder(uri("/wanglai/pages/" + id + ".js")).GET()).statusCode(),
                    "script of the returned page " + id);
        }
        assertTrue(reportCapabilities().contains(group), group + " reports after putting its jar back");
    }

    @Test
    @Order(9)
    void bundleDroppedIntoDeployIsInstalledUpdatedAndRemoved() throws Exception {
        Path deployed = home.resolve("deploy/" + PROBE + ".jar");

        deploy(probeBundle("1.0.0"), deployed);
        Optional<Bundle> installed = probe(bundlesWhen(BUNDLE_CHANGE, all -> probeIs(all, "1.0.0")));
        assertEquals("1.0.0=Active", installed.map(b -> b.version() + "=" + b.state()).orElse("absent"),
                "probe bundle after dropping it into deploy/");

        FileTime before = Files.getLastModifiedTime(deployed);
        deploy(probeBundle("1.0.1"), deployed);
        // FileInstall notices a change by time stamp and size, which a same-size rewrite may not change
        Files.setLastModifiedTime(deployed, FileTime.fromMillis(before.toMillis() + 2_000));
        Optional<Bundle> updated = probe(bundlesWhen(BUNDLE_CHANGE, all -> probeIs(all, "1.0.1")));
        assertEquals("1.0.1=Active", updated.map(b -> b.version() + "=" + b.state()).orElse("absent"),
                "probe bundle after overwriting its jar with version 1.0.1");

        Files.delete(deployed);
        Optional<Bundle> removed = probe(bundlesWhen(BUNDLE_CHANGE, all -> !all.isEmpty() && probe(all).isEmpty()));
        assertEquals(Optional.empty(), removed, "probe bundle after deleting its jar");
    }

    @Test
    @Order(10)
    void sigtermStopsTheFrameworkCleanly() throws Exception {
        process.destroy(); // SIGTERM
        boolean exited = process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
        String console = Installation.read(consoleOut);
        assertTrue(exited, "container still running " + STOP.toSeconds() + " s after SIGTERM; console:\n" + console);

        String log = Installation.read(home.resolve("logs/wanglai.log"));
        assertTrue(log.contains("Stopped Jetty"), "bundles were not stopped (no 'Stopped Jetty' in logs/wanglai.log):\n" + log);
        List<String> errors = new ArrayList<>();
        try (Stream<Path> logs = Files.list(home.resolve("logs"))) {
            for (Path file : (Iterable<Path>) logs::iterator) {
                Installation.read(file).lines().filter(l -> l.contains(" ERROR ") || l.startsWith("ERROR"))
                        .forEach(l -> errors.add(file.getFileName() + ": " + l));
            }
        }
        assertTrue(errors.isEmpty(), "errors in logs/:\n" + String.join("\n", errors));
        assertFalse(console.contains("Exception"), "exception on the console:\n" + console);
    }

    // ---------------------------------------------------------------------------------------------

    /** The demo users printed once by the launcher: name to {password, roles}. */
    private Map<String, String[]> demoUsers() throws IOException {
        Map<String, String[]> users = new java.util.TreeMap<>();
        Matcher m = USER_LINE.matcher(Installation.read(consoleOut));
        while (m.find()) {
            assertEquals(String.valueOf(port), m.group(1), "port announced for the web pages");
            users.put(m.group(2), new String[] {m.group(3), m.group(4)});
        }
        return users;
    }

    private void login(String user, String password) throws Exception {
        HttpResponse<String> response = post(browser, "/wanglai/api/login",
                "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}", null);
        assertEquals(200, response.statusCode(), "login of demo user " + user + ": " + response.body());
        Matcher token = Pattern.compile("\"csrfToken\":\"([^\"]+)\"").matcher(response.body());
        assertTrue(token.find(), "no CSRF token in " + response.body());
        csrfToken = token.group(1);
    }

    /** The code of the first customer (first column) of the credit monitor report. */
    private String firstCustomerOfCreditMonitor() throws Exception {
        HttpResponse<String> data = send(browser,
                HttpRequest.newBuilder(uri("/wanglai/api/reports/credit.monitor/data?limit=1")).GET());
        assertEquals(200, data.statusCode(), "credit monitor: " + data.body());
        Matcher first = Pattern.compile("\"rows\":\\[\\[\"([^\"]+)\"").matcher(data.body());
        assertTrue(first.find(), "no row in the credit monitor of the demo data: " + data.body());
        return first.group(1);
    }

    /** The navigation groups of the pages the logged-in user sees. */
    private Set<String> pageGroups() throws Exception {
        return new TreeSet<>(pages().values());
    }

    /** The pages the logged-in user sees: page id to navigation group. */
    private Map<String, String> pages() throws Exception {
        HttpResponse<String> pages = send(browser, HttpRequest.newBuilder(uri("/wanglai/api/pages")).GET());
        assertEquals(200, pages.statusCode(), "/wanglai/api/pages: " + pages.body());
        Map<String, String> found = new java.util.TreeMap<>();
        // one flat object per page: {"id":..,"title":..,"group":..,"script":..,"order":..}
        Matcher page = Pattern.compile("\\{[^{}]*\"id\":\"([^\"]+)\"[^{}]*}").matcher(pages.body());
        while (page.find()) {
            Matcher group = Pattern.compile("\"group\":\"([^\"]+)\"").matcher(page.group());
            assertTrue(group.find(), "page without a group: " + page.group());
            found.put(page.group(1), group.group(1));
        }
        assertTrue(pages.body().contains("\"pages\":[]") || !found.isEmpty(), "cannot read " + pages.body());
        return found;
    }

    /** The capabilities of the reports the logged-in user sees. */
    private Set<String> reportCapabilities() throws Exception {
        HttpResponse<String> reports = send(browser, HttpRequest.newBuilder(uri("/wanglai/api/reports")).GET());
        assertEquals(200, reports.statusCode(), "/wanglai/api/reports: " + reports.body());
        return Pattern.compile("\"capability\":\"([^\"]+)\"").matcher(reports.body()).results()
                .map(r -> r.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Capabilities in deploy/ whose bundle declares a WebPage service; the page group is the capability's name. */
    private Set<String> capabilitiesWithPages() throws IOException {
        Set<String> groups = new TreeSet<>();
        try (var jars = Files.newDirectoryStream(home.resolve("deploy"), "*.jar")) {
            for (Path jar : jars) {
                try (var in = new java.util.jar.JarFile(jar.toFile())) {
                    Attributes main = in.getManifest().getMainAttributes();
                    String bsn = main.getValue("Bundle-SymbolicName");
                    String provided = main.getValue("Provide-Capability");
                    if (bsn != null && bsn.startsWith("wanglai-") && provided != null
                            && provided.contains("\"org.wanglai.api.web.WebPage\"")) {
                        groups.add(bsn.substring("wanglai-".length()));
                    }
                }
            }
        }
        return groups;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpClient client, String path, String json, String csrf) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return send(client, request);
    }

    private record Bundle(long id, String symbolicName, String version, String state) {
        boolean healthy() {
            return state.equals("Active") || state.equals("Fragment");
        }

        @Override
        public String toString() {
            return id + ":" + symbolicName + "/" + version + "=" + state;
        }
    }

    private static Optional<Bundle> probe(List<Bundle> bundles) {
        return bundles.stream().filter(b -> b.symbolicName().equals(PROBE)).findFirst();
    }

    private static boolean probeIs(List<Bundle> bundles, String version) {
        return probe(bundles).filter(b -> b.version().equals(version) && b.state().equals("Active")).isPresent();
    }

    /**
     * Polls bundles.json until the condition holds or the timeout passes, and returns the last list seen,
     * so that the caller's assertion can name what is wrong.
     */
    private List<Bundle> bundlesWhen(Duration timeout, Predicate<List<Bundle>> condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        List<Bundle> last = List.of();
        do {
            assertTrue(process.isAlive(), () -> "container exited; console:\n" + readQuietly(consoleOut));
            Optional<HttpResponse<String>> response = get("/system/console/bundles.json", authorization);
            if (response.isPresent() && response.get().statusCode() == 200) {
                last = parseBundles(response.get().body());
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(deadline));
        return last;
    }

    private static List<Bundle> parseBundles(String json) {
        List<Bundle> bundles = new ArrayList<>();
        Matcher m = BUNDLE_JSON.matcher(json);
        while (m.find()) {
            String entry = m.group();
            bundles.add(new Bundle(Long.parseLong(m.group(1)), field(entry, "symbolicName"),
                    field(entry, "version"), field(entry, "state")));
        }
        return bundles;
    }

    private static String field(String entry, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(entry);
        return m.find() ? m.group(1) : "";
    }

    private Optional<HttpResponse<String>> get(String path, String auth) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        try {
            return Optional.of(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty(); // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private <T> T await(String what, Duration timeout, Installation.Probe<T> probe) throws Exception {
        return Installation.await(process, consoleOut, what, timeout, probe, () -> "");
    }

    /** A minimal bundle: a manifest and nothing else. */
    private Path probeBundle(String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", PROBE);
        main.putValue("Bundle-Version", version);
        Path staging = Files.createDirectories(home.resolve("data/it-staging"));
        Path jar = staging.resolve(PROBE + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is the whole bundle
        }
        return jar;
    }

    /** Moves a complete file into place, so FileInstall never sees a half-written jar. */
    private static void deploy(Path jar, Path target) throws IOException {
        Files.move(jar, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String readQuietly(Path file) {
        try {
            return Installation.read(file);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
