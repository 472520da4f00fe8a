package org.wanglai.it.costing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.Money;
import org.wanglai.api.costing.AllocationRun;
import org.wanglai.api.costing.CostAnalysis;
import org.wanglai.api.costing.PoolReconciliation;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.it.support.TestDatabase;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Cost entries imported through {@code /wanglai/api/costing/cost-entry-import} on the hand-computed fixture
 * (fixtures/costing.sql). January with the file of {@link #GOOD} (ORDER_HANDLING +200.00, DELIVERY SOUTH +99.99,
 * MARKETING_AGENT AGENT +20.00) next to the host ledger (1900.01):
 * <pre>
 * ORDER_HANDLING 1200.01 by orders 2:1:1:1 -> 120001 cents: C1 48000.4, C2-C4 24000.2; the odd cent to C1 = 480.01
 * DELIVERY (SOUTH) 399.99 by deliveries C2 1 : C4 1 -> 199.995 each; the odd cent to the lower index: C2 200.00, C4 199.99
 * SUPPORT 500.00 unchanged: C1 100.00, C2 200.00, C3 100.00, C4 100.00
 * MARKETING_AGENT (AGENT) 120.00 by revenue C3 500 : C4 1500 -> 30.00 / 90.00
 * </pre>
 * 2220.00 in all, allocated to the cent.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class CostEntryImportTest {
    static final YearMonth JAN = YearMonth.of(2025, 1);
    static final String PATH = "costing/cost-entry-import";
    static final String GOOD = """
            Cost pool,Channel,Region,Period,Amount,Currency,Reference,Description
            ORDER_HANDLING,,,2025-01,200.00,CNY,IMP-1,outsourced order entry
            DELIVERY,,SOUTH,2025-01,99.99,CNY,IMP-2,courier South
            MARKETING_AGENT,AGENT,,2025-01,20,CNY,IMP-3,agent bonus
            """;

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    CostAnalysis costing;
    HostDatabase db;
    String base;

    @BeforeEach
    void setUp() throws Exception {
        costing = CostingSetup.ready(ctx, cm);
        db = CostingSetup.database(ctx, cm);
        base = Http.setUp(ctx, cm);
        Http admin = Http.as(base, "admin");
        String last = "";
        for (long end = System.nanoTime() + 30_000_000_000L; System.nanoTime() < end; Thread.sleep(200)) {
            HttpResponse<byte[]> r = admin.get(PATH);
            if (r.statusCode() == 200) {
                return;
            }
            last = r.statusCode() + " " + Http.text(r);
        }
        throw new AssertionError("the cost entry import endpoint did not answer within 30 s; last: " + last);
    }

    @AfterEach
    void removeImports() {
        CostingSetup.execute(db, "DELETE FROM wl_cost_import_entry");
        CostingSetup.execute(db, "DELETE FROM wl_cost_import");
    }

    private static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private BigDecimal entries(String where) throws Exception {
        return CostingSetup.scalar(db, "SELECT COUNT(*) FROM wl_cost_import_entry" + (where == null ? "" : " WHERE " + where));
    }

    private Map<String, BigDecimal> costByCustomerAndPool(YearMonth month) throws Exception {
        return CostingSetup.sums(db, "SELECT customer_id, pool_id, cost FROM wl_cost_fact WHERE fact_month = ? AND pool_id > 0",
                month.atDay(1));
    }

    @Test
    void aGoodFileCommitsEveryRowAndTheNextAllocationTakesItInToTheCent() throws Exception {
        costing.allocate(JAN, "it");
        Http anna = Http.as(base, "anna");

        JsonNode done = anna.ok(200, anna.upload(PATH, "costs-2025-01.csv", csv(GOOD), true));

        assertThat(done.get("rows").asInt()).isEqualTo(3);
        assertThat(new BigDecimal(done.get("amount").get("amount").asText())).isEqualByComparingTo("319.99");
        assertThat(done.get("amount").get("currency").asText()).isEqualTo("CNY");
        assertThat(done.get("allocatedMonths").toString()).isEqualTo("[\"2025-01\"]");
        assertThat(done.get("note").asText()).contains("allocate them again").contains("2025-01");
        long id = done.get("id").asLong();
        assertThat(entries("import_id = " + id + " AND file_name = 'costs-2025-01.csv' AND imported_by = 'anna' "
                + "AND imported_at IS NOT NULL AND currency = 'CNY'")).isEqualByComparingTo("3");
        assertThat(CostingSetup.sums(db, "SELECT pool_id, COALESCE(channel_id, 0), COALESCE(region_id, 0), period, reference, amount "
                + "FROM wl_cost_import_entry")).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "1/0/0/2025-01-01/IMP-1", new BigDecimal("200.00"),
                        "2/0/2/2025-01-01/IMP-2", new BigDecimal("99.99"),
                        "4/2/0/2025-01-01/IMP-3", new BigDecimal("20.00")));
        // the month allocated before the import does not change by itself
        assertThat(costing.latestRun(JAN).poolTotal().amount()).isEqualByComparingTo("1900.01");
        JsonNode stale = anna.ok(200, anna.get(PATH));
        assertThat(stale.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(stale.get(0).get("allocatedMonths").toString()).isEqualTo("[\"2025-01\"]");

        AllocationRun run = costing.allocate(JAN, "anna");

        assertThat(run.poolTotal().amount()).isEqualByComparingTo("2220.00");
        assertThat(run.allocated()).isEqualTo(run.poolTotal());
        assertThat(run.pools()).extracting(PoolReconciliation::poolCode, PoolReconciliation::regionCode,
                p -> p.amount().amount().toPlainString()).contains(
                        org.assertj.core.groups.Tuple.tuple("ORDER_HANDLING", null, "1200.01"),
                        org.assertj.core.groups.Tuple.tuple("DELIVERY", "SOUTH", "399.99"),
                        org.assertj.core.groups.Tuple.tuple("MARKETING_AGENT", null, "120.00"));
        assertThat(run.pools()).allSatisfy(p -> assertThat(p.allocated()).isEqualTo(p.amount()));
        assertThat(costByCustomerAndPool(JAN)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("1/1", new BigDecimal("480.01")), Map.entry("2/1", new BigDecimal("240.00")),
                Map.entry("3/1", new BigDecimal("240.00")), Map.entry("4/1", new BigDecimal("240.00")),
                Map.entry("2/2", new BigDecimal("200.00")), Map.entry("4/2", new BigDecimal("199.99")),
                Map.entry("1/3", new BigDecimal("100.00")), Map.entry("2/3", new BigDecimal("200.00")),
                Map.entry("3/3", new BigDecimal("100.00")), Map.entry("4/3", new BigDecimal("100.00")),
                Map.entry("3/4", new BigDecimal("30.00")), Map.entry("4/4", new BigDecimal("90.00"))));
        assertThat(CostingSetup.scalar(db, "SELECT SUM(cost) FROM wl_cost_fact WHERE fact_month = ? AND pool_id > 0",
                JAN.atDay(1))).isEqualByComparingTo("2220.00");

        // listed, exported as a report and as .xlsx
        JsonNode list = anna.ok(200, anna.get(PATH + "?from=2025-01&to=2025-01"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(list.get(0).get("fileName").asText()).isEqualTo("costs-2025-01.csv");
        assertThat(list.get(0).get("user").asText()).isEqualTo("anna");
        assertThat(list.get(0).get("allocatedMonths").toString()).isEqualTo("[]");
        Report report = CostingSetup.report(ctx, "costing.cost-entries");
        List<Object[]> rows = new ArrayList<>();
        report.run(new ReportQuery(Map.of("from", JAN, "to", JAN), java.util.Locale.ENGLISH, "anna"), rows::add);
        assertThat(rows).extracting(r -> r[0], r -> r[1], r -> r[2], r -> r[3], r -> ((Money) r[4]).amount(), r -> r[6])
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ORDER_HANDLING", null, null, "2025-01", new BigDecimal("200.00"), "IMP-1"),
                        org.assertj.core.groups.Tuple.tuple("DELIVERY", null, "SOUTH", "2025-01", new BigDecimal("99.99"), "IMP-2"),
                        org.assertj.core.groups.Tuple.tuple("MARKETING_AGENT", "AGENT", null, "2025-01", new BigDecimal("20.00"), "IMP-3"));
        HttpResponse<byte[]> xlsx = anna.get("reports/costing.cost-entries/xlsx?from=2025-01&to=2025-01");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
        HttpResponse<byte[]> template = anna.get(PATH + "/template");
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(new String(template.body(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
    }

    @Test
    void oneBadRowCommitsNothingAndItsRowAndColumnAreNamed() throws Exception {
        Http anna = Http.as(base, "anna");
        String file = """
                成本池编码,渠道编码,区域编码,期间,金额,币种,参考号,摘要
                ORDER_HANDLING,,,2025-01,10.00,CNY,A-1,好的一行
                NO_SUCH_POOL,,,2025-01,10.00,CNY,A-2,成本池不存在
                DELIVERY,,EAST,2025-02,5.555,CNY,A-3,三位小数
                DELIVERY,,EAST,2025-02,5.00,USD,A-4,外币
                ORDER_HANDLING,,,2025-01,11.00,CNY,A-1,与第2行重复
                ORDER_HANDLING,,,2025-1-15,1.00,CNY,A-5,不是月份
                """;

        HttpResponse<byte[]> r = anna.upload(PATH, "bad.csv", csv(file), true);

        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(400);
        JsonNode error = Http.json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo("costing.import-rejected");
        List<String> problems = new ArrayList<>();
        for (JsonNode d : error.get("details")) {
            if (d.has("row")) {
                problems.add(d.get("row").asInt() + " " + d.get("field").asText());
            }
        }
        assertThat(problems).containsExactlyInAnyOrder("3 成本池编码", "4 金额", "5 币种", "6 参考号", "7 期间");
        assertThat(entries(null)).isEqualByComparingTo("0");
        assertThat(CostingSetup.scalar(db, "SELECT COUNT(*) FROM wl_cost_import")).isEqualByComparingTo("0");

        String workbook = error.get("details").get(0).get("errorWorkbook").asText();
        assertThat(workbook).startsWith("/wanglai/api/" + PATH + "/errors/");
        String rel = workbook.substring("/wanglai/api/".length());
        HttpResponse<byte[]> xlsx = anna.get(rel);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
        // another user does not get it
        assertThat(Http.as(base, "admin").get(rel).statusCode()).isEqualTo(404);
    }

    @Test
    void viewersAndRequestsWithoutCsrfAreRefused() throws Exception {
        Http victor = Http.as(base, "victor");
        assertThat(victor.upload(PATH, "costs.csv", csv(GOOD), true).statusCode()).isEqualTo(403);
        assertThat(victor.get(PATH).statusCode()).isEqualTo(403);
        assertThat(victor.get(PATH + "/template").statusCode()).isEqualTo(403);
        Http anna = Http.as(base, "anna");
        assertThat(anna.upload(PATH, "costs.csv", csv(GOOD), false).statusCode()).isEqualTo(403);
        assertThat(Http.anonymous(base).upload(PATH, "costs.csv", csv(GOOD), false).statusCode()).isEqualTo(401);
        assertThat(entries(null)).isEqualByComparingTo("0");

        long id = anna.ok(200, anna.upload(PATH, "costs.csv", csv(GOOD), true)).get("id").asLong();
        // deleting is for administrators, and needs the CSRF token too
        assertThat(anna.send("DELETE", PATH + "/" + id, null).statusCode()).isEqualTo(403);
        Http admin = Http.as(base, "admin");
        assertThat(admin.call("DELETE", PATH + "/" + id, null, false).statusCode()).isEqualTo(403);
        assertThat(entries("import_id = " + id)).isEqualByComparingTo("3");
    }

    @Test
    void deletingAnImportRemovesItsRowsOnlyInOneGo() throws Exception {
        costing.allocate(JAN, "it");
        Http anna = Http.as(base, "anna");
        long first = anna.ok(200, anna.upload(PATH, "first.csv", csv(GOOD), true)).get("id").asLong();
        long second = anna.ok(200, anna.upload(PATH, "second.csv", csv("""
                Cost pool,Region,Period,Amount,Currency,Reference
                ORDER_HANDLING,,2025-01,50.00,CNY,IMP-9
                """), true)).get("id").asLong();
        assertThat(entries(null)).isEqualByComparingTo("4");

        Http admin = Http.as(base, "admin");
        JsonNode gone = admin.ok(200, admin.send("DELETE", PATH + "/" + first, null));

        assertThat(gone.get("id").asLong()).isEqualTo(first);
        assertThat(gone.get("rows").asInt()).isEqualTo(3);
        assertThat(gone.get("allocatedMonths").toString()).isEqualTo("[\"2025-01\"]");
        assertThat(entries("import_id = " + first)).isEqualByComparingTo("0");
        assertThat(entries("import_id = " + second)).isEqualByComparingTo("1");
        assertThat(CostingSetup.scalar(db, "SELECT COUNT(*) FROM wl_cost_import WHERE id = ?", first)).isEqualByComparingTo("0");
        assertThat(admin.send("DELETE", PATH + "/" + first, null).statusCode()).isEqualTo(404);
        assertThat(admin.send("DELETE", PATH + "/x1", null).statusCode()).isEqualTo(404);

        // the re-run takes in what is left: ORDER_HANDLING 1000.01 + 50.00
        AllocationRun run = costing.allocate(JAN, "it");
        assertThat(run.poolTotal().amount()).isEqualByComparingTo("1950.01");
        assertThat(run.allocated()).isEqualTo(run.poolTotal());
    }

    @Test
    void correctionsAndRepeatedReferencesAreCheckedAgainstTheLedgerAndEarlierImports() throws Exception {
        Http anna = Http.as(base, "anna");
        anna.ok(200, anna.upload(PATH, "first.csv", csv(GOOD), true));

        // a reference imported before for the same scope and month would count twice
        HttpResponse<byte[]> again = anna.upload(PATH, "again.csv", csv(GOOD), true);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(Http.text(again)).contains("IMP-1").contains("imported already");

        // a correction may bring the month's ORDER_HANDLING (1000.01 ledger + 200.00 imported) down to zero, not below
        String below = """
                Cost pool,Period,Amount,Currency,Reference
                ORDER_HANDLING,2025-01,-1200.02,CNY,FIX-1
                """;
        HttpResponse<byte[]> r = anna.upload(PATH, "fix.csv", csv(below), true);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode detail = Http.json(r).get("error").get("details").get(1);
        assertThat(detail.get("row").asInt()).isEqualTo(2);
        assertThat(detail.get("field").asText()).isEqualTo("Amount");
        assertThat(detail.get("message").asText()).contains("below zero").contains("-0.01");
        JsonNode fixed = anna.ok(200, anna.upload(PATH, "fix.csv", csv(below.replace("-1200.02", "-200.01")), true));
        assertThat(new BigDecimal(fixed.get("amount").get("amount").asText())).isEqualByComparingTo("-200.01");
        AllocationRun run = costing.allocate(JAN, "it");
        assertThat(run.pools()).filteredOn(p -> p.poolCode().equals("ORDER_HANDLING")).singleElement()
                .satisfies(p -> assertThat(p.amount().amount()).isEqualByComparingTo("1000.00"));
        assertThat(run.allocated()).isEqualTo(run.poolTotal());
    }

    @Test
    void concurrentCorrectionsCannotTogetherBringAMonthBelowZero() throws Exception {
        // ORDER_HANDLING 2025-01 is 1000.01 in the ledger: any twenty corrections of -50.00 fit, a 21st does not.
        int files = 30;
        List<Http> clients = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            clients.add(Http.as(base, "anna"));
        }
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(files);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < files; i++) {
                Http client = clients.get(i);
                byte[] file = csv("Cost pool,Period,Amount,Currency,Reference\nORDER_HANDLING,2025-01,-50.00,CNY,FIX-" + i + "\n");
                answers.add(pool.submit(() -> {
                    start.await();
                    return client.upload(PATH, "fix-" + file.length + ".csv", file, true).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (java.util.concurrent.Future<Integer> a : answers) {
                statuses.add(a.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(x -> x == 200).as("accepted of " + statuses).hasSize(20);
            assertThat(statuses).filteredOn(x -> x == 400).as("refused of " + statuses).hasSize(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(entries(null)).isEqualByComparingTo("20");
        AllocationRun run = costing.allocate(JAN, "it");
        assertThat(run.pools()).filteredOn(p -> p.poolCode().equals("ORDER_HANDLING")).singleElement()
                .satisfies(p -> assertThat(p.amount().amount()).isEqualByComparingTo("0.01"));
    }

    @Test
    void theShellCommandImportsAFileFromAPathAndDeletesAnImport() throws Exception {
        Path file = Path.of(ctx.getProperty("wanglai.it.hotdeploy.dir")).resolveSibling("shell-costs.csv");
        Files.writeString(file, GOOD, StandardCharsets.UTF_8);
        String commandsClass = "org.wanglai.costing.internal.CostImportCommands";
        TestDatabase.waitUntil(() -> {
            try {
                return ctx.getServiceReferences(commandsClass, null) != null;
            } catch (Exception e) {
                return false;
            }
        }, 30_000, "the cost import commands");
        ServiceReference<?> ref = ctx.getServiceReferences(commandsClass, null)[0];
        Object commands = ctx.getService(ref);
        try {
            Method importFile = commands.getClass().getMethod("costimport", String.class);
            String out = (String) importFile.invoke(commands, file.toString());
            assertThat(out).startsWith("import ").contains("3 entries").contains("319.99 CNY");
            assertThat(entries("file_name = 'shell-costs.csv' AND imported_by = 'gogo'")).isEqualByComparingTo("3");

            String rejected = (String) importFile.invoke(commands, file.toString());
            assertThat(rejected).startsWith("REJECTED, nothing imported").contains("row 2").contains("IMP-1");
            assertThat(entries(null)).isEqualByComparingTo("3");

            long id = CostingSetup.scalar(db, "SELECT MAX(id) FROM wl_cost_import").longValue();
            String deleted = (String) commands.getClass().getMethod("costimportdelete", long.class).invoke(commands, id);
            assertThat(deleted).startsWith("deleted import " + id);
            assertThat(entries(null)).isEqualByComparingTo("0");
        } finally {
            ctx.ungetService(ref);
            Files.deleteIfExists(file);
        }
    }

    @Test
    void theDownloadedTemplateFilledInAsXlsxIsImported() throws Exception {
        Http anna = Http.as(base, "anna");
        HttpResponse<byte[]> template = anna.get(PATH + "/template");
        assertThat(template.statusCode()).isEqualTo(200);
        ByteArrayOutputStream filled = new ByteArrayOutputStream();
        boolean[] headers = { false };
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(template.body()));
                ZipOutputStream out = new ZipOutputStream(filled)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals("xl/sharedStrings.xml")) {
                    String strings = new String(data, StandardCharsets.UTF_8);
                    headers[0] = strings.contains("Cost pool") && strings.contains("Reference");
                }
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    String sheet = new String(data, StandardCharsets.UTF_8);
                    assertThat(sheet).contains("</row></sheetData>");
                    sheet = sheet.replace("</row></sheetData>", "</row><row r=\"2\">" + cell("A2", "SUPPORT")
                            + cell("D2", "2025-01") + "<c r=\"E2\"><v>12.34</v></c>" + cell("F2", "CNY")
                            + cell("G2", "XL-1") + cell("H2", "客服外包") + "</row></sheetData>");
                    data = sheet.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
        assertThat(headers[0]).as("the headers in the user's language (en)").isTrue();

        JsonNode done = anna.ok(200, anna.upload(PATH, "模板-2025-01.xlsx", filled.toByteArray(), true));

        assertThat(done.get("rows").asInt()).isEqualTo(1);
        assertThat(CostingSetup.sums(db, "SELECT pool_id, period, reference, description, file_name, amount FROM wl_cost_import_entry"))
                .containsExactlyEntriesOf(Map.of("3/2025-01-01/XL-1/客服外包/模板-2025-01.xlsx", new BigDecimal("12.34")));
    }

    private static String cell(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }
}
