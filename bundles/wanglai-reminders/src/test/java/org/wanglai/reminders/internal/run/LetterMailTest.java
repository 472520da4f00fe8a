package org.wanglai.reminders.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.osgi.service.jdbc.DataSourceFactory;
import org.wanglai.api.ValidationException;
import org.wanglai.api.notify.DeliveryChannel;
import org.wanglai.api.notify.Notification;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.excel.internal.XlsxReportExporter;
import org.wanglai.host.internal.HostDatabaseImpl;
import org.wanglai.host.internal.demo.DemoDataGenerator;
import org.wanglai.reminders.internal.channel.EmailChannel;
import org.wanglai.reminders.internal.db.RemindersStore;
import org.wanglai.reminders.internal.report.LetterReport;
import org.wanglai.reminders.internal.report.StatementReport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A reminder run sent by e-mail to a real SMTP server (GreenMail) through the real host data service on H2: the
 * message carries the customer's bilingual reminder letter and statement as .xlsx; the letter holds the company,
 * the items with due dates, days overdue and hand-computed amounts, the fee and the totals, and keeps a document
 * number that looks like a formula as text.
 *
 * <p>Fixture as of 2026-06-30 under the STANDARD policy (level 5 from 90 days after due: fee 200.00, 6 % a year;
 * level 2 from 7 days: no fee, no interest): INV-A1 1000.00 due 2026-03-31 is 91 days overdue, interest 1000.00 ×
 * 6 % × 91 / 365 = 14.96; "=1+2" 2000.00 due 2026-06-19 is 11 days overdue at level 2. Open 3000.00, interest 14.96,
 * fee 200.00, amount due 3214.96.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LetterMailTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    private HostDatabaseImpl db;
    private RemindersStore store;
    private GreenMail smtp;
    private Settings settings;
    private ReminderService service;
    private final List<Notification> inApp = new ArrayList<>();

    @BeforeAll
    void setUp() throws Exception {
        Map<String, Object> driver = Map.of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.h2.Driver");
        db = new HostDatabaseImpl(DemoScaleTest.config(HostDatabaseImpl.Config.class, Map.of("jdbcUrl",
                "jdbc:h2:mem:rem-letter;DB_CLOSE_DELAY=-1", "user", "sa", "password", "", "poolSize", 2)),
                List.of(Map.entry(driver, new org.h2.util.OsgiDataSourceFactory(new org.h2.Driver()))));
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            new DemoDataGenerator(DemoDataGenerator.Scale.TINY, 1L, AS_OF).createSchema(c);
            st.execute("INSERT INTO erp_payment_term (id, code, name_zh, name_en, term_type, net_days, grace_days) "
                    + "VALUES (1, 'NET30', '30天', 'Net 30', 'NET', 30, 0)");
            st.execute("INSERT INTO erp_customer (id, code, name, payment_term_id, currency, created_date) VALUES "
                    + "(201, 'C201', '常州恒达机电有限公司', 1, 'CNY', DATE '2025-01-01')");
            st.execute("INSERT INTO erp_invoice (id, doc_no, customer_id, invoice_date, payment_term_id, currency, "
                    + "grand_total, status, is_paid, in_dispute) VALUES (1, 'INV-A1', 201, DATE '2026-03-01', 1, 'CNY', "
                    + "1000.00, 'CO', FALSE, FALSE), (2, '=1+2', 201, DATE '2026-05-20', 1, 'CNY', 2000.00, 'CO', FALSE, "
                    + "FALSE)");
            st.execute("INSERT INTO erp_invoice_pay_schedule (id, invoice_id, seq, due_date, due_amount) VALUES "
                    + "(11, 1, 1, DATE '2026-03-31', 1000.00), (21, 2, 1, DATE '2026-06-19', 2000.00)");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        store = new RemindersStore(db);
        store.tx(m -> {
            m.insertContact(201, "finance@c201.example", "zh");
            return null;
        });
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        settings = DemoScaleTest.config(Settings.class, Map.of("dailyTime", "", "instanceName", "letter-test"));
        service = new ReminderService(store, settings);
        service.exporter = new XlsxReportExporter(DemoScaleTest.config(XlsxReportExporter.Config.class, Map.of()));
        service.letterReport = new LetterReport(store, settings);
        service.statementReport = new StatementReport(store);
        service.addChannel(new EmailChannel(store, DemoScaleTest.config(EmailChannel.Config.class, Map.of("host",
                "127.0.0.1", "port", smtp.getSmtp().getPort(), "security", "NONE", "from", "ar@wanglai.example",
                "timeoutMillis", 5000))), Map.of());
        service.addChannel(new DeliveryChannel() {
            @Override
            public String id() {
                return "inapp";
            }

            @Override
            public boolean accepts(String recipient) {
                return recipient.startsWith("user:");
            }

            @Override
            public void deliver(Notification n) {
                inApp.add(n);
            }
        }, Map.of());
    }

    @AfterAll
    void tearDown() throws Exception {
        smtp.stop();
        ((java.io.Closeable) db.dataSource()).close();
    }

    @Test
    @Order(1)
    void theMailCarriesTheBilingualLetterWithItemsTotalsAndFee() throws Exception {
        ReminderService.Proposal p = service.propose(AS_OF, "acc.wang", "letter");
        assertThat(p.customers()).isEqualTo(1);
        assertThat(p.items()).isEqualTo(2);
        service.approve(p.runId(), "acc.wang");
        ReminderService.SendResult sent = service.send(p.runId());
        assertThat(sent.failed()).isZero();

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("finance@c201.example");
        assertThat(mail.getSubject()).contains("C201").contains("移交催收通知").contains("Collection notice");
        Map<String, byte[]> files = attachments(mail);
        assertThat(files).containsOnlyKeys("reminder-C201-2026-06-30.xlsx", "statement-C201-2026-06-30.xlsx");

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(files.get("reminder-C201-2026-06-30.xlsx")))) {
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter f = new DataFormatter();
            List<String> first = new ArrayList<>();
            List<Row> rows = new ArrayList<>();
            for (Row r : sheet) {
                rows.add(r);
                first.add(r.getCell(0) == null ? "" : f.formatCellValue(r.getCell(0)));
            }
            assertThat(first.get(0)).isEqualTo("催款函 / Payment reminder");
            assertThat(first).contains("发函单位 / From: 往来贸易有限公司 / Wanglai Trading Co., Ltd.",
                    "致 / To: 常州恒达机电有限公司 (C201)", "截至 / As of 2026-06-30: 移交催收通知 / Collection notice");
            int header = first.indexOf("单据号 / Invoice");
            assertThat(header).isPositive();
            assertThat(rows.get(header).getCell(3).getStringCellValue()).isEqualTo("逾期天数 / Days overdue");
            assertThat(rows.get(header).getCell(8).getStringCellValue()).isEqualTo("应付金额 / Amount due (CNY)");

            Row a1 = rows.get(first.indexOf("INV-A1"));
            assertThat(a1.getCell(2).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 31));
            assertThat(a1.getCell(3).getNumericCellValue()).isEqualTo(91);
            assertThat(a1.getCell(4).getNumericCellValue()).isEqualTo(5);
            assertThat(a1.getCell(5).getNumericCellValue()).isEqualTo(1000.00);
            assertThat(a1.getCell(6).getNumericCellValue()).isEqualTo(14.96);
            assertThat(a1.getCell(8).getNumericCellValue()).isEqualTo(1014.96);

            // a document number that a spreadsheet would read as a formula stays text
            Cell formulaLike = rows.get(first.indexOf("=1+2")).getCell(0);
            assertThat(formulaLike.getCellType()).isEqualTo(CellType.STRING);
            assertThat(formulaLike.getCellStyle().getQuotePrefixed()).isTrue();
            Row b = formulaLike.getRow();
            assertThat(b.getCell(3).getNumericCellValue()).isEqualTo(11);
            assertThat(b.getCell(4).getNumericCellValue()).isEqualTo(2);
            assertThat(b.getCell(8).getNumericCellValue()).isEqualTo(2000.00);

            Row fee = rows.get(first.indexOf("催款手续费 / Reminder fee"));
            assertThat(fee.getCell(7).getNumericCellValue()).isEqualTo(200.00);
            assertThat(fee.getCell(8).getNumericCellValue()).isEqualTo(200.00);

            Row total = rows.get(rows.size() - 1);
            assertThat(total.getCell(5).getNumericCellValue()).isEqualTo(3000.00);
            assertThat(total.getCell(6).getNumericCellValue()).isEqualTo(14.96);
            assertThat(total.getCell(7).getNumericCellValue()).isEqualTo(200.00);
            assertThat(total.getCell(8).getNumericCellValue()).isEqualTo(3214.96);
        }

        // sent exactly once: sending the run again and a new proposal send nothing more
        service.send(p.runId());
        assertThat(service.propose(AS_OF, "acc.wang", "again").items()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    @Order(2)
    void theLetterNamesAnUnknownRunOrCustomer() {
        LetterReport letter = new LetterReport(store, settings);
        assertThatThrownBy(() -> letter.run(new ReportQuery(Map.of("run", 999_999L, "customer", "C201"),
                Locale.CHINA, "t"), r -> true)).isInstanceOf(ValidationException.class).hasMessageContaining("999999");
        long run = service.propose(AS_OF.plusDays(1), "acc.wang", "empty").runId();
        assertThatThrownBy(() -> letter.run(new ReportQuery(Map.of("run", run, "customer", "NOPE"), Locale.CHINA,
                "t"), r -> true)).isInstanceOf(ValidationException.class).hasMessageContaining("NOPE");
    }

    private static Map<String, byte[]> attachments(MimeMessage mail) throws Exception {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        Multipart mp = (Multipart) mail.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            Part part = mp.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                part.getInputStream().transferTo(out);
                files.put(part.getFileName(), out.toByteArray());
            }
        }
        return files;
    }
}
