package org.wanglai.it.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.it.support.TestDatabase;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The classification JSON API over HTTP through the real web platform (sessions, roles, CSRF) on the hand-computed
 * fixture: every endpoint needs a login, viewers read but cannot run or configure, an invalid rule is rejected with
 * its place and character position, and an apply writes exactly the previewed moves with their audit history (a
 * preview that no longer matches the data is refused).
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassificationWebIT {
    private static final String AS_OF = Capability.AS_OF.toString();

    @InjectBundleContext
    BundleContext ctx;

    String base;

    @BeforeEach
    void setUp(@InjectService ConfigurationAdmin cm) throws Exception {
        Capability.ensure(ctx, cm);
        base = Http.setUp(ctx, cm);
        TestDatabase.waitUntil(() -> Capability.service(ctx, ApiEndpoint.class,
                "(component.name=org.wanglai.classification.internal.web.RunsEndpoint)") != null, 30_000,
                "the classification endpoints");
    }

    private static Map<String, Object> rule(String condition, String value) {
        return Map.of("condition", condition, "value", value);
    }

    private static Map<String, Object> rules(Object... conditionsAndValues) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < conditionsAndValues.length; i += 2) {
            list.add(rule((String) conditionsAndValues[i], (String) conditionsAndValues[i + 1]));
        }
        return Map.of("rules", list);
    }

    private static Map<String, Object> valueTierRun() {
        return Map.of("asOf", AS_OF, "windowMonths", 12, "dimensions", List.of("value_tier"));
    }

    @Test
    @Order(1)
    void everyEndpointNeedsALogin() throws Exception {
        Http anonymous = Http.anonymous(base);
        for (String path : List.of("classification/dashboard", "classification/dimensions", "classification/rules/value_tier",
                "classification/settings/rfm", "classification/runs", "classification/customers/A001",
                "classification/tree")) {
            assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(anonymous.call("POST", "classification/runs/preview", valueTierRun(), false).statusCode()).isEqualTo(401);
        assertThat(anonymous.call("POST", "classification/runs/apply", valueTierRun(), false).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void viewersReadAccountantsRunAdminsConfigure() throws Exception {
        Http victor = Http.as(base, "victor");
        JsonNode dash = victor.ok(200, victor.get("classification/dashboard?dimension=value_tier"));
        assertThat(dash.get("dimensions").findValuesAsText("id")).contains("value_tier", "rfm", "lifecycle");
        victor.ok(200, victor.get("classification/dimensions"));
        victor.ok(200, victor.get("classification/tree"));
        JsonNode card = victor.ok(200, victor.get("classification/customers/A001?asOf=" + AS_OF));
        assertThat(card.get("code").asText()).isEqualTo("A001");

        HttpResponse<byte[]> preview = victor.send("POST", "classification/runs/preview", valueTierRun());
        assertThat(preview.statusCode()).isEqualTo(403);
        assertThat(Http.json(preview).at("/error/code").asText()).isEqualTo("auth.forbidden");
        Map<String, Object> apply = new java.util.HashMap<>(valueTierRun());
        apply.put("fingerprint", "0".repeat(64));
        assertThat(victor.send("POST", "classification/runs/apply", apply).statusCode()).isEqualTo(403);
        assertThat(victor.send("POST", "classification/runs/cancel", null).statusCode()).isEqualTo(403);
        assertThat(victor.send("PUT", "classification/customers/A001/locks/value_tier",
                Map.of("value", "VIP", "reason", "x")).statusCode()).isEqualTo(403);
        assertThat(victor.send("PUT", "classification/rules/value_tier", rules("revenue > 0", "VIP")).statusCode())
                .isEqualTo(403);
        assertThat(victor.send("POST", "classification/tree", Map.of("code", "03", "nameZh", "x")).statusCode()).isEqualTo(403);

        Http anna = Http.as(base, "anna");
        assertThat(anna.send("PUT", "classification/rules/value_tier", rules("revenue > 0", "VIP")).statusCode())
                .as("rules are the admin's").isEqualTo(403);
        assertThat(anna.send("POST", "classification/dimensions",
                Map.of("id", "loyalty", "nameZh", "忠诚度", "method", "RULES")).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> noCsrf = anna.call("POST", "classification/runs/preview", valueTierRun(), false);
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(Http.json(noCsrf).at("/error/code").asText()).isEqualTo("auth.csrf");
        assertThat(anna.get("classification/customers/A001%27%20OR%201=1").statusCode()).as("whitelisted code")
                .isEqualTo(400);
        assertThat(anna.get("classification/customers/ZZZ9").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void anInvalidRuleIsRejectedWithItsPlaceAndPosition() throws Exception {
        Http admin = Http.as(base, "admin");
        JsonNode before = admin.ok(200, admin.get("classification/rules/value_tier")).get("rules");

        HttpResponse<byte[]> r = admin.send("PUT", "classification/rules/value_tier",
                rules("revenue >= 1000000", "VIP", "revenue >= 10 and", "MAJOR", "orders > 1", "GOLD"));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = Http.json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo("classification.rules-invalid");
        assertThat(error.get("message").asText()).contains("2 problem(s)").contains("rule 2").contains("@18");
        JsonNode first = error.get("details").get(0);
        assertThat(first.get("rule").asInt()).isEqualTo(2);
        assertThat(first.get("field").asText()).isEqualTo("condition");
        assertThat(first.get("position").asInt()).isEqualTo(18);
        assertThat(first.get("reason").asText()).contains("ends too early");
        JsonNode second = error.get("details").get(1);
        assertThat(second.get("rule").asInt()).isEqualTo(3);
        assertThat(second.get("field").asText()).isEqualTo("value");
        assertThat(second.get("reason").asText()).contains("GOLD");
        assertThat(admin.ok(200, admin.get("classification/rules/value_tier")).get("rules")).as("nothing saved")
                .isEqualTo(before);

        JsonNode check = admin.ok(200, admin.send("POST", "classification/rules/value_tier", rules("revnue > 5", "VIP")));
        assertThat(check.get("valid").asBoolean()).isFalse();
        assertThat(check.at("/problems/0/position").asInt()).isEqualTo(1);
        assertThat(check.at("/problems/0/reason").asText()).contains("did you mean revenue");
        assertThat(admin.ok(200, admin.send("POST", "classification/rules/value_tier", rules("revenue > 5", "VIP")))
                .get("valid").asBoolean()).isTrue();
        assertThat(admin.send("PUT", "classification/rules/Bad-Dim", rules("revenue > 5", "VIP")).statusCode())
                .as("dimension ids are whitelisted").isEqualTo(400);
    }

    @Test
    @Order(4)
    void applyWritesExactlyThePreviewedMovesWithTheirHistory() throws Exception {
        Http admin = Http.as(base, "admin");
        Http anna = Http.as(base, "anna");
        JsonNode original = admin.ok(200, admin.get("classification/rules/value_tier")).get("rules");
        try {
            // A known starting point: A001 VIP (1.3M), B002 and C003 MAJOR, D004 MAJOR (or the default).
            admin.ok(200, admin.send("PUT", "classification/rules/value_tier",
                    rules("revenue >= 1000000", "VIP", "revenue >= 0", "MAJOR")));
            previewAndApply(anna, valueTierRun());
            assertThat(value(anna, "A001")).isEqualTo("VIP");
            assertThat(value(anna, "C003")).isEqualTo("MAJOR");

            // New rules move A001 down and B002, C003 to NORMAL; D004 is locked by hand and stays where it is.
            Map<String, Object> r2 = rules("revenue >= 1000000", "MAJOR", "revenue >= 0", "NORMAL");
            admin.ok(200, admin.send("PUT", "classification/rules/value_tier", r2));
            JsonNode locked = anna.ok(200, anna.send("PUT", "classification/customers/D004/locks/value_tier",
                    Map.of("value", "VIP", "reason", "key account")));
            assertThat(dimension(locked, "value_tier").get("locked").asBoolean()).isTrue();
            String d004Before = value(anna, "D004");

            JsonNode preview = anna.ok(200, anna.send("POST", "classification/runs/preview", valueTierRun()));
            assertThat(preview.get("runId").asLong()).isZero();
            assertThat(preview.get("changes").asLong()).isEqualTo(3);
            assertThat(preview.get("lockedSkipped").asLong()).isEqualTo(1);
            assertThat(moves(preview)).containsExactlyInAnyOrder("A001:VIP>MAJOR", "B002:MAJOR>NORMAL", "C003:MAJOR>NORMAL");
            String fingerprint = preview.get("fingerprint").asText();
            assertThat(value(anna, "A001")).as("a preview writes nothing").isEqualTo("VIP");
            long lastRun = lastRun(anna);

            // The data changes after the preview: the previewed apply is refused and writes nothing.
            admin.ok(200, admin.send("PUT", "classification/rules/value_tier", rules("revenue >= 0", "NORMAL")));
            HttpResponse<byte[]> stale = anna.send("POST", "classification/runs/apply", withFingerprint(fingerprint));
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(Http.json(stale).at("/error/code").asText()).isEqualTo("classification.preview-stale");
            assertThat(value(anna, "A001")).isEqualTo("VIP");
            assertThat(lastRun(anna)).isEqualTo(lastRun);

            admin.ok(200, admin.send("PUT", "classification/rules/value_tier", r2));
            JsonNode again = anna.ok(200, anna.send("POST", "classification/runs/preview", valueTierRun()));
            assertThat(again.get("fingerprint").asText()).as("same data, same moves").isEqualTo(fingerprint);

            JsonNode applied = anna.ok(200, anna.send("POST", "classification/runs/apply", withFingerprint(fingerprint)));
            long runId = applied.get("runId").asLong();
            assertThat(runId).isGreaterThan(lastRun);
            assertThat(applied.get("applied").asBoolean()).isTrue();
            assertThat(applied.get("changes").asLong()).isEqualTo(3);
            assertThat(moves(applied)).isEqualTo(moves(preview));

            JsonNode run = anna.ok(200, anna.get("classification/runs/" + runId));
            assertThat(run.get("user").asText()).isEqualTo("anna");
            assertThat(run.get("changes").asLong()).isEqualTo(3);
            Set<String> written = new HashSet<>();
            run.get("changeRows").forEach(c -> written.add(c.get("customer").asText() + ":" + c.get("from").asText() + ">"
                    + c.get("to").asText()));
            assertThat(written).containsExactlyInAnyOrder("A001:VIP>MAJOR", "B002:MAJOR>NORMAL", "C003:MAJOR>NORMAL");
            assertThat(value(anna, "A001")).isEqualTo("MAJOR");
            assertThat(value(anna, "B002")).isEqualTo("NORMAL");
            assertThat(value(anna, "C003")).isEqualTo("NORMAL");
            assertThat(value(anna, "D004")).as("locked").isEqualTo(d004Before);

            JsonNode history = anna.ok(200, anna.get("classification/customers/A001/history"));
            JsonNode newest = history.get(0);
            assertThat(newest.get("runId").asLong()).isEqualTo(runId);
            assertThat(newest.get("dimension").asText()).isEqualTo("value_tier");
            assertThat(newest.get("from").asText()).isEqualTo("VIP");
            assertThat(newest.get("to").asText()).isEqualTo("MAJOR");
            assertThat(newest.get("user").asText()).isEqualTo("anna");
            assertThat(newest.get("reason").asText()).contains("rule");

            HttpResponse<byte[]> twice = anna.send("POST", "classification/runs/apply", withFingerprint(fingerprint));
            assertThat(twice.statusCode()).as("the preview is used up: nothing moves any more").isEqualTo(409);

            // A run that changes nothing writes no assignment and no history row (only its run row).
            JsonNode still = anna.ok(200, anna.send("POST", "classification/runs/preview", valueTierRun()));
            assertThat(still.get("changes").asLong()).isZero();
            long quiet = anna.ok(200, anna.send("POST", "classification/runs/apply",
                    withFingerprint(still.get("fingerprint").asText()))).get("runId").asLong();
            assertThat(rowsOfRun("wl_cls_assignment", quiet)).isZero();
            assertThat(rowsOfRun("wl_cls_history", quiet)).isZero();
            assertThat(rowsOfRun("wl_cls_assignment", runId)).as("the three moved values").isEqualTo(3);

            Http victor = Http.as(base, "victor");
            JsonNode runs = victor.ok(200, victor.get("classification/runs?limit=5"));
            assertThat(runs.at("/runs/0/id").asLong()).isEqualTo(quiet);
            assertThat(runs.at("/runs/0/changes").asLong()).isZero();
            assertThat(runs.at("/runs/1/id").asLong()).isEqualTo(runId);
            assertThat(runs.get("progress").isNull()).isTrue();
            JsonNode dash = victor.ok(200, victor.get("classification/dashboard?dimension=value_tier"));
            Set<String> flows = new HashSet<>();
            dash.at("/flows/links").forEach(l -> flows.add(l.get("from").asText() + ">" + l.get("to").asText()));
            assertThat(flows).contains("VIP>MAJOR", "MAJOR>NORMAL");
            JsonNode tier = null;
            for (JsonNode d : dash.get("dimensions")) {
                if (d.get("id").asText().equals("value_tier")) {
                    tier = d;
                }
            }
            assertThat(tier).isNotNull();
            assertThat(tier.get("customers").asLong()).isEqualTo(4);
        } finally {
            anna.send("DELETE", "classification/customers/D004/locks/value_tier", null);
            admin.ok(200, admin.send("PUT", "classification/rules/value_tier", Map.of("rules", original)));
            previewAndApply(anna, Map.of("asOf", AS_OF, "windowMonths", 12));
        }
    }

    @Test
    @Order(5)
    void theTreeRejectsCodesAgainstTheCodingRule() throws Exception {
        Http admin = Http.as(base, "admin");
        JsonNode tree = admin.ok(200, admin.get("classification/tree"));
        assertThat(tree.get("codingRule").asText()).isNotBlank();
        HttpResponse<byte[]> bad = admin.send("POST", "classification/tree", Map.of("parentCode", "01", "code", "011",
                "nameZh", "错误编码"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.json(bad).at("/error/details/0/field").asText()).isEqualTo("code");
        assertThat(admin.ok(200, admin.get("classification/tree")).get("nodes").size()).isEqualTo(tree.get("nodes").size());
    }

    @Test
    @Order(6)
    void adminsManageCustomDimensionsAndTheirValues() throws Exception {
        Http admin = Http.as(base, "admin");
        Http anna = Http.as(base, "anna");
        try {
            JsonNode created = admin.ok(200, admin.send("POST", "classification/dimensions", Map.of("id", "loyalty",
                    "nameZh", "忠诚度", "nameEn", "Loyalty", "method", "RULES",
                    "values", List.of(Map.of("code", "HIGH"), Map.of("code", "LOW")))));
            assertThat(created.get("values").findValuesAsText("code")).containsExactly("HIGH", "LOW");
            assertThat(created.get("builtIn").asBoolean()).isFalse();
            assertThat(admin.send("POST", "classification/dimensions", Map.of("id", "loyalty", "nameZh", "x",
                    "method", "RULES")).statusCode()).as("exists already").isEqualTo(400);
            admin.ok(200, admin.send("POST", "classification/dimensions/loyalty/values", Map.of("code", "MID")));
            JsonNode renamed = admin.ok(200, admin.send("PUT", "classification/dimensions/loyalty",
                    Map.of("nameZh", "客户忠诚度", "nameEn", "Customer loyalty")));
            assertThat(renamed.get("name").asText()).isEqualTo("Customer loyalty");
            admin.ok(200, admin.send("PUT", "classification/rules/loyalty", rules("orders >= 12", "HIGH")));
            admin.ok(200, admin.send("PUT", "classification/settings/loyalty",
                    Map.of("enabled", true, "params", Map.of("default", "LOW"))));
            assertThat(admin.send("PUT", "classification/settings/loyalty",
                    Map.of("enabled", true, "params", Map.of("default", "GOLD"))).statusCode()).isEqualTo(400);

            assertThat(admin.send("DELETE", "classification/dimensions/loyalty/values/HIGH", null).statusCode())
                    .as("a rule gives HIGH").isEqualTo(400);
            assertThat(admin.send("DELETE", "classification/dimensions/loyalty/values/MID", null).statusCode()).isEqualTo(204);

            previewAndApply(anna, Map.of("asOf", AS_OF, "windowMonths", 12, "dimensions", List.of("loyalty")));
            JsonNode card = anna.ok(200, anna.get("classification/customers/A001?asOf=" + AS_OF));
            assertThat(dimension(card, "loyalty").get("current").asText()).isEqualTo("HIGH");
            assertThat(dimension(card, "loyalty").get("reason").asText()).contains("orders >= 12");
            JsonNode bad = Http.json(admin.send("DELETE", "classification/dimensions/loyalty/values/LOW", null));
            assertThat(bad.at("/error/details/0/message").asText()).contains("customers have the value LOW");
            assertThat(admin.send("DELETE", "classification/dimensions/value_tier", null).statusCode())
                    .as("built in").isEqualTo(400);
            assertThat(anna.send("DELETE", "classification/dimensions/loyalty", null).statusCode()).isEqualTo(403);
        } finally {
            admin.send("DELETE", "classification/dimensions/loyalty", null);
        }
        JsonNode dims = admin.ok(200, admin.get("classification/dimensions"));
        assertThat(dims.findValuesAsText("id")).doesNotContain("loyalty");
        JsonNode history = anna.ok(200, anna.get("classification/customers/A001/history"));
        assertThat(history.findValuesAsText("dimension")).as("history stays").contains("loyalty");
    }

    /** Rows of {@code table} (wl_cls_assignment or wl_cls_history, fixed names) written by run {@code runId}. */
    private long rowsOfRun(String table, long runId) throws Exception {
        HostDatabase db = TestDatabase.await(ctx, HostDatabase.class, 10_000);
        return db.inTransaction(tx -> {
            try (java.sql.PreparedStatement ps = tx.connection().prepareStatement(
                    "SELECT COUNT(*) FROM " + table + " WHERE run_id = ?")) {
                ps.setLong(1, runId);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private void previewAndApply(Http user, Map<String, Object> request) throws Exception {
        JsonNode p = user.ok(200, user.send("POST", "classification/runs/preview", request));
        Map<String, Object> apply = new java.util.HashMap<>(request);
        apply.put("fingerprint", p.get("fingerprint").asText());
        user.ok(200, user.send("POST", "classification/runs/apply", apply));
    }

    private static Map<String, Object> withFingerprint(String fingerprint) {
        Map<String, Object> m = new java.util.HashMap<>(valueTierRun());
        m.put("fingerprint", fingerprint);
        return m;
    }

    private static long lastRun(Http user) throws Exception {
        JsonNode runs = user.ok(200, user.get("classification/runs?limit=1")).get("runs");
        return runs.size() == 0 ? 0 : runs.get(0).get("id").asLong();
    }

    /** The current value of value_tier on the customer's card. */
    private static String value(Http user, String code) throws Exception {
        JsonNode d = dimension(user.ok(200, user.get("classification/customers/" + code + "?asOf=" + AS_OF)), "value_tier");
        return d.get("current").isNull() ? null : d.get("current").asText();
    }

    private static JsonNode dimension(JsonNode card, String id) {
        for (JsonNode d : card.get("dimensions")) {
            if (d.get("dimension").asText().equals(id)) {
                return d;
            }
        }
        throw new AssertionError("no dimension " + id + " on the card");
    }

    /** customer:from>to of every example of every move (the fixture is small enough that examples are complete). */
    private static List<String> moves(JsonNode outcome) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : outcome.get("moves")) {
            assertThat(m.get("examples").size()).isEqualTo(m.get("customers").asInt());
            for (JsonNode e : m.get("examples")) {
                out.add(e.asText() + ":" + m.get("from").asText() + ">" + m.get("to").asText());
            }
        }
        return out;
    }
}
