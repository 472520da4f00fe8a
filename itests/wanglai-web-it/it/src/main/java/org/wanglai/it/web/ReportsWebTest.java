package org.wanglai.it.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wanglai.it.web.Browser.json;
import static org.wanglai.it.web.Browser.text;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.report.ReportExporter;
import org.wanglai.it.support.TestDatabase;

import com.fasterxml.jackson.databind.JsonNode;

/** The generic report API over the sample report on the tiny demo data, its Excel download and hot removal. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class ReportsWebTest {

    static final String REPORT = "web.sample.revenue-by-region";

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    HostDatabase db;
    String base;

    @BeforeEach
    void setUp() throws Exception {
        db = Platform.setUp(ctx, cm);
        base = Platform.base(ctx);
    }

    Browser viewer() throws Exception {
        return new Browser(base).loggedIn("victor", Platform.password("victor"));
    }

    /** region code + currency -> {invoices, revenue}, straight from the host tables. */
    Map<String, Object[]> expected() throws Exception {
        Map<String, Object[]> m = new LinkedHashMap<>();
        String sql = "SELECT r.code, i.currency, COUNT(*), SUM(i.grand_total) FROM " + db.relations().get("wl.invoice")
                + " i JOIN " + db.relations().get("wl.region") + " r ON r.id = i.region_id GROUP BY r.code, i.currency";
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                m.put(rs.getString(1) + "/" + rs.getString(2).trim(), new Object[] {rs.getLong(3), rs.getBigDecimal(4)});
            }
        }
        assertThat(m).as("the tiny data set has invoices in several regions").hasSizeGreaterThan(2);
        return m;
    }

    JsonNode data(Browser b, String query) throws Exception {
        HttpResponse<byte[]> r = b.call("GET", "reports/" + REPORT + "/data" + query, null, false);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        return json(r);
    }

    static String key(JsonNode row) {
        return row.get(0).asText() + "/" + row.get(3).get("currency").asText();
    }

    @Test
    void reportsAreListedWithTheirDefinitionInTheUsersLanguage() throws Exception {
        Browser b = viewer();
        JsonNode list = json(b.call("GET", "reports", null, false)).get("reports");
        JsonNode sample = null;
        for (JsonNode r : list) {
            if (r.get("id").asText().equals(REPORT)) {
                sample = r;
            }
        }
        assertThat(sample).isNotNull();
        assertThat(sample.get("title").asText()).isEqualTo("Revenue by region");
        assertThat(sample.get("chart").get("type").asText()).isEqualTo("BAR");
        assertThat(sample.get("parameters").get(0).get("type").asText()).isEqualTo("DATE");
        assertThat(sample.get("columns").get(3).get("type").asText()).isEqualTo("MONEY");
        b.call("PUT", "session/locale", Map.of("locale", "zh-CN"), true);
        assertThat(json(b.call("GET", "reports/" + REPORT, null, false)).get("title").asText()).isEqualTo("各区域收入");
        assertThat(b.call("GET", "reports/no.such-report", null, false).statusCode()).isEqualTo(404);
    }

    @Test
    void rowsAndTotalsMatchTheDatabase() throws Exception {
        Map<String, Object[]> expected = expected();
        JsonNode page = data(viewer(), "?limit=1000");
        assertThat(page.get("total").asLong()).isEqualTo(expected.size());
        Map<String, Object[]> actual = new LinkedHashMap<>();
        for (JsonNode row : page.get("rows")) {
            actual.put(key(row), new Object[] {row.get(2).asLong(), row.get(3).get("amount").decimalValue()});
        }
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((k, v) -> {
            assertThat(actual.get(k)[0]).as(k).isEqualTo(v[0]);
            assertThat((BigDecimal) actual.get(k)[1]).as(k).isEqualByComparingTo((BigDecimal) v[1]);
        });
        long invoices = expected.values().stream().mapToLong(v -> (Long) v[0]).sum();
        assertThat(page.get("totalsRow").get(2).asLong()).isEqualTo(invoices);
    }

    @Test
    void pagingSortingAndFilteringAreDoneOnTheServer() throws Exception {
        Browser b = viewer();
        JsonNode all = data(b, "?limit=1000").get("rows");
        JsonNode page = data(b, "?offset=1&limit=2");
        assertThat(page.get("rows")).hasSize(2);
        assertThat(page.get("rows").get(0)).isEqualTo(all.get(1));
        assertThat(page.get("rows").get(1)).isEqualTo(all.get(2));
        assertThat(page.get("total").asLong()).isEqualTo(all.size());

        List<JsonNode> byRevenue = new ArrayList<>();
        all.forEach(byRevenue::add);
        byRevenue.sort(Comparator.comparing((JsonNode r) -> r.get(3).get("currency").asText())
                .thenComparing(r -> r.get(3).get("amount").decimalValue()).reversed());
        JsonNode top = data(b, "?sort=revenue&dir=desc&limit=3").get("rows");
        for (int i = 0; i < 3; i++) {
            assertThat(top.get(i)).isEqualTo(byRevenue.get(i));
        }
        JsonNode asc = data(b, "?sort=invoices&dir=asc&limit=1000").get("rows");
        for (int i = 1; i < asc.size(); i++) {
            assertThat(asc.get(i).get(2).asLong()).isGreaterThanOrEqualTo(asc.get(i - 1).get(2).asLong());
        }

        String code = all.get(0).get(0).asText();
        JsonNode filtered = data(b, "?filter=" + code.toLowerCase());
        long expectedCount = 0;
        for (JsonNode r : all) {
            for (JsonNode cell : r) {
                if ((cell.isObject() ? cell.get("amount").asText() : cell.asText()).toLowerCase().contains(code.toLowerCase())) {
                    expectedCount++;
                    break;
                }
            }
        }
        assertThat(filtered.get("total").asLong()).isEqualTo(expectedCount).isPositive();
        filtered.get("rows").forEach(r -> assertThat(r.toString().toLowerCase()).contains(code.toLowerCase()));
        assertThat(data(b, "?filter=no-such-thing-anywhere").get("total").asLong()).isZero();
    }

    @Test
    void badSortColumnsParametersAndPagingAre400sNamingTheCulprit() throws Exception {
        Browser b = viewer();
        HttpResponse<byte[]> sort = b.call("GET", "reports/" + REPORT + "/data?sort=grand_total;drop", null, false);
        assertThat(sort.statusCode()).isEqualTo(400);
        assertThat(json(sort).get("error").get("code").asText()).isEqualTo("report.sort");
        assertThat(json(sort).get("error").get("message").asText()).contains("code, region, invoices, revenue");

        HttpResponse<byte[]> date = b.call("GET", "reports/" + REPORT + "/data?from=2026-13-01", null, false);
        assertThat(date.statusCode()).isEqualTo(400);
        assertThat(json(date).get("error").get("details").get(0).get("field").asText()).isEqualTo("from");

        HttpResponse<byte[]> order = b.call("GET", "reports/" + REPORT + "/data?from=2026-06-30&to=2026-01-01", null, false);
        assertThat(order.statusCode()).as("the report's own validation").isEqualTo(400);
        assertThat(json(order).get("error").get("details").get(0).get("field").asText()).isEqualTo("to");

        assertThat(b.call("GET", "reports/" + REPORT + "/data?limit=0", null, false).statusCode()).isEqualTo(400);
        assertThat(b.call("GET", "reports/" + REPORT + "/data?dir=sideways", null, false).statusCode()).isEqualTo(400);
        assertThat(b.call("GET", "reports/" + REPORT + "/data?from=2000-01-01&to=2000-01-31", null, false).statusCode())
                .as("a period without invoices is an empty page, not an error").isEqualTo(200);
    }

    @Test
    void excelDownloadHasTheSameRowsAsTheJson() throws Exception {
        Browser b = viewer();
        org.osgi.util.tracker.ServiceTracker<ReportExporter, ReportExporter> exporter =
                new org.osgi.util.tracker.ServiceTracker<>(ctx, ReportExporter.class, null);
        exporter.open();
        boolean present = exporter.waitForService(10_000) != null;
        exporter.close();
        HttpResponse<byte[]> r = b.call("GET", "reports/" + REPORT + "/xlsx", null, false);
        if (!present) {
            assertThat(r.statusCode()).isEqualTo(503);
            return;
        }
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(ReportExporter.CONTENT_TYPE);
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;").contains("filename*=UTF-8''");

        JsonNode json = data(b, "?limit=1000");
        Map<String, List<List<String>>> sheets = Xlsx.read(r.body());
        List<List<String>> rows = null;
        int header = -1;
        for (List<List<String>> sheet : sheets.values()) {
            for (int i = 0; i < sheet.size(); i++) {
                if (sheet.get(i).size() >= 4 && sheet.get(i).get(0).equals("Region code") && sheet.get(i).get(3).startsWith("Revenue")) {
                    rows = sheet;
                    header = i;
                }
            }
        }
        assertThat(rows).as("a sheet with the report's header row; sheets: " + sheets).isNotNull();
        Map<String, List<String>> byCode = new LinkedHashMap<>();
        for (int i = header + 1; i < header + 1 + json.get("total").asInt(); i++) {
            byCode.merge(rows.get(i).get(0), rows.get(i), (x, y) -> {
                throw new AssertionError("one currency per region expected in the tiny data: " + x + " / " + y);
            });
        }
        for (JsonNode row : json.get("rows")) {
            List<String> x = byCode.get(row.get(0).asText());
            assertThat(x).as(row.toString()).isNotNull();
            assertThat(x.get(1)).isEqualTo(row.get(1).asText());
            assertThat(new BigDecimal(x.get(2))).isEqualByComparingTo(row.get(2).decimalValue());
            assertThat(new BigDecimal(x.get(3))).isEqualByComparingTo(row.get(3).get("amount").decimalValue());
        }
        assertThat(byCode).hasSize(json.get("rows").size());
    }

    @Test
    void aStoppedCapabilityVanishesAndComesBackWhileTheShellKeepsServing() throws Exception {
        Browser b = viewer();
        Bundle sample = java.util.Arrays.stream(ctx.getBundles())
                .filter(x -> x.getSymbolicName().equals("wanglai-web-sample")).findFirst().orElseThrow();
        assertThat(b.get("/pages/web-sample.js").statusCode()).isEqualTo(200);
        assertThat(text(b.get("/pages/web-sample.js"))).contains("export async function render");
        assertThat(json(b.call("GET", "pages", null, false)).toString()).contains("web-sample");
        sample.stop();
        try {
            assertThat(text(b.call("GET", "reports", null, false))).doesNotContain(REPORT);
            assertThat(b.call("GET", "reports/" + REPORT + "/data", null, false).statusCode()).isEqualTo(404);
            assertThat(b.call("GET", "sample/echo", null, false).statusCode()).isEqualTo(404);
            assertThat(json(b.call("GET", "pages", null, false)).toString()).doesNotContain("web-sample");
            assertThat(b.get("/pages/web-sample.js").statusCode()).isEqualTo(404);
            assertThat(b.get("/").statusCode()).isEqualTo(200);
            assertThat(b.call("GET", "session", null, false).statusCode()).as("sessions survive").isEqualTo(200);
        } finally {
            sample.start();
        }
        TestDatabase.waitUntil(() -> {
            try {
                return text(b.call("GET", "reports", null, false)).contains(REPORT);
            } catch (Exception e) {
                return false;
            }
        }, 20_000, "the sample report to come back");
        assertThat(data(b, "").get("total").asLong()).isPositive();
    }
}
