package org.wanglai.it.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wanglai.it.credit.CreditWeb.json;
import static org.wanglai.it.credit.CreditWeb.text;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.it.support.TestDatabase;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The credit endpoints over HTTP, as the host ERP and the accountants call them: checks on the hand-computed
 * customers C020–C023 of fixtures/credit.sql, login, roles, CSRF, bypass, second-user approval, stop and release,
 * alerts, the customer card and monitor, and the all-or-nothing external score upload.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class CreditWebTest {

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    CreditIt.Env env;
    String base;

    @BeforeEach
    void up() throws Exception {
        env = CreditIt.up(ctx, cm);
        base = CreditWeb.setUp(ctx, cm);
    }

    private CreditWeb.Client as(String user) throws Exception {
        return new CreditWeb.Client(base).loggedIn(user);
    }

    private static Map<String, Object> check(String customer, String type, long documentId, String amount) {
        Map<String, Object> m = new HashMap<>();
        m.put("customer", customer);
        m.put("documentType", type);
        m.put("documentId", documentId);
        m.put("documentNo", type.substring(0, 2) + documentId);
        m.put("amount", new BigDecimal(amount));
        m.put("currency", "CNY");
        return m;
    }

    private static Map<String, Object> bypass(Map<String, Object> check, String reason) {
        Map<String, Object> m = new HashMap<>(check);
        m.put("bypass", true);
        if (reason != null) {
            m.put("bypassReason", reason);
        }
        return m;
    }

    private static JsonNode ok(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        return json(r);
    }

    private static void error(HttpResponse<byte[]> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(text(r)).isEqualTo(status);
        assertThat(json(r).get("error").get("code").asText()).isEqualTo(code);
    }

    private static BigDecimal amount(JsonNode money) {
        return new BigDecimal(money.get("amount").asText());
    }

    private static List<String> reasonCodes(JsonNode decision) {
        List<String> codes = new ArrayList<>();
        decision.get("reasons").forEach(r -> codes.add(r.get("code").asText()));
        return codes;
    }

    private static Object[] logRow(BundleContext ctx, String customer, long checkId) throws Exception {
        return CreditIt.rows(ctx, "credit.check-log", Map.of("customer", customer)).stream()
                .filter(r -> ((Number) r[0]).longValue() == checkId).findFirst()
                .orElseThrow(() -> new AssertionError("check " + checkId + " not in the log"));
    }

    @Test
    void checkAnswersPassWarnBlockOnHandComputedFigures() throws Exception {
        CreditWeb.Client anonymous = new CreditWeb.Client(base);
        error(anonymous.post("credit/check", check("C020", "ORDER", 92001, "1000.00")), 401, "auth.required");

        CreditWeb.Client victor = as("victor");
        // 7000 open + 1000 = 8000, under the watch line 9000 of the limit 10000
        JsonNode pass = ok(victor.post("credit/check", check("C020", "ORDER", 92001, "1000.00")));
        assertThat(pass.get("decision").asText()).isEqualTo("PASS");
        assertThat(pass.get("reasons")).isEmpty();
        assertThat(amount(pass.get("exposure"))).isEqualByComparingTo("8000.00");
        assertThat(amount(pass.get("limit"))).isEqualByComparingTo("10000.00");
        assertThat(pass.get("status").asText()).isEqualTo("OK");
        // + the 1000 reserved by the first order + 1500 = 9500: over 90 % of the limit
        JsonNode warn = ok(victor.post("credit/check", check("C020", "ORDER", 92002, "1500.00")));
        assertThat(warn.get("decision").asText()).isEqualTo("WARN");
        assertThat(reasonCodes(warn)).containsExactly("credit.watch");
        assertThat(warn.get("reasons").get(0).get("message").asText()).contains("9500.00 CNY", "10000.00 CNY", "95.0%");
        assertThat(amount(warn.get("exposure"))).isEqualByComparingTo("9500.00");
        // checking the same order again replaces its reservation: still 9500, not 11000
        JsonNode again = ok(victor.post("credit/check", check("C020", "ORDER", 92002, "1500.00")));
        assertThat(again.get("decision").asText()).isEqualTo("WARN");
        assertThat(amount(again.get("exposure"))).isEqualByComparingTo("9500.00");
        // + 600 = 10100: over the limit by 100
        JsonNode block = ok(victor.post("credit/check", check("C020", "ORDER", 92003, "600.00")));
        assertThat(block.get("decision").asText()).isEqualTo("BLOCK");
        assertThat(block.get("passes").asBoolean()).isFalse();
        assertThat(reasonCodes(block)).containsExactly("credit.would-exceed-limit");
        assertThat(block.get("reasons").get(0).get("message").asText()).contains("10100.00 CNY", "100.00 CNY");
        assertThat(amount(block.get("exposure"))).isEqualByComparingTo("10100.00");

        // C021 is on hold (4000 of 3000): a shipment is blocked, an invoice passes (default rules)
        JsonNode hold = ok(victor.post("credit/check", check("C021", "SHIPMENT", 93001, "500.00")));
        assertThat(hold.get("decision").asText()).isEqualTo("BLOCK");
        assertThat(hold.get("status").asText()).isEqualTo("HOLD");
        assertThat(reasonCodes(hold)).containsExactly("credit.status-hold");
        assertThat(hold.get("reasons").get(0).get("message").asText()).contains("4000.00 CNY", "3000.00 CNY", "1000.00 CNY");
        assertThat(ok(victor.post("credit/check", check("C021", "INVOICE", 93002, "500.00"))).get("decision").asText())
                .isEqualTo("PASS");

        // the host ERP with a signed token: no session, no CSRF token
        HttpResponse<byte[]> erp = anonymous.call("POST", "credit/check", check("C020", "INVOICE", 92010, "100.00"), false,
                "Authorization", "Bearer " + CreditWeb.ssoToken("erp-user", "viewer"));
        assertThat(ok(erp).get("decision").asText()).isEqualTo("PASS");
        // a browser session without its CSRF token changes nothing
        error(victor.call("POST", "credit/check", check("C020", "ORDER", 92004, "1.00"), false), 403, "auth.csrf");

        // bad input names the field; an unknown customer is a 404
        Map<String, Object> bad = check("C020", "LETTER", 92005, "1.00");
        bad.put("currency", "XX");
        HttpResponse<byte[]> invalid = victor.post("credit/check", bad);
        error(invalid, 400, "validation");
        List<String> fields = new ArrayList<>();
        json(invalid).get("error").get("details").forEach(d -> fields.add(d.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("documentType", "currency");
        error(victor.post("credit/check", check("NOPE", "ORDER", 92006, "1.00")), 404, "not-found");

        // every check is logged with the exposure seen
        Object[] logged = logRow(ctx, "C020", block.get("checkId").asLong());
        assertThat(logged[6]).isEqualTo("BLOCK");
        assertThat(logged[7].toString()).isEqualTo("10100.00 CNY");
        assertThat(logged[11]).isEqualTo("victor");
        assertThat(logRow(ctx, "C020", ok(erp).get("checkId").asLong())[11]).isEqualTo("erp-user");
    }

    @Test
    void bypassNeedsTheBypassRoleAndAReasonAndIsLogged() throws Exception {
        Map<String, Object> shipment = check("C021", "SHIPMENT", 93010, "800.00");
        error(as("anna").post("credit/check", bypass(shipment, "urgent delivery")), 403, "credit.bypass-role");
        CreditWeb.Client bea = as("bea");
        HttpResponse<byte[]> noReason = bea.post("credit/check", bypass(shipment, null));
        error(noReason, 400, "validation");
        assertThat(json(noReason).get("error").get("details").get(0).get("field").asText()).isEqualTo("bypassReason");

        JsonNode d = ok(bea.post("credit/check", bypass(shipment, "paid by wire today")));
        assertThat(d.get("decision").asText()).isEqualTo("WARN");
        assertThat(reasonCodes(d)).containsExactly("credit.status-hold", "credit.bypassed");
        assertThat(d.get("reasons").get(1).get("message").asText()).contains("bea", "paid by wire today");
        Object[] logged = logRow(ctx, "C021", d.get("checkId").asLong());
        assertThat(logged[6]).isEqualTo("WARN");
        assertThat(logged[11]).isEqualTo("bea");
        assertThat(logged[12]).isEqualTo("paid by wire today");
    }

    @Test
    void aLimitRaiseWaitsForASecondUserWithTheApproverRole() throws Exception {
        CreditWeb.Client anna = as("anna");
        CreditWeb.Client victor = as("victor");
        Map<String, Object> raise = Map.of("limit", new BigDecimal("150000.00"), "reason", "new framework contract");
        error(victor.post("credit/customers/C023/limit", raise), 403, "auth.forbidden");
        JsonNode pending = ok(anna.post("credit/customers/C023/limit", raise));
        assertThat(pending.get("state").asText()).isEqualTo("PENDING");
        long id = pending.get("requestId").asLong();
        assertThat(id).isPositive();

        JsonNode card = ok(victor.get("credit/customers/C023"));
        assertThat(amount(card.get("limit"))).isEqualByComparingTo("50000.00");
        assertThat(card.get("pendingRequests")).hasSize(1);
        List<String> listed = new ArrayList<>();
        ok(anna.get("credit/limit-requests")).forEach(p -> listed.add(p.get("id").asLong() + "/" + p.get("customer").asText()));
        assertThat(listed).contains(id + "/C023");
        error(victor.get("credit/limit-requests"), 403, "auth.forbidden");
        assertThat(ok(as("carl").get("credit/limit-requests")).findValuesAsText("customer")).contains("C023");

        Map<String, Object> note = Map.of("note", "checked the contract");
        HttpResponse<byte[]> own = anna.post("credit/limit-requests/" + id + "/approve", note);
        error(own, 400, "validation");
        assertThat(json(own).get("error").get("details").get(0).get("field").asText()).isEqualTo("approver");
        error(victor.post("credit/limit-requests/" + id + "/approve", note), 403, "auth.forbidden");
        assertThat(CreditIt.scalarString(env.db(), "SELECT credit_limit FROM erp_customer WHERE id = 23"))
                .startsWith("50000");

        JsonNode applied = ok(as("carl").post("credit/limit-requests/" + id + "/approve", note));
        assertThat(applied.get("state").asText()).isEqualTo("APPLIED");
        assertThat(amount(applied.get("newLimit"))).isEqualByComparingTo("150000.00");
        error(as("carl").post("credit/limit-requests/" + id + "/approve", note), 400, "validation");
        assertThat(CreditIt.scalarString(env.db(), "SELECT credit_limit FROM erp_customer WHERE id = 23"))
                .startsWith("150000");
        JsonNode after = ok(victor.get("credit/customers/C023"));
        assertThat(amount(after.get("limit"))).isEqualByComparingTo("150000.00");
        assertThat(after.get("pendingRequests")).isEmpty();
        JsonNode last = after.get("limitHistory").get(0);
        assertThat(last.get("by").asText()).isEqualTo("anna");
        assertThat(last.get("approvedBy").asText()).isEqualTo("carl");
        assertThat(new BigDecimal(last.get("oldLimit").asText())).isEqualByComparingTo("50000.00");
    }

    @Test
    void stopAndReleaseAreForAccountantsAndRaiseAnAlertToAcknowledge() throws Exception {
        CreditWeb.Client anna = as("anna");
        CreditWeb.Client victor = as("victor");
        Map<String, Object> reason = Map.of("reason", "bankruptcy filing reported");
        error(victor.post("credit/customers/C022/stop", reason), 403, "auth.forbidden");
        error(anna.call("POST", "credit/customers/C022/stop", reason, false), 403, "auth.csrf");
        assertThat(ok(anna.post("credit/customers/C022/stop", reason)).get("status").asText()).isEqualTo("STOP");
        assertThat(CreditIt.scalarString(env.db(), "SELECT credit_status FROM erp_customer WHERE id = 22")).isEqualTo("S");

        JsonNode card = ok(victor.get("credit/customers/C022"));
        assertThat(card.get("status").asText()).isEqualTo("STOP");
        assertThat(card.get("statusHistory").get(0).get("to").asText()).isEqualTo("S");
        assertThat(card.get("statusHistory").get(0).get("by").asText()).isEqualTo("anna");
        JsonNode blocked = ok(victor.post("credit/check", check("C022", "INVOICE", 94001, "100.00")));
        assertThat(blocked.get("decision").asText()).isEqualTo("BLOCK");
        assertThat(reasonCodes(blocked)).containsExactly("credit.status-stop");

        TestDatabase.waitUntil(() -> alertOf(victor, "C022") != null, 10_000, "the status alert of C022");
        JsonNode alert = alertOf(victor, "C022");
        assertThat(alert.get("type").asText()).isEqualTo("STATUS");
        long alertId = alert.get("id").asLong();
        error(victor.post("credit/alerts/" + alertId + "/acknowledge", Map.of()), 403, "auth.forbidden");
        assertThat(ok(anna.post("credit/alerts/" + alertId + "/acknowledge", Map.of())).get("acknowledged").asLong())
                .isEqualTo(alertId);
        List<Long> open = new ArrayList<>();
        ok(victor.get("credit/alerts")).forEach(a -> open.add(a.get("id").asLong()));
        assertThat(open).doesNotContain(alertId);
        error(anna.post("credit/alerts/" + alertId + "/acknowledge", Map.of()), 404, "not-found");

        assertThat(ok(anna.post("credit/customers/C022/release", Map.of("reason", "filing withdrawn"))).get("status")
                .asText()).isEqualTo("OK");
        assertThat(ok(victor.post("credit/check", check("C022", "INVOICE", 94002, "100.00"))).get("decision").asText())
                .isEqualTo("PASS");
    }

    private static JsonNode alertOf(CreditWeb.Client client, String customer) {
        try {
            for (JsonNode a : ok(client.get("credit/alerts"))) {
                if (customer.equals(a.get("customer").asText())) {
                    return a;
                }
            }
            return null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theCardAndTheMonitorShowTheHandComputedExposureAndScore() throws Exception {
        CreditWeb.Client victor = as("victor");
        JsonNode card = ok(victor.get("credit/customers/C021"));
        assertThat(card.get("customer").get("name").asText()).isEqualTo("Web hold customer");
        assertThat(card.get("status").asText()).isEqualTo("HOLD");
        assertThat(amount(card.get("limit"))).isEqualByComparingTo("3000.00");
        assertThat(amount(card.get("exposure").get("receivables"))).isEqualByComparingTo("4000.00");
        assertThat(amount(card.get("exposure").get("openOrders"))).isEqualByComparingTo("0.00");
        assertThat(amount(card.get("exposure").get("total"))).isEqualByComparingTo("4000.00");
        assertThat(new BigDecimal(card.get("utilisation").asText())).isEqualByComparingTo("1.3333");
        assertThat(card.get("oldestOverdueDays").asInt()).isZero();

        JsonNode monitor = ok(victor.call("GET", "credit/customers?status=HOLD&code=C02", null, false));
        assertThat(monitor.get("matched").asInt()).isEqualTo(1);
        assertThat(monitor.get("customers").get(0).get("code").asText()).isEqualTo("C021");
        assertThat(monitor.get("customers").get(0).get("name").asText()).isEqualTo("Web hold customer");
        error(victor.call("GET", "credit/customers?status=MAYBE", null, false), 400, "validation");
        error(victor.get("credit/customers/NOPE"), 404, "not-found");

        // C013's score computed by hand in fixtures/credit.sql: DSO 91.3, average days late 10.0, worst 30
        error(victor.post("credit/customers/C013/score", Map.of()), 403, "auth.forbidden");
        assertThat(ok(as("anna").post("credit/customers/C013/score", Map.of())).get("scored").asInt()).isEqualTo(1);
        JsonNode score = ok(victor.get("credit/customers/C013")).get("score");
        assertThat(score.get("grade").asText()).isEqualTo("C");
        Map<String, JsonNode> factors = new HashMap<>();
        score.get("factors").forEach(f -> factors.put(f.get("id").asText(), f));
        assertThat(new BigDecimal(factors.get("dso").get("value").asText())).isEqualByComparingTo("91.3");
        assertThat(new BigDecimal(factors.get("late").get("value").asText())).isEqualByComparingTo("10.0");
        assertThat(new BigDecimal(factors.get("worst").get("value").asText())).isEqualByComparingTo("30");
        assertThat(factors.get("dso").get("label").asText()).isEqualTo("Days sales outstanding");
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode f : score.get("factors")) {
            if (!f.get("contribution").isNull()) {
                sum = sum.add(new BigDecimal(f.get("contribution").asText()));
            }
        }
        assertThat(sum).as("the contributions add up to the score")
                .isCloseTo(new BigDecimal(score.get("score").asText()), org.assertj.core.data.Offset.offset(new BigDecimal("0.2")));
    }

    @Test
    void anExternalScoreFileWithABadRowIsRejectedWholeWithAnErrorWorkbook() throws Exception {
        CreditWeb.Client anna = as("anna");
        byte[] bad = ("Customer code,Score,Agency,Score date\n"
                + "C020,75,Dun,2026-06-01\n"
                + "NOPE,80,Dun,2026-06-01\n").getBytes(StandardCharsets.UTF_8);
        error(as("victor").upload("credit/external-scores", "scores.csv", bad), 403, "auth.forbidden");
        HttpResponse<byte[]> rejected = anna.upload("credit/external-scores", "scores.csv", bad);
        error(rejected, 400, "credit.import-rejected");
        JsonNode details = json(rejected).get("error").get("details");
        String workbook = details.get(0).get("errorWorkbook").asText();
        assertThat(details.get(1).get("row").asInt()).isEqualTo(3);
        assertThat(details.get(1).get("field").asText()).isEqualTo("Customer code");
        assertThat(details.get(1).get("message").asText()).contains("NOPE");
        assertThat(details).hasSize(2);
        assertThat(CreditIt.scalarLong(env.db(), "SELECT COUNT(*) FROM wl_cr_external_score WHERE customer_id = 20"))
                .as("nothing stored").isZero();

        String path = workbook.substring("/wanglai/api/".length());
        HttpResponse<byte[]> download = anna.get(path);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains(".xlsx");
        assertThat(new String(download.body(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
        error(as("bea").get(path), 404, "credit.no-error-workbook");
        HttpResponse<byte[]> template = anna.get("credit/external-scores/template");
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(new String(template.body(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");

        byte[] good = ("Customer code,Score,Agency,Score date\nC020,75,Dun,2026-06-01\n").getBytes(StandardCharsets.UTF_8);
        assertThat(ok(anna.upload("credit/external-scores", "scores.csv", good)).get("imported").asInt()).isEqualTo(1);
        assertThat(CreditIt.scalarLong(env.db(), "SELECT COUNT(*) FROM wl_cr_external_score WHERE customer_id = 20"))
                .isEqualTo(1);
    }

    private static List<String> fields(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).as(text(r)).isEqualTo(400);
        JsonNode error = json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo("validation");
        List<String> fields = new ArrayList<>();
        error.get("details").forEach(d -> fields.add(d.get("field").asText()));
        return fields;
    }

    private static Map<String, Object> category(String limit, String currency, String watch, boolean noCheck,
            String reason) {
        Map<String, Object> m = new HashMap<>();
        m.put("defaultLimit", limit == null ? null : new BigDecimal(limit));
        m.put("currency", currency);
        m.put("watchPercent", watch == null ? null : new BigDecimal(watch));
        m.put("noCheck", noCheck);
        m.put("reason", reason);
        return m;
    }

    private static JsonNode categoryOf(CreditWeb.Client client, String code) throws Exception {
        for (JsonNode c : ok(client.get("credit/settings/categories"))) {
            if (code.equals(c.get("code").asText())) {
                return c;
            }
        }
        throw new AssertionError("category " + code + " not listed");
    }

    @Test
    void adminsSetCategoryDefaultsAndNoCheckAndEveryChangeIsInTheHistory() throws Exception {
        CreditWeb.Client admin = as("admin");
        CreditWeb.Client anna = as("anna");
        CreditWeb.Client victor = as("victor");
        Map<String, Object> online = category("500", "CNY", "80", false, "online shop default limit");

        error(victor.get("credit/settings/categories"), 403, "auth.forbidden");
        error(anna.get("credit/settings/categories"), 403, "auth.forbidden");
        error(anna.post("credit/settings/categories/04", online), 403, "auth.forbidden");
        error(victor.post("credit/settings/customers/C031/no-check", Map.of("noCheck", true, "reason", "x")), 403,
                "auth.forbidden");
        error(admin.call("POST", "credit/settings/categories/04", online, false), 403, "auth.csrf");

        // C031 has no limit of its own and its category no default yet: not checked, and the answer says so
        JsonNode free = ok(victor.post("credit/check", check("C031", "ORDER", 95001, "100000.00")));
        assertThat(free.get("decision").asText()).isEqualTo("PASS");
        assertThat(free.get("status").asText()).isEqualTo("NO_CHECK");
        assertThat(reasonCodes(free)).containsExactly("credit.not-checked");

        JsonNode set = ok(admin.post("credit/settings/categories/04", online));
        assertThat(amount(set.get("defaultLimit"))).isEqualByComparingTo("500.00");
        assertThat(set.get("defaultLimit").get("currency").asText()).isEqualTo("CNY");
        assertThat(new BigDecimal(set.get("watchPercent").asText())).isEqualByComparingTo("80");
        assertThat(set.get("changedBy").asText()).isEqualTo("admin");
        assertThat(categoryOf(admin, "04").get("reason").asText()).isEqualTo("online shop default limit");

        // now checked against the category default: 800 open > 500, over by 300
        JsonNode blocked = ok(victor.post("credit/check", check("C031", "ORDER", 95002, "100.00")));
        assertThat(blocked.get("decision").asText()).isEqualTo("BLOCK");
        assertThat(blocked.get("status").asText()).isEqualTo("HOLD");
        assertThat(amount(blocked.get("limit"))).isEqualByComparingTo("500.00");
        assertThat(reasonCodes(blocked)).contains("credit.status-hold", "credit.would-exceed-limit");
        assertThat(blocked.get("reasons").get(0).get("message").asText()).contains("300.00");
        assertThat(CreditIt.scalarString(env.db(), "SELECT credit_status FROM erp_customer WHERE id = 31"))
                .isEqualTo("H");

        // bad input names the field and changes nothing
        assertThat(fields(admin.post("credit/settings/categories/04", category("500", "CNY", "150", false, "typo"))))
                .containsExactly("watchPercent");
        assertThat(fields(admin.post("credit/settings/categories/04", category("500", "CNY", "0", false, "typo"))))
                .containsExactly("watchPercent");
        assertThat(fields(admin.post("credit/settings/categories/99", online))).containsExactly("category");
        assertThat(fields(admin.post("credit/settings/categories/04", category("-1", "YEN", null, false, " "))))
                .containsExactlyInAnyOrder("defaultLimit", "currency", "reason");
        assertThat(fields(admin.post("credit/settings/categories/04", category("500", null, null, false, "no currency"))))
                .containsExactly("currency");
        assertThat(fields(admin.post("credit/settings/customers/C031/no-check", Map.of("reason", "missing flag"))))
                .containsExactly("noCheck");
        assertThat(new BigDecimal(categoryOf(admin, "04").get("watchPercent").asText())).isEqualByComparingTo("80");
        error(admin.post("credit/settings/customers/NOPE/no-check", Map.of("noCheck", true, "reason", "x")), 404,
                "not-found");

        // the customer marked "no check" passes any amount, with the reason that it is not checked
        JsonNode marked = ok(admin.post("credit/settings/customers/C031/no-check",
                Map.of("noCheck", true, "reason", "prepaid customer")));
        assertThat(marked.get("status").asText()).isEqualTo("NO_CHECK");
        JsonNode passes = ok(victor.post("credit/check", check("C031", "ORDER", 95003, "99999999.00")));
        assertThat(passes.get("decision").asText()).isEqualTo("PASS");
        assertThat(reasonCodes(passes)).containsExactly("credit.not-checked");
        assertThat(passes.get("reasons").get(0).get("message").asText()).containsIgnoringCase("not credit-checked");

        // checked again, then the whole category is marked "no check"
        ok(admin.post("credit/settings/customers/C031/no-check", Map.of("noCheck", false, "reason", "prepayment ended")));
        assertThat(ok(victor.post("credit/check", check("C031", "ORDER", 95004, "1.00"))).get("decision").asText())
                .isEqualTo("BLOCK");
        ok(admin.post("credit/settings/categories/04", category("500", "CNY", "80", true, "online shop prepaid")));
        JsonNode byCategory = ok(victor.post("credit/check", check("C031", "ORDER", 95005, "99999999.00")));
        assertThat(byCategory.get("decision").asText()).isEqualTo("PASS");
        assertThat(reasonCodes(byCategory)).containsExactly("credit.not-checked");

        // who, when, why of every change, newest first
        List<String> history = new ArrayList<>();
        for (JsonNode h : ok(admin.get("credit/settings/history?max=20"))) {
            if ("C031".equals(h.get("code").asText()) || "04".equals(h.get("code").asText())) {
                assertThat(h.get("by").asText()).isEqualTo("admin");
                assertThat(h.get("at").asText()).isNotBlank();
                history.add(h.get("subject").asText() + " " + h.get("code").asText() + " " + h.get("setting").asText()
                        + " " + h.get("oldValue").asText() + " -> " + h.get("newValue").asText() + ": "
                        + h.get("reason").asText());
            }
        }
        assertThat(history).containsExactly(
                "CATEGORY 04 noCheck false -> true: online shop prepaid",
                "CUSTOMER C031 noCheck true -> false: prepayment ended",
                "CUSTOMER C031 noCheck false -> true: prepaid customer",
                "CATEGORY 04 watchPercent  -> 80: online shop default limit",
                "CATEGORY 04 defaultLimit  -> 500 CNY: online shop default limit");
        error(victor.get("credit/settings/history"), 403, "auth.forbidden");
    }
}
