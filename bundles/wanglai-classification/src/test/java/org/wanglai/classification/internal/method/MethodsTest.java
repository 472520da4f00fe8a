package org.wanglai.classification.internal.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wanglai.classification.internal.Fixtures.customer;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wanglai.api.ValidationException;
import org.wanglai.classification.internal.metrics.CustomerMetrics;

class MethodsTest {

    @Test
    void rfmQuintilesWithTiesAndInactiveCustomers() {
        // Five active customers; two tie on every measure. Recency: fewer days is better.
        List<CustomerMetrics> pop = List.of(
                customer(1, "500", 10, 5),
                customer(2, "400", 8, 10),
                customer(3, "400", 8, 10),
                customer(4, "100", 2, 100),
                customer(5, "50", 1, 300),
                customer(6, "0", 0, null)); // never ordered: inactive
        Map<Long, Computed> r = Rfm.classify(pop, new Params("rfm", "high_score=3"));
        // score = 1 + floor(5 × worse / 5) = 1 + worse; customer 1: 4 worse on each → 5,5,5
        assertThat(r.get(1L).detail()).isEqualTo("555");
        // customers 2 and 3 tie: 2 worse on each → 3,3,3
        assertThat(r.get(2L).detail()).isEqualTo("333");
        assertThat(r.get(3L).detail()).isEqualTo("333");
        assertThat(r.get(4L).detail()).isEqualTo("222");
        assertThat(r.get(5L).detail()).isEqualTo("111");
        assertThat(r.get(1L).value()).isEqualTo("IMPORTANT_VALUE");
        assertThat(r.get(2L).value()).isEqualTo("IMPORTANT_VALUE");
        assertThat(r.get(4L).value()).isEqualTo("GENERAL_RETAIN");
        assertThat(r.get(6L).value()).isEqualTo("INACTIVE");
        assertThat(r.get(6L).detail()).isEqualTo("000");
        // exact code overrides win over the pattern
        Map<Long, Computed> o = Rfm.classify(pop, new Params("rfm", "code.555=CHAMPION\nsegment.LLL=SLEEPING"));
        assertThat(o.get(1L).value()).isEqualTo("CHAMPION");
        assertThat(o.get(5L).value()).isEqualTo("SLEEPING");
        assertThat(o.get(2L).reason()).contains("RFM 333");
    }

    @Test
    void rfmOfAnEmptyWindowIsAllInactive() {
        Map<Long, Computed> r = Rfm.classify(List.of(customer(1, "0", 0, 400), customer(2, "0", 0, null)), new Params("rfm", ""));
        assertThat(r.values()).extracting(Computed::value).containsOnly("INACTIVE");
    }

