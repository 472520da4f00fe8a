package org.wanglai.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Exactly once under a real crash: the assembled container, started with bin/wanglai on a real PostgreSQL filled with
 * the demo data, mails a reminder run to an SMTP server started by the test (GreenMail) and is killed with SIGKILL
 * twice while sending, at two points of the SMTP exchange that a relay in between ({@link SmtpGate}) holds still:
 * <ol>
 * <li>after the message's content but before the line that ends it: the server never gets the message;</li>
 * <li>after the server has stored the message but before its reply reaches the container: the message arrived and
 * the container cannot know.</li>
 * </ol>
 * Each time the container restarts on the same folder and database and resumes the run by itself. At the end every
 * (item, level) of the run is sent or belongs to one of the two letters left UNCERTAIN, no message arrived twice, every
 * sent letter arrived, and a new proposal as of the same date reminds none of the run's items again.
 *
 * <p>PostgreSQL, not the embedded H2 of the demo: H2 writes commits to its file in the background, and a killed
 * container lost the commits of its last second here (also with {@code WRITE_DELAY=0}), so letters it had mailed were
 * mailed again. Exactly once needs a database whose commit is durable when it returns; see docs/reminders.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ReminderCrashIT {

    // generous: the first start creates the demo data (2,000 customers) and every plug-in schema, on two busy cores
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final Duration SENDING = Duration.ofSeconds(240);
    private static final Pattern ACCOUNTANT = Pattern.compile(
            "Wanglai web: http://localhost:\\d+/wanglai/ user accountant password (\\S+) ");
    /** Letters of the run at least; the demo data gives about 150 customers with reminders as of that date. */
    private static final int MIN_LETTERS = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpClient browser;
    private String csrfToken;
    private Path home;
    private Path consoleOut;
    private Process process;
    private int port;
    private String jdbcUrl;
    private EmbeddedPostgres postgres;
    private GreenMail smtp;
    private SmtpGate gate;

    @BeforeAll
    void prepare() throws Exception {
        Path dist = Path.of(System.getProperty("wanglai.dist", "target/wanglai")).toAbsolutePath();
        assertTrue(Files.isExecutable(dist.resolve("bin/wanglai")), "no assembled distribution at " + dist);
        home = dist.resolveSibling("reminder-crash-it").resolve("wanglai");
        Installation.deleteTree(home.getParent());
        Installation.copy(dist, home);

        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        gate = new SmtpGate(smtp.getSmtp().getPort());

        // an empty PostgreSQL that outlives every container; the container fills it with the demo data on first start
        Path pg = home.resolveSibling("postgres");
        Files.createDirectories(pg);
        postgres = EmbeddedPostgres.builder().setDataDirectory(pg.resolve("data")).setCleanDataDirectory(true)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(pg.resolve("postgres.log").toFile())).start();
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        Files.writeString(home.resolve("etc/org.wanglai.host.database.cfg"), String.join("\n",
                "jdbcUrl=" + jdbcUrl,
                "user=postgres",
                "password=",
                "poolSize=4",
                "profile=reference",
                "demoDataOnEmpty=true",
                "demoDataScale=demo",
                ""));
        // a fixed instance name: the restarted container takes over its own lease on the reminders lock at once
        // instead of waiting for it to expire; no daily run, only the run of this test
        Files.writeString(home.resolve("etc/org.wanglai.reminders.cfg"), String.join("\n",
                "instanceName=crash-it",
                "dailyTime=",
                ""));
        Files.writeString(home.resolve("etc/org.wanglai.reminders.email.cfg"), String.join("\n",
                "host=127.0.0.1",
                "port=" + gate.port(),
                "security=NONE",
                "from=ar@wanglai.test",
                "timeoutMillis=120000",
                ""));
        port = Installation.freePort();
        consoleOut = home.resolve("logs/console.out");
        Files.createDirectories(consoleOut.getParent());
    }

    @AfterAll
    void stopEverything() throws IOException {
        kill();
        if (gate != null) {
            gate.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void killedTwiceWhileMailingARunThenResumedSendsEveryLetterOnce() throws Exception {
        Instant t0 = Instant.now();
        start();
        Duration firstStart = Duration.between(t0, Instant.now());
        giveEveryCustomerAnEmailContact();

        // a run as of a date early in the demo data's three years: some 110 customers, enough letters and still quick
        LocalDate asOf = LocalDate.now().minusYears(3).plusDays(40);
        String proposal = post("/wanglai/api/reminders/runs", "{\"asOf\":\"" + asOf + "\"}");
        long run = Long.parseLong(field(proposal, "runId"));
        String approval = post("/wanglai/api/reminders/runs/" + run + "/approve", "{}");
        Map<Long, String> emails = deliveries(run, "email");
        Map<Long, String> inapp = deliveries(run, "inapp");
        int letters = emails.size();
        long customerLetters;
        try (Connection c = database()) {
            customerLetters = count(c, "SELECT COUNT(*) FROM wl_rem_delivery WHERE run_id = ? AND kind = 'LETTER'"
                    + " AND channel = 'email'", run);
        }
        System.out.printf("Run %d as of %s: %s; approved: %s; %d e-mails (%d customer letters, the rest salesperson"
                + " digests), %d in-app messages%n", run, asOf, proposal, approval, letters, customerLetters,
                inapp.size());
        assertTrue(customerLetters >= MIN_LETTERS, "only " + customerLetters + " letters in run " + run + ": "
                + proposal);

        // 1. killed while the end of a message's DATA is on its way: the server never gets that message
        int firstHold = letters / 4;
        CompletableFuture<String> held = gate.hold(SmtpGate.Mode.HOLD_DATA_END, firstHold);
        CompletableFuture<HttpResponse<String>> send = browser.sendAsync(HttpRequest.newBuilder(
                uri("/wanglai/api/reminders/runs/" + run + "/send")).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrfToken).timeout(SENDING).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String lost = awaitHold(held, "message " + firstHold + " held before the end of its DATA");
        int receivedBeforeFirstKill = smtp.getReceivedMessages().length;
        kill();
        assertEquals("SENDING", mailLog(lost), "what the killed container left recorded about " + lost);
        assertEquals(firstHold - 1, receivedBeforeFirstKill, "messages stored by the server before the first kill");
        assertFalse(send.handle((r, e) -> e == null && r.statusCode() == 200).get(30, TimeUnit.SECONDS),
                "the send request of the killed container did not complete");

        // 2. restarted on the same folder and database, the container resumes the run by itself; killed again after
        // the server stored a message but before the container heard so
        int secondHold = firstHold + letters / 3;
        held = gate.hold(SmtpGate.Mode.HOLD_REPLY, secondHold);
        start();
        String arrivedUnconfirmed = awaitHold(held, "the reply to message " + secondHold + " held");
        int receivedBeforeSecondKill = smtp.getReceivedMessages().length;
        kill();
        assertEquals("SENDING", mailLog(arrivedUnconfirmed), "what the killed container left recorded about "
                + arrivedUnconfirmed);
        assertEquals(secondHold - 1, receivedBeforeSecondKill,
                "messages stored by the server before the second kill (all but the one held at the first kill)");

        // 3. restarted once more, it finishes the run
        gate.open();
        start();
        Instant resumed = Instant.now();
        String status = awaitRunStatus(run, "SENT");
        Duration resume = Duration.between(resumed, Instant.now());

        // what the server got: each message once, and every letter but the one the first kill cut off
        List<String> received = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            received.add(key(m.getMessageID()));
        }
        Set<String> distinct = new TreeSet<>(received);
        assertEquals(received.size(), distinct.size(), "messages received more than once: "
                + received.stream().filter(k -> received.indexOf(k) != received.lastIndexOf(k)).distinct().toList());
        assertFalse(distinct.contains(lost), lost + " was cut off before its end, yet the server has it");
        assertTrue(distinct.contains(arrivedUnconfirmed), arrivedUnconfirmed + " was stored before the second kill");

        // what the container recorded: the two interrupted letters UNCERTAIN (not mailed again), the rest SENT
        Map<Long, String> after = deliveries(run, "email");
        Map<String, Long> byStatus = after.values().stream().collect(Collectors.groupingBy(s -> s, TreeMap::new,
                Collectors.counting()));
        Set<String> uncertain = keys(after, "UNCERTAIN");
        Set<String> sent = keys(after, "SENT");
        assertEquals(Set.of(lost, arrivedUnconfirmed), uncertain, "UNCERTAIN e-mails; by status " + byStatus);
        assertEquals(letters, sent.size() + uncertain.size(), "e-mails neither SENT nor UNCERTAIN; by status " + byStatus);
        Set<String> expectedReceived = new TreeSet<>(sent);
        expectedReceived.add(arrivedUnconfirmed);
        assertEquals(expectedReceived, distinct, "received messages against the SENT letters");
        assertEquals(letters, received.size() + 1, "received + the one lost at the first kill");
        assertEquals(Map.of("SENT", (long) inapp.size()), deliveries(run, "inapp").values().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting())), "in-app messages of the run");

        try (Connection c = database()) {
            // every (item, level) of the run reserved once, and SENT unless its letter is one of the UNCERTAIN ones
            assertEquals(0L, count(c, "SELECT COUNT(*) FROM wl_rem_run_item ri WHERE ri.run_id = ? AND ri.status"
                    + " NOT IN ('SENT', 'RESERVED', 'EXCLUDED')", run), "items neither reserved, sent nor excluded");
            long items = count(c, "SELECT COUNT(*) FROM wl_rem_run_item WHERE run_id = ? AND status <> 'EXCLUDED'", run);
            long reservations = count(c, "SELECT COUNT(*) FROM wl_rem_reservation r JOIN wl_rem_run_item ri"
                    + " ON ri.schedule_id = r.schedule_id AND ri.level_no = r.level_no AND ri.run_id = r.run_id"
                    + " WHERE ri.run_id = ? AND ri.status <> 'EXCLUDED'", run);
            assertEquals(items, reservations, "reservations of the run's items");
            long unsentOutsideUncertain = count(c, "SELECT COUNT(*) FROM wl_rem_run_item ri WHERE ri.run_id = ?"
                    + " AND ri.status = 'RESERVED' AND NOT EXISTS (SELECT 1 FROM wl_rem_delivery d"
                    + " WHERE d.run_id = ri.run_id AND d.customer_id = ri.customer_id AND d.kind = 'LETTER'"
                    + " AND d.status = 'UNCERTAIN')", run);
            assertEquals(0L, unsentOutsideUncertain, "items left unsent although their letter was not uncertain");
            long sentItems = count(c, "SELECT COUNT(*) FROM wl_rem_run_item WHERE run_id = ? AND status = 'SENT'", run);
            long uncertainItems = items - sentItems;
            assertEquals(0L, count(c, "SELECT COUNT(*) FROM wl_rem_action WHERE run_id = ? AND status <> 'DONE'", run),
                    "level actions not done");
            assertEquals(2L, count(c, "SELECT COUNT(*) FROM wl_rem_mail_log l JOIN wl_rem_delivery d"
                    + " ON l.msg_key = 'wl-rem-' || d.id WHERE d.run_id = ? AND l.status = 'SENDING'", run),
                    "mail log entries whose fate the container does not know");

            // re-run: a new proposal as of the same date reminds none of the run's (item, level) pairs again
            String again = post("/wanglai/api/reminders/runs", "{\"asOf\":\"" + asOf + "\"}");
            long rerun = Long.parseLong(field(again, "runId"));
            assertEquals(0L, count(c, "SELECT COUNT(*) FROM wl_rem_run_item n JOIN wl_rem_run_item o"
                    + " ON o.schedule_id = n.schedule_id AND o.level_no >= n.level_no AND o.run_id = " + run
                    + " AND o.status <> 'EXCLUDED' WHERE n.run_id = ?", rerun),
                    "items of the new proposal " + again + " already reminded by run " + run);
            post("/wanglai/api/reminders/runs/" + rerun + "/cancel", "{}");

            System.out.printf("Reminder crash test: run %d %s; %d e-mails (+%d in-app), %d items; received before"
                    + " the 1st kill %d, before the 2nd kill %d, at the end %d (distinct %d); UNCERTAIN %d (%s: never"
                    + " arrived, %s: arrived unconfirmed), items SENT %d, items of uncertain letters %d; first start"
                    + " %d s, last resume %d s%n", run, status, letters, inapp.size(), items, receivedBeforeFirstKill,
                    receivedBeforeSecondKill, received.size(), distinct.size(), uncertain.size(), lost,
                    arrivedUnconfirmed, sentItems, uncertainItems, firstStart.toSeconds(), resume.toSeconds());
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Starts bin/wanglai on the test's home and logs in as the demo accountant once the reminders API answers. */
    private void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/wanglai").toString())
                .directory(home.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleOut.toFile()));
        Map<String, String> env = builder.environment();
        env.remove("WANGLAI_HOME");
        env.remove("WANGLAI_HTTP_PORT");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS", "-Dorg.osgi.service.http.port=" + port);
        process = builder.start();

        String password = await("the launcher to print the demo accountant's password", STARTUP,
                () -> Optional.of(ACCOUNTANT.matcher(Installation.read(consoleOut))).filter(Matcher::find).map(m -> m.group(1)));
        browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(new CookieManager())
                .build();
        csrfToken = await("the accountant to log in", STARTUP, () -> {
            Optional<HttpResponse<String>> login = send(browser, HttpRequest.newBuilder(uri("/wanglai/api/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"user\":\"accountant\",\"password\":\"" + password + "\"}")));
            return login.filter(r -> r.statusCode() == 200).map(r -> field(r.body(), "csrfToken"));
        });
        await("the reminders API", STARTUP, () -> send(browser, HttpRequest.newBuilder(
                uri("/wanglai/api/reminders/runs")).GET()).filter(r -> r.statusCode() == 200));
    }

    /** SIGKILL: no shutdown hook, no bundle stop, nothing flushed. */
    private void kill() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "container still alive 30 s after SIGKILL");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The host schema has no customer contacts: give each demo customer one, so that every letter of the run goes out
     * by e-mail (the salespeople of the demo data have addresses, so their digests are mailed too).
     */
    private void giveEveryCustomerAnEmailContact() throws SQLException {
        try (Connection c = database(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO wl_rem_contact (customer_id, email, language) SELECT id, LOWER(code) || '@customers.test',"
                        + " CASE WHEN MOD(id, 2) = 0 THEN 'en' ELSE 'zh' END FROM erp_customer")) {
            assertTrue(st.executeUpdate() >= 2000, "contacts for the demo customers");
        }
    }

    /** The run's deliveries of a channel: id to status. */
    private Map<Long, String> deliveries(long run, String channel) throws SQLException {
        Map<Long, String> out = new TreeMap<>();
        try (Connection c = database(); PreparedStatement st = c.prepareStatement(
                "SELECT id, status FROM wl_rem_delivery WHERE run_id = ? AND channel = ?")) {
            st.setLong(1, run);
            st.setString(2, channel);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** What the e-mail channel has recorded about a message key (SENDING, SENT, FAILED), or "none". */
    private String mailLog(String key) throws SQLException {
        try (Connection c = database(); PreparedStatement st = c.prepareStatement(
                "SELECT status FROM wl_rem_mail_log WHERE msg_key = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : "none";
            }
        }
    }

    private static Set<String> keys(Map<Long, String> deliveries, String status) {
        return deliveries.entrySet().stream().filter(e -> e.getValue().equals(status))
                .map(e -> "wl-rem-" + e.getKey()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The notification key of a Message-ID {@code <wl-rem-17@wanglai.test>}. */
    private static String key(String messageId) {
        Matcher m = Pattern.compile("<([^>@]+)@").matcher(String.valueOf(messageId));
        assertTrue(m.find(), "not a reminder Message-ID: " + messageId);
        return m.group(1);
    }

    /** The container's host database. */
    private Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    private static long count(Connection c, String sql, long run) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, run);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getLong(1);
            }
        }
    }

    private String awaitHold(CompletableFuture<String> held, String what) throws Exception {
        return await(what, SENDING, () -> Optional.ofNullable(held.getNow(null)));
    }

    private String awaitRunStatus(long run, String status) throws Exception {
        return await("run " + run + " to become " + status, SENDING, () -> send(browser, HttpRequest.newBuilder(
                uri("/wanglai/api/reminders/runs/" + run)).GET()).filter(r -> r.statusCode() == 200)
                .map(r -> field(runObject(r.body()), "status")).filter(status::equals));
    }

    /** The "run" object of GET runs/&lt;id&gt;, whose customers have a status of their own. */
    private static String runObject(String json) {
        Matcher m = Pattern.compile("\"run\":(\\{[^{}]*})").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no run in " + json);
        }
        return m.group(1);
    }

    private String post(String path, String json) throws Exception {
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrfToken).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "POST " + path + ": " + r.body());
        return r.body();
    }

    private Optional<HttpResponse<String>> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return Optional.of(client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty(); // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A string or number field of a flat JSON object. */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private <T> T await(String what, Duration timeout, Installation.Probe<T> probe) throws Exception {
        return Installation.await(process, consoleOut, what, timeout, probe, () -> "\nlog tail:\n" + tail(home.resolve("logs/wanglai.log"), 40));
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Installation.read(file).lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
