package org.wanglai.classification.internal.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wanglai.classification.internal.metrics.CustomerMetrics;

class RuleParserTest {
    private final RuleParser parser = new RuleParser(CustomerMetrics.VOCABULARY);

    private static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void evaluatesTheIssueExamples() {
        Expr e = parser.parse("revenue_12m >= 1000000 and orders_12m >= 12");
        assertThat(e.test(values("revenue_12m", new BigDecimal("1000000.00"), "orders_12m", new BigDecimal("12"))::get)).isTrue();
        assertThat(e.test(values("revenue_12m", new BigDecimal("999999.99"), "orders_12m", new BigDecimal("30"))::get)).isFalse();
        Expr in = parser.parse("region in ('华东','华南')");
        assertThat(in.test(values("region", "华南")::get)).isTrue();
        assertThat(in.test(values("region", "华北")::get)).isFalse();
        assertThat(in.test(values()::get)).as("missing value").isFalse();
    }

    @Test
    void precedenceNotAndOrAndNulls() {
        Expr e = parser.parse("NOT scale = '大型' or revenue > 5 AND orders < 2");
        // (not scale='大型') or (revenue > 5 and orders < 2)
        assertThat(e.test(values("scale", "大型", "revenue", BigDecimal.TEN, "orders", BigDecimal.ONE)::get)).isTrue();
        assertThat(e.test(values("scale", "大型", "revenue", BigDecimal.TEN, "orders", BigDecimal.TEN)::get)).isFalse();
        assertThat(parser.parse("trend is null").test(values()::get)).isTrue();
        assertThat(parser.parse("trend is not null").test(values("trend", BigDecimal.ONE)::get)).isTrue();
        assertThat(parser.parse("late_share > 0.2").test(values()::get)).as("comparison with a missing value").isFalse();
        assertThat(parser.parse("region not in ('华东') and (orders <> 3)").test(values("region", "华北", "orders", BigDecimal.ONE)::get)).isTrue();
        assertThat(parser.parse("revenue >= 1_000_000").test(values("revenue", new BigDecimal("1000000"))::get)).isTrue();
        assertThat(parser.parse("days_since_last_order > -1").test(values("days_since_last_order", BigDecimal.ZERO)::get)).isTrue();
    }

    @Test
    void rejectsWithPositionAndReason() {
        assertError("revnue > 5", 1, "unknown name 'revnue' (did you mean revenue?)");
        assertError("revenue > 'big'", 9, "cannot compare a number with a text");
        assertError("revenue >= 10 and", 18, "the condition ends too early");
        assertError("revenue", 1, "not a true/false test");
        assertError("region < 'x'", 8, "texts can only be compared with = or !=");
        assertError("(revenue > 1", 13, "expected ')'");
        assertError("region in ('a', 2)", 17, "mixes a number into a text test");
        assertError("region = 'abc", 10, "not closed");
        assertError("revenue > 1 orders > 2", 13, "unexpected 'orders > 2'");
        assertError("revenue > 1; DROP TABLE x", 12, "unexpected ';");
        assertError("", 1, "empty");
    }

    @Test
    void aRuleListReportsEveryProblemWithItsPlaceAndCharacterPosition() {
        var problems = org.wanglai.classification.internal.method.Rules.problems("value_tier", java.util.List.of(
                new org.wanglai.classification.internal.method.Rules.Rule(0, 10, "revenue > 5", "VIP"),
                new org.wanglai.classification.internal.method.Rules.Rule(0, 20, "revenue >= 10 and", "MAJOR"),
                new org.wanglai.classification.internal.method.Rules.Rule(0, 30, "orders > 1", "GOLD")),
                org.wanglai.classification.internal.method.Rules.vocabulary(java.util.List.of("value_tier")),
                java.util.Set.of("VIP", "MAJOR", "NORMAL"));
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).rule()).isEqualTo(2);
        assertThat(problems.get(0).field()).isEqualTo("condition");
        assertThat(problems.get(0).position()).isEqualTo(18);
        assertThat(problems.get(0).reason()).contains("ends too early");
        assertThat(problems.get(1).rule()).isEqualTo(3);
        assertThat(problems.get(1).field()).isEqualTo("value");
        assertThat(problems.get(1).position()).isNull();
        assertThat(problems.get(1).reason()).contains("'GOLD' is not a value of value_tier");
    }

    private void assertError(String condition, int position, String reason) {
        assertThatThrownBy(() -> parser.parse(condition)).isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
            assertThat(e.position()).as(condition).isEqualTo(position);
            assertThat(e.reason()).as(condition).contains(reason);
        });
    }
}