    @Test
    void weightedScoreByPercentileRank() {
        // revenue ranks: 100 → 0, 200 → 0.5, 300 → 1; orders (weight -1, lower better): 3 → 0, 2 → 0.5, 1 → 1
        List<CustomerMetrics> pop = List.of(customer(1, "100", 3, 1), customer(2, "200", 2, 1), customer(3, "300", 1, 1));
        Params p = new Params("w", "weight.revenue=3\nweight.orders=-1\nthreshold.CORE=80\nthreshold.POTENTIAL=40\ndefault=GENERAL");
        Map<Long, Computed> r = Weighted.classify(pop, p);
        // customer 3: (3×1 + 1×(1−0)) / 4 × 100 = 100; customer 2: (3×0.5 + 1×0.5)/4 = 50; customer 1: (0 + 1×(1-1))/4 = 0
        assertThat(r.get(3L).score()).isEqualByComparingTo("100");
        assertThat(r.get(2L).score()).isEqualByComparingTo("50");
        assertThat(r.get(1L).score()).isEqualByComparingTo("0");
        assertThat(r.get(3L).value()).isEqualTo("CORE");
        assertThat(r.get(2L).value()).isEqualTo("POTENTIAL");
        assertThat(r.get(1L).value()).isEqualTo("GENERAL");
        // ties share a rank: two equal revenues both get rank 0 of 2 → 0
        Map<Long, Computed> t = Weighted.classify(List.of(customer(1, "100", 1, 1), customer(2, "100", 1, 1)),
                new Params("w", "weight.revenue=1\nthreshold.CORE=50"));
        assertThat(t.get(1L).score()).isEqualByComparingTo(t.get(2L).score()).isEqualByComparingTo("0");
        assertThatThrownBy(() -> Weighted.classify(pop, new Params("w", "weight.revnue=1")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("w.weight.revnue");
    }

    @Test
    void kMeansFindsObviousGroupsDeterministically() {
        List<CustomerMetrics> pop = List.of(customer(1, "1000000", 50, 1), customer(2, "1100000", 52, 2),
                customer(3, "1000", 2, 100), customer(4, "1200", 3, 90), customer(5, "900", 2, 120),
                customer(6, "50000", 20, 10), customer(7, "52000", 21, 12));
        Params p = new Params("cluster", "k=3\nseed=7\nfeatures=revenue,orders\nvalue.1=BIG\nvalue.3=SMALL");
        KMeans.Result a = KMeans.classify(pop, p);
        KMeans.Result b = KMeans.classify(pop, p);
        assertThat(a.values()).isEqualTo(b.values());
        assertThat(a.values().get(1L).value()).isEqualTo("BIG");
        assertThat(a.values().get(2L).value()).isEqualTo("BIG");
        assertThat(a.values().get(6L).value()).isEqualTo("C2");
        assertThat(a.values().get(7L).value()).isEqualTo("C2");
        assertThat(a.values().get(3L).value()).isEqualTo("SMALL");
        assertThat(a.values().get(5L).value()).isEqualTo("SMALL");
        assertThat(a.profiles()).extracting(KMeans.Profile::size).containsExactly(2, 2, 3);
        assertThat(a.profiles().get(0).centre().get("revenue")).isEqualByComparingTo("1050000.00");
        assertThat(a.profiles().get(2).centre().get("orders")).isEqualByComparingTo("2.33");
    }

    @Test
    void lifecycleStagesAndClv() {
        Params p = new Params("lifecycle", "new_days=180\nlapsed_days=180\ngrowth_trend=1.2\ndecline_trend=0.8\nlifetime_years=2\ndiscount_rate=0.10");
        List<CustomerMetrics> pop = List.of(
                customer(1, "1000", "600", 5, 10, "400", "600", 0, 0, 0, 100), // new
                customer(2, "1000", "600", 5, 10, "400", "600", 0, 0, 0, 400), // trend 1.5 → growth
                customer(3, "1000", "600", 5, 10, "600", "400", 0, 0, 0, 400), // trend 0.6667 → decline
                customer(4, "1000", "600", 5, 10, "500", "500", 0, 0, 0, 400), // trend 1 → mature
                customer(5, "0", "0", 0, 200, "0", "0", 0, 0, 0, 700), // lapsed
                customer(6, "0", "0", 0, null, "0", "0", 0, 0, 0, 30)); // never ordered, new
        Map<Long, Computed> r = Lifecycle.classify(pop, p, 12);
        assertThat(r.get(1L).value()).isEqualTo("INTRO");
        assertThat(r.get(2L).value()).isEqualTo("GROWTH");
        assertThat(r.get(3L).value()).isEqualTo("DECLINE");
        assertThat(r.get(4L).value()).isEqualTo("MATURE");
        assertThat(r.get(5L).value()).isEqualTo("DECLINE");
        assertThat(r.get(6L).value()).isEqualTo("INTRO");
        // margin 400 a year over 2 years at 10%: 400/1.1 + 400/1.21 = 363.636 + 330.579 = 694.21
        assertThat(r.get(2L).score()).isEqualByComparingTo(new BigDecimal("694.21"));
        assertThat(r.get(2L).reason()).contains("CLV 694.21").contains("yearly margin 400.00");
    }

    @Test
    void rulesFirstMatchWinsDefaultAndErrorsNameRowAndPosition() {
        List<Rules.Rule> rules = List.of(new Rules.Rule(11, 10, "revenue_12m >= 1000 and orders_12m >= 12", "VIP"),
                new Rules.Rule(12, 20, "revenue_12m >= 200", "MAJOR"));
        Rules r = Rules.compile("value_tier", rules, Rules.vocabulary(List.of()), "NORMAL", java.util.Set.of("VIP", "MAJOR", "NORMAL"));
        assertThat(r.evaluate(customer(1, "1000", 12, 1)::get).value()).isEqualTo("VIP");
        assertThat(r.evaluate(customer(1, "1000", 11, 1)::get).value()).isEqualTo("MAJOR");
        assertThat(r.evaluate(customer(1, "199.99", 30, 1)::get).value()).isEqualTo("NORMAL");
        assertThat(r.evaluate(customer(1, "1000", 12, 1)::get).reason()).contains("rule #10 (id 11)");
        assertThatThrownBy(() -> Rules.compile("value_tier", List.of(new Rules.Rule(0, 10, "revenue >", "VIP"),
                new Rules.Rule(0, 20, "orders > 1", "GOLD")), Rules.vocabulary(List.of()), null, java.util.Set.of("VIP")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).hasSize(2);
                    assertThat(e.errors().get(0).row()).isEqualTo(1);
                    assertThat(e.errors().get(0).field()).isEqualTo("value_tier.rules[1].condition");
                    assertThat(e.errors().get(0).message()).contains("at position 10");
                    assertThat(e.errors().get(1).field()).isEqualTo("value_tier.rules[2].value");
                });
    }

    @Test
    void metricsDerivedFromRawFigures() {
        CustomerMetrics m = customer(1, "1000.00", "750.00", 4, 30, "400", "600", 5, 2, 13, 400);
        assertThat(m.number("margin")).isEqualByComparingTo("250.00");
        assertThat(m.number("margin_pct")).isEqualByComparingTo("0.2500");
        assertThat(m.number("avg_order_value")).isEqualByComparingTo("250.00");
        assertThat(m.number("trend")).isEqualByComparingTo("1.5000");
        assertThat(m.number("late_share")).isEqualByComparingTo("0.4000");
        assertThat(m.number("avg_days_late")).isEqualByComparingTo("6.5");
        assertThat(m.number("days_since_last_order")).isEqualByComparingTo("30");
        assertThat(m.number("tenure_days")).isEqualByComparingTo("400");
        CustomerMetrics none = customer(2, "0", 0, null);
        assertThat(none.number("avg_order_value")).isNull();
        assertThat(none.number("trend")).isNull();
        assertThat(none.number("late_share")).isNull();
        assertThat(none.number("days_since_last_order")).isNull();
    }
}
