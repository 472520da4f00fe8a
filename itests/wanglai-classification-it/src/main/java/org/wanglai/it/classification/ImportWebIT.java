package org.wanglai.it.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.it.support.TestDatabase;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The tree and assignment imports over HTTP: a good file commits every row, one bad row commits nothing and names its
 * row and column (with an error workbook to download), an export re-imported changes nothing, viewers get 403.
 * The tree import adds its own top-level node 09 so that the fixture's nodes keep their counts.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportWebIT {
    @InjectBundleContext
    BundleContext ctx;

    String base;

    @BeforeEach
    void setUp(@InjectService ConfigurationAdmin cm) throws Exception {
        Capability.ensure(ctx, cm);
        base = Http.setUp(ctx, cm);
        TestDatabase.waitUntil(() -> Capability.service(ctx, ApiEndpoint.class,
                "(component.name=org.wanglai.classification.internal.web.AssignmentImportEndpoint)") != null, 30_000,
                "the classification import endpoints");
    }

    private static byte[] csv(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private List<Object[]> export(String reportId) {
        Report r = Capability.report(ctx, reportId);
        assertThat(r).as(reportId).isNotNull();
        List<Object[]> rows = new ArrayList<>();
        r.run(new ReportQuery(Map.of(), Locale.ENGLISH, "tester"), rows::add);
        return rows;
    }

    private static String cell(Object o) {
        String s = o == null ? "" : o.toString();
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** "row/column" of each problem of a rejected file (the first detail is the error workbook link). */
    private static List<String> rowsAndColumns(JsonNode details) {
        List<String> where = new ArrayList<>();
        for (int i = 1; i < details.size(); i++) {
            where.add(details.get(i).get("row").asInt() + "/" + details.get(i).get("field").asText());
        }
        return where;
    }

    private Map<String, Object[]> treeByCode() {
        Map<String, Object[]> out = new java.util.TreeMap<>();
        export("classification.tree").forEach(r -> out.put((String) r[0], r));
        return out;
    }

    @Test
    @Order(1)
    void viewersAndAccountantsCannotImportTheTreeViewersNoAssignments() throws Exception {
        byte[] file = csv("Code,Chinese name,English name,Parent code", "09,测试,Test,");
        Http victor = Http.as(base, "victor");
        assertThat(victor.upload("classification/tree-import", "t.csv", file).statusCode()).isEqualTo(403);
        assertThat(victor.upload("classification/assignment-import", "a.csv",
                csv("Customer code,Category code", "A001,0101")).statusCode()).isEqualTo(403);
        Http anna = Http.as(base, "anna");
        assertThat(anna.upload("classification/tree-import", "t.csv", file).statusCode()).isEqualTo(403);
        Http admin = Http.as(base, "admin");
        String csrf = admin.csrf;
        admin.csrf = null;
        assertThat(admin.upload("classification/tree-import", "t.csv", file).statusCode()).as("no CSRF token")
                .isEqualTo(403);
        admin.csrf = csrf;
        assertThat(treeByCode()).doesNotContainKey("09");
    }

    @Test
    @Order(2)
    void aBadTreeRowCommitsNothingAndNamesRowAndColumn() throws Exception {
        Http admin = Http.as(base, "admin");
        Map<String, Object[]> before = treeByCode();
        HttpResponse<byte[]> r = admin.upload("classification/tree-import", "tree.csv", csv(
                "Code,Chinese name,English name,Parent code",
                "09,测试,Test,",
                "0901,测试一,Test one,09",
                "09021,坏编码,Bad code,09",
                "0903,测试三,Test three,01"));
        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(400);
        JsonNode details = Http.json(r).at("/error/details");
        assertThat(details.get(0).get("errorWorkbook").asText()).startsWith("/wanglai/api/classification/tree-import/errors/");
        List<String> where = rowsAndColumns(details);
        assertThat(where).containsExactlyInAnyOrder("4/code", "5/parent");
        assertThat(treeByCode().keySet()).isEqualTo(before.keySet());
        String workbook = details.get(0).get("errorWorkbook").asText().substring("/wanglai/api/".length());
        HttpResponse<byte[]> wb = admin.get(workbook);
        assertThat(wb.statusCode()).isEqualTo(200);
        assertThat(wb.body()).startsWith((byte) 'P', (byte) 'K');
        assertThat(Http.as(base, "anna").get(workbook).statusCode()).as("another user's workbook").isIn(403, 404);
    }

    @Test
    @Order(3)
    void aGoodTreeFileCommitsEveryRowParentsLaterInTheFileToo() throws Exception {
        Http admin = Http.as(base, "admin");
        HttpResponse<byte[]> r = admin.upload("classification/tree-import", "tree.csv", csv(
                "Code,Chinese name,English name,Parent code",
                "0901,测试一,Test one,09",
                "09,测试,Test,",
                "0902,测试二,,"));
        JsonNode ok = admin.ok(200, r);
        assertThat(ok.get("imported").asInt()).isEqualTo(3);
        Map<String, Object[]> tree = treeByCode();
        assertThat(tree.get("09")[1]).isEqualTo("测试");
        assertThat(tree.get("0901")[3]).isEqualTo("09");
        assertThat(tree.get("0902")[2]).isNull();
        // A rename of an existing node.
        admin.ok(200, admin.upload("classification/tree-import", "tree.csv",
                csv("分类编码,中文名称,英文名称", "0902,测试二改,Test two")));
        assertThat(treeByCode().get("0902")[1]).isEqualTo("测试二改");
    }

    @Test
    @Order(4)
    void theTreeExportReimportsWithoutChange() throws Exception {
        Http admin = Http.as(base, "admin");
        List<String> lines = new ArrayList<>(List.of("Code,Chinese name,English name,Parent code,Customers"));
        Map<String, Object[]> before = treeByCode();
        before.values().forEach(r -> lines.add(cell(r[0]) + "," + cell(r[1]) + "," + cell(r[2]) + "," + cell(r[3]) + "," + r[4]));
        JsonNode ok = admin.ok(200, admin.upload("classification/tree-import", "export.csv", csv(lines.toArray(String[]::new))));
        assertThat(ok.get("imported").asInt()).isZero();
        Map<String, Object[]> after = treeByCode();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((k, v) -> assertThat(after.get(k)).as(k).containsExactly(v));
    }

    @Test
    @Order(5)
    void assignmentsAllOrNothingWithHistoryAndANoOpReimport() throws Exception {
        Http anna = Http.as(base, "anna");
        Map<String, Object[]> before = treeByCode();
        HttpResponse<byte[]> bad = anna.upload("classification/assignment-import", "assign.csv", csv(
                "Customer code,Category code,Dimension,Value,Locked",
                "A001,0901,,,",
                "ZZ99,0901,,,",
                "B002,09,,,",
                "C003,,no_such_dimension,X,",
                "D004,,value_tier,NO_SUCH_VALUE,N"));
        assertThat(bad.statusCode()).as(Http.text(bad)).isEqualTo(400);
        JsonNode details = Http.json(bad).at("/error/details");
        List<String> where = rowsAndColumns(details);
        // The unknown customer is the framework's finding, named by the header as written in the file.
        assertThat(where).containsExactlyInAnyOrder("3/Customer code", "4/category", "5/dimension", "6/value");
        assertThat(treeByCode().get("0901")[4]).isEqualTo(before.get("0901")[4]);

        // Good: A001 moves to 0901 and back to its fixture category in a second file; each writes history.
        Http viewer = Http.as(base, "victor");
        JsonNode card = viewer.ok(200, viewer.get("classification/customers/A001/history"));
        int historyBefore = card.size();
        JsonNode ok = anna.ok(200, anna.upload("classification/assignment-import", "move.csv",
                csv("客户编码,分类编码", "A001,0901")));
        assertThat(ok.get("imported").asInt()).isEqualTo(1);
        assertThat(treeByCode().get("0901")[4]).isEqualTo(1L);
        JsonNode history = viewer.ok(200, viewer.get("classification/customers/A001/history"));
        assertThat(history.size()).isEqualTo(historyBefore + 1);
        assertThat(history.toString()).contains("import move.csv").contains("anna");

        List<String> lines = new ArrayList<>(List.of("Customer code,Category code,Dimension,Value,Locked"));
        export("classification.assignments").forEach(r -> lines.add(cell(r[0]) + "," + cell(r[1]) + "," + cell(r[2])
                + "," + cell(r[3]) + "," + cell(r[4])));
        assertThat(lines).contains("A001,0901,,,N");
        JsonNode again = anna.ok(200, anna.upload("classification/assignment-import", "export.csv",
                csv(lines.toArray(String[]::new))));
        assertThat(again.get("imported").asInt()).isZero();
        assertThat(viewer.ok(200, viewer.get("classification/customers/A001/history")).size()).isEqualTo(historyBefore + 1);

        anna.ok(200, anna.upload("classification/assignment-import", "back.csv", csv("Customer code,Category code", "A001,0101")));
        assertThat(treeByCode().get("0901")[4]).isEqualTo(0L);
    }

    @Test
    @Order(6)
    void theExcelExportsUploadedAsTheyAreChangeNothing() throws Exception {
        Http admin = Http.as(base, "admin");
        for (String[] pair : new String[][] { { "classification.tree", "classification/tree-import" },
                { "classification.assignments", "classification/assignment-import" } }) {
            HttpResponse<byte[]> xlsx = admin.get("reports/" + pair[0] + "/xlsx");
            assertThat(xlsx.statusCode()).as(pair[0]).isEqualTo(200);
            assertThat(xlsx.body()).startsWith((byte) 'P', (byte) 'K');
            // the export's title and parameter rows above the header are skipped by the import
            JsonNode ok = admin.ok(200, admin.upload(pair[1], pair[0] + ".xlsx", xlsx.body()));
            assertThat(ok.get("imported").asInt()).as(pair[0]).isZero();
        }
    }
}
