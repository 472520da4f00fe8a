package org.wanglai.it.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.Period;
import org.wanglai.api.ValidationException;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.notify.DeliveryChannel;
import org.wanglai.api.notify.Notification;
import org.wanglai.api.reminders.ReminderStatistics;
import org.wanglai.it.support.TestDatabase;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A reminder run from proposal to delivery on the fixture (as of 2026-06-30): policy resolution, disputes skipped,
 * minimum amount, review, exactly-once reservations across runs, a crash between two sends with resume after a
 * restart, the cluster lock and the daily claim. Delivery goes to recording channels that outrank email/inapp; at
 * the end the real e-mail channel mails a later run to an SMTP server (GreenMail) started by the test.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunsTest {
    static final Pattern RUN = Pattern.compile("Run (\\d+) proposed");

    @InjectBundleContext
    BundleContext ctx;
    HostDatabase db;
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final List<Notification> messages = new CopyOnWriteArrayList<>();
    final AtomicInteger crashOnCall = new AtomicInteger(-1);
    final AtomicInteger calls = new AtomicInteger();
    /** The call that waits in the channel, as a slow SMTP server would, until {@link #release} opens. */
    final AtomicInteger blockOnCall = new AtomicInteger(-1);
    final CountDownLatch blocked = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    ServiceRegistration<?> email;
    ServiceRegistration<?> inapp;
    long runA;
    long runB;

    /** Records deliveries; on the configured call it dies as a killed container would, before delivering. */
    final class Recording implements DeliveryChannel {
        private final String id;

        Recording(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public boolean accepts(String recipient) {
            return true;
        }

        @Override
        public void deliver(Notification n) throws InterruptedException {
            int call = calls.incrementAndGet();
            if (call == crashOnCall.get()) {
                throw new Error("simulated kill of the container between two sends");
            }
            if (call == blockOnCall.get()) {
                blocked.countDown();
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("delivery " + n.key() + " was never released");
                }
            }
            if (!delivered.contains(n.key())) {
                delivered.add(n.key());
                messages.add(n);
            } else {
                delivered.add(n.key()); // a duplicate would show up twice
            }
        }
    }

    @BeforeAll
    void setUp(@InjectService ConfigurationAdmin cm) throws Exception {
        db = Reminders.setUp(ctx, cm);
        email = register("email");
        inapp = register("inapp");
    }

    private ServiceRegistration<?> register(String id) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(DeliveryChannel.PROPERTY, id);
        p.put(Constants.SERVICE_RANKING, 100);
        return ctx.registerService(DeliveryChannel.class, new Recording(id), p);
    }

    @AfterAll
    void tearDown() {
        if (email != null) {
            email.unregister();
        }
        inapp.unregister();
    }

    private static long runId(String out) {
        Matcher m = RUN.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    @Order(1)
    void proposalResolvesPoliciesAndSkipsDisputes() throws Throwable {
        // STRICT (level 1 one day after due) for the retail category; C104 keeps STANDARD: the customer wins
        Reminders.cmd(ctx, "remlevel", "STRICT", 1, 1, 0, "0", "0", "NOTIFY");
        Reminders.cmd(ctx, "remassign", "STRICT", "category", "02");
        Reminders.cmd(ctx, "remassign", "STANDARD", "customer", "C104");
        Reminders.cmd(ctx, "remcontact", "C103", "finance@c103.example", "en");
        String out = Reminders.cmd(ctx, "rempreview", "2026-06-30", "acc.wang");
        runA = runId(out);
        assertThat(out).contains("3 customers, 5 items").contains("1 disputed items")
                .contains("1 customers below the minimum amount");
        String items = Reminders.cmd(ctx, "remshow", runA, "C101");
        assertThat(items).containsPattern("INV-1001 .* 141 +5 +600.00 +13.91")
                .containsPattern("INV-1002 .* 11 +2 +2000.00 +0.00")
                .containsPattern("INV-1004 .* 60 +4 +800.00 +7.89")
                .doesNotContain("INV-1003");
        assertThat(Reminders.cmd(ctx, "remshow", runA, "C103")).containsPattern("INV-3001 .* 2026-04-29 +62 +4 +400.01 +4.08");
        assertThat(Reminders.cmd(ctx, "remshow", runA, "C104")).containsPattern("INV-4001 .* 30 +3 +150.00");
        assertThat(Reminders.cmd(ctx, "remshow", runA)).doesNotContain("C102").doesNotContain("C105");
    }

    @Test
    @Order(2)
    void reviewAndApprovalReserveEachItemLevelOnce() throws Throwable {
        runB = runId(Reminders.cmd(ctx, "rempreview", "2026-06-30", "acc.wang"));
        assertThatThrownBy(() -> Reminders.cmd(ctx, "remexclude", runA, "C104", "-", " ", "acc.wang"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("reason");
        assertThat(Reminders.cmd(ctx, "remexclude", runA, "C104", "-", "客户来电：周五付款", "acc.wang"))
                .startsWith("1 item");
        assertThat(Reminders.cmd(ctx, "remapprove", runA, "acc.wang"))
                .contains("4 items reserved, 0 already reminded").contains("4 deliveries").contains("2 level actions");
        // B proposed the same items before A was approved: only C104's item (excluded from A) is still free
        assertThat(Reminders.cmd(ctx, "remapprove", runB, "acc.wang")).contains("1 items reserved, 4 already reminded");
        assertThatThrownBy(() -> Reminders.cmd(ctx, "remapprove", runA, "acc.wang"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("APPROVED");
        // a new proposal finds nothing left to remind at these levels
        long runC = runId(Reminders.cmd(ctx, "rempreview", "2026-06-30", "acc.wang"));
        assertThat(Reminders.scalar(db, "SELECT COUNT(*) FROM wl_rem_run_item WHERE run_id = " + runC).longValue())
                .isZero();
        Reminders.cmd(ctx, "remcancel", runC, "acc.wang");
    }

    @Test
    @Order(3)
    void crashBetweenSendsThenRestartResumesWithoutDuplicates() throws Throwable {
        crashOnCall.set(2);
        assertThatThrownBy(() -> Reminders.cmd(ctx, "remsend", runA)).isInstanceOf(Error.class);
        assertThat(delivered).hasSize(1);
        assertThat(Reminders.text(db, "SELECT status FROM wl_rem_run WHERE id = " + runA)).isEqualTo("SENDING");
        // restart the bundle: its schedule resumes interrupted runs on start
        Bundle b = Reminders.bundle(ctx).orElseThrow();
        b.stop();
        b.start();
        TestDatabase.waitUntil(() -> {
            try {
                return "SENT".equals(Reminders.text(db, "SELECT status FROM wl_rem_run WHERE id = " + runA));
            } catch (Exception e) {
                return false;
            }
        }, 30_000, "run A finished after resume");
        assertThat(delivered).hasSize(4).doesNotHaveDuplicates();
        assertThat(Reminders.scalar(db, "SELECT COUNT(*) FROM wl_rem_delivery WHERE run_id = " + runA
                + " AND status = 'SENT'").longValue()).isEqualTo(4);
        Notification letter = messages.stream().filter(n -> n.recipient().equals("mail:finance@c103.example"))
                .findFirst().orElseThrow();
        assertThat(letter.body()).contains("苏州精工制造").contains("INV-3001").contains("400.01")
                .contains("Final notice").contains("100");
        assertThat(messages).anySatisfy(n -> assertThat(n.recipient()).isEqualTo("mail:li.wei@wanglai.example"));
        ReminderStatistics stats = TestDatabase.await(ctx, ReminderStatistics.class, 10_000);
        assertThat(stats.remindersSentByCustomer(new Period(LocalDate.now(), LocalDate.now())))
                .isEqualTo(Map.of(101L, 3L, 103L, 1L));
        // the collection hand-over is done; the credit stop waits for the credit capability
        assertThat(Reminders.text(db, "SELECT status FROM wl_rem_action WHERE run_id = " + runA
                + " AND action = 'COLLECTION'")).isEqualTo("DONE");
        assertThat(Reminders.text(db, "SELECT status FROM wl_rem_action WHERE run_id = " + runA
                + " AND action = 'CREDIT_STOP'")).isEqualTo("PENDING");
        // sending again sends nothing
        int before = delivered.size();
        Reminders.cmd(ctx, "remsend", runA);
        assertThat(delivered).hasSize(before);
    }

    @Test
    @Order(4)
    void clusterLockAndDailyClaim() throws Throwable {
        Reminders.exec(db, "UPDATE wl_rem_lock SET owner = 'other-node', locked_until = TIMESTAMP '2999-01-01 00:00:00'"
                + " WHERE name = 'reminders'");
        assertThatThrownBy(() -> Reminders.cmd(ctx, "remsend", runB)).hasMessageContaining("another container");
        assertThat(Reminders.text(db, "SELECT status FROM wl_rem_run WHERE id = " + runB)).isEqualTo("APPROVED");
        // the other node died: its lease ran out
        Reminders.exec(db, "UPDATE wl_rem_lock SET locked_until = TIMESTAMP '2000-01-01 00:00:00' WHERE name = 'reminders'");
        // while one thread of this container sends run B, neither the resume loop nor a second send of the same
        // container may send it too: the database lock belongs to the container, not to the thread
        blockOnCall.set(calls.get() + 1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return Reminders.cmd(ctx, "remsend", runB);
            } catch (Throwable e) {
                throw new CompletionException(e);
            }
        });
        assertThat(blocked.await(30, TimeUnit.SECONDS)).as("run B's delivery reached the channel").isTrue();
        try {
            assertThat(Reminders.cmd(ctx, "remresume")).isEqualTo("nothing to resume");
            assertThatThrownBy(() -> Reminders.cmd(ctx, "remsend", runB)).hasMessageContaining("already sending");
        } finally {
            release.countDown();
        }
        assertThat(first.get(60, TimeUnit.SECONDS)).contains("1 sent").contains("run finished");
        assertThat(Reminders.cmd(ctx, "remsend", runB)).contains("0 sent");
        assertThat(messages).anySatisfy(n -> assertThat(n.recipient()).isEqualTo("user:admin"));

        Reminders.exec(db, "INSERT INTO wl_rem_daily (run_date, owner) VALUES (DATE '2026-07-02', 'other-node')");
        assertThat(Reminders.cmd(ctx, "remdaily", "2026-07-02")).contains("already done");
        assertThat(Reminders.cmd(ctx, "remdaily", "2026-07-01")).contains("done").doesNotContain("already");
        assertThat(Reminders.cmd(ctx, "remdaily", "2026-07-01")).contains("already done");
        assertThat(Reminders.text(db, "SELECT owner FROM wl_rem_daily WHERE run_date = DATE '2026-07-01'"))
                .isEqualTo("it-node");
        assertThat(Collections.frequency(delivered, delivered.get(0))).isEqualTo(1);
    }

    @Test
    @Order(5)
    void mailGoesOverSmtpWithTheReminderLetterAttached(@InjectService ConfigurationAdmin cm) throws Throwable {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            int port = smtp.getSmtp().getPort();
            Dictionary<String, Object> c = new Hashtable<>();
            c.put("host", "127.0.0.1");
            c.put("port", port);
            c.put("security", "NONE");
            c.put("from", "ar@wanglai.example");
            cm.getConfiguration("org.wanglai.reminders.email", "?").update(c);
            TestDatabase.waitUntil(() -> {
                try {
                    return ctx.getServiceReferences(DeliveryChannel.class, "(&(" + DeliveryChannel.PROPERTY
                            + "=email)(port=" + port + "))").size() == 1;
                } catch (Exception e) {
                    return false;
                }
            }, 30_000, "e-mail channel configured for GreenMail");
            email.unregister(); // the real e-mail channel delivers from now on
            email = null;

            // past the minimum days since the level-4 letter sent today, INV-3001's second part (due 2026-04-29,
            // 400.01 open) reaches level 5
            LocalDate asOf = LocalDate.now().plusDays(15);
            long days = java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(2026, 4, 29), asOf);
            long run = runId(Reminders.cmd(ctx, "rempreview", asOf.toString(), "acc.wang"));
            assertThat(Reminders.cmd(ctx, "remshow", run, "C103"))
                    .containsPattern("INV-3001 .* 2026-04-29 +" + days + " +5 +400.01");
            Reminders.cmd(ctx, "remapprove", run, "acc.wang");
            assertThat(Reminders.cmd(ctx, "remsend", run)).contains("run finished").contains("0 failed");

            MimeMessage mail = java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
                try {
                    return m.getAllRecipients()[0].toString().equals("finance@c103.example");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
                assertThat(l).as("one letter to C103").hasSize(1);
                return l.get(0);
            }));
            assertThat(mail.getSubject()).contains("C103").contains("Collection notice");
            Multipart parts = (Multipart) mail.getContent();
            Map<String, byte[]> files = new java.util.TreeMap<>();
            for (int i = 0; i < parts.getCount(); i++) {
                Part part = parts.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    files.put(part.getFileName(), part.getInputStream().readAllBytes());
                }
            }
            assertThat(files).containsOnlyKeys("reminder-C103-" + asOf + ".xlsx", "statement-C103-" + asOf + ".xlsx");
            String sheet = sheetXml(files.get("reminder-C103-" + asOf + ".xlsx"));
            assertThat(sheet).contains("Payment reminder / 催款函").contains("苏州精工制造 (C103)")
                    .contains("Collection notice").contains("INV-3001").contains("Days overdue / 逾期天数")
                    .contains("<v>" + days + ".0</v>").contains("<v>400.01</v>").contains("Reminder fee");
            assertThat(sheetXml(files.get("statement-C103-" + asOf + ".xlsx"))).contains("INV-3001").contains("RC-3");

            // sending the run again mails nothing more
            int received = smtp.getReceivedMessages().length;
            Reminders.cmd(ctx, "remsend", run);
            assertThat(smtp.getReceivedMessages()).hasSize(received);
        } finally {
            smtp.stop();
        }
    }

    @Test
    @Order(6)
    void switchTermLevelSwitchesTheDefaultTermOnce() throws Throwable {
        if (email == null) {
            email = register("email"); // GreenMail is gone: record the letters again
        }
        // C106 on NET30 and C107 already on EOM30, each with one item due 2026-06-01 and a policy whose only level
        // switches the term to EOM30
        Reminders.exec(db, "INSERT INTO erp_customer (id, code, name, region_id, category_id, channel_id,"
                + " salesperson_id, payment_term_id, credit_limit, credit_status, currency, created_date) VALUES"
                + " (106, 'C106', '常州换账期客户', 1, 2, 1, 1, 1, 0, 'O', 'CNY', DATE '2025-01-01'),"
                + " (107, 'C107', '南通月结客户', 1, 2, 1, 1, 2, 0, 'O', 'CNY', DATE '2025-01-01')");
        Reminders.exec(db, "INSERT INTO erp_invoice (id, doc_no, customer_id, invoice_date, payment_term_id, currency,"
                + " grand_total, status, is_paid, in_dispute) VALUES"
                + " (6001, 'INV-6001', 106, DATE '2026-05-02', 1, 'CNY', 700.00, 'CO', FALSE, FALSE),"
                + " (7001, 'INV-7001', 107, DATE '2026-05-02', 1, 'CNY', 900.00, 'CO', FALSE, FALSE)");
        Reminders.exec(db, "INSERT INTO erp_invoice_pay_schedule (id, invoice_id, seq, due_date, due_amount) VALUES"
                + " (60011, 6001, 1, DATE '2026-06-01', 700.00), (70011, 7001, 1, DATE '2026-06-01', 900.00)");
        Reminders.cmd(ctx, "remlevel", "TERMS", 1, 10, 0, "0", "0", "SWITCH_TERM", "EOM30");
        Reminders.cmd(ctx, "remassign", "TERMS", "customer", "C106");
        Reminders.cmd(ctx, "remassign", "TERMS", "customer", "C107");

        long run = runId(Reminders.cmd(ctx, "rempreview", "2026-06-30", "acc.wang"));
        assertThat(Reminders.cmd(ctx, "remshow", run, "C106")).containsPattern("INV-6001 .* 29 +1 +700.00");
        assertThat(Reminders.cmd(ctx, "remapprove", run, "acc.wang")).contains("2 level actions");
        assertThat(Reminders.cmd(ctx, "remsend", run)).contains("run finished");

        assertThat(Reminders.scalar(db, "SELECT payment_term_id FROM erp_customer WHERE id = 106").longValue())
                .isEqualTo(2);
        assertThat(Reminders.scalar(db, "SELECT payment_term_id FROM erp_customer WHERE id = 107").longValue())
                .isEqualTo(2);
        assertThat(Reminders.text(db, "SELECT status || ' ' || note FROM wl_rem_action WHERE run_id = " + run
                + " AND customer_id = 106")).isEqualTo("DONE payment term NET30 -> EOM30");
        assertThat(Reminders.text(db, "SELECT status || ' ' || note FROM wl_rem_action WHERE run_id = " + run
                + " AND customer_id = 107")).isEqualTo("DONE payment term already EOM30");
        // existing invoices keep their term
        assertThat(Reminders.scalar(db, "SELECT payment_term_id FROM erp_invoice WHERE id = 6001").longValue())
                .isEqualTo(1);

        // the ERP user moves C106 to the split term; neither sending the run again nor a new proposal switches back
        Reminders.exec(db, "UPDATE erp_customer SET payment_term_id = 3 WHERE id = 106");
        Reminders.cmd(ctx, "remsend", run);
        long again = runId(Reminders.cmd(ctx, "rempreview", "2026-06-30", "acc.wang"));
        assertThat(Reminders.scalar(db, "SELECT COUNT(*) FROM wl_rem_run_item WHERE run_id = " + again
                + " AND customer_id IN (106, 107)").longValue()).isZero();
        Reminders.cmd(ctx, "remcancel", again, "acc.wang");
        assertThat(Reminders.scalar(db, "SELECT payment_term_id FROM erp_customer WHERE id = 106").longValue())
                .isEqualTo(3);
        assertThat(Reminders.scalar(db, "SELECT COUNT(*) FROM wl_rem_action WHERE customer_id = 106"
                + " AND action = 'SWITCH_TERM'").longValue()).isEqualTo(1);
    }

    /** The first sheet's XML of an .xlsx (the exporter writes inline strings, so the texts are in it). */
    private static String sheetXml(byte[] xlsx) throws Exception {
        // read through the central directory: POI's streamed entries carry their sizes only there
        java.nio.file.Path file = java.nio.file.Files.createTempFile("letter", ".xlsx");
        try {
            java.nio.file.Files.write(file, xlsx);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                ZipEntry e = zip.getEntry("xl/worksheets/sheet1.xml");
                if (e != null) {
                    return new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
        throw new AssertionError("no sheet in the workbook");
    }
}
