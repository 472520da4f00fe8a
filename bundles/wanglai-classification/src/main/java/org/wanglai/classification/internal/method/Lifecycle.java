package org.wanglai.classification.internal.method;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.wanglai.classification.internal.metrics.CustomerMetrics;

/**
 * Lifecycle stage from tenure and trend, checked in this order: no order for more than {@code lapsed_days} → DECLINE;
 * tenure (from the first order, or from creation when never ordered) below {@code new_days} → INTRO; trend (second
 * half revenue / first half) at least {@code growth_trend} → GROWTH; at most {@code decline_trend} → DECLINE; first
 * half without revenue but second half with revenue → GROWTH; otherwise MATURE. Also estimates the CLV:
 * yearly margin (window margin × 12 / window months) × Σ 1/(1+r)^t for t = 1..{@code lifetime_years}.
 */
public final class Lifecycle {
    private Lifecycle() {
    }

    public static Map<Long, Computed> classify(List<CustomerMetrics> population, Params params, int windowMonths) {
        BigDecimal newDays = params.decimal("new_days", "180");
        BigDecimal lapsedDays = params.decimal("lapsed_days", "180");
        BigDecimal growth = params.decimal("growth_trend", "1.2");
        BigDecimal decline = params.decimal("decline_trend", "0.8");
        // The settings behind the CLV, read and checked once for the whole population (not at all without one).
        BigDecimal factor = population.isEmpty() ? null : discountFactor(params);
        String clvBasis = " over " + params.text("lifetime_years", "3") + " years at " + params.text("discount_rate", "0.08");
        Map<Long, Computed> out = new HashMap<>();
        for (CustomerMetrics m : population) {
            BigDecimal since = m.number("days_since_last_order");
            BigDecimal tenure = m.number("tenure_days");
            BigDecimal trend = m.number("trend");
            String value;
            String why;
            if (since != null && since.compareTo(lapsedDays) > 0) {
                value = "DECLINE";
                why = since + " days since the last order > " + lapsedDays;
            } else if (tenure != null && tenure.compareTo(newDays) < 0) {
                value = "INTRO";
                why = "tenure " + tenure + " days < " + newDays;
            } else if (since == null) {
                value = "DECLINE";
                why = "no order in " + tenure + " days since creation";
            } else if (trend != null && trend.compareTo(growth) >= 0) {
                value = "GROWTH";
                why = "trend " + trend + " ≥ " + growth;
            } else if (trend != null && trend.compareTo(decline) <= 0) {
                value = "DECLINE";
                why = "trend " + trend + " ≤ " + decline;
            } else if (trend == null && m.number("revenue_h2").signum() > 0) {
                value = "GROWTH";
                why = "revenue in the second half only";
            } else {
                value = "MATURE";
                why = trend == null ? "no revenue in the window halves" : "trend " + trend + " between " + decline + " and " + growth;
            }
            BigDecimal yearly = yearlyMargin(m, windowMonths);
            BigDecimal clv = clv(yearly, factor);
            out.put(m.customerId(), new Computed(value, null, clv, why + "; CLV " + clv + " = yearly margin "
                    + yearly + clvBasis));
        }
        return out;
    }

    static BigDecimal yearlyMargin(CustomerMetrics m, int windowMonths) {
        return m.number("margin").multiply(BigDecimal.valueOf(12)).divide(BigDecimal.valueOf(windowMonths), 2,
                RoundingMode.HALF_UP);
    }

    /** Discounted margin over the expected lifetime, in the customer's currency, rounded to cents. */
    public static BigDecimal clv(CustomerMetrics m, Params params, int windowMonths) {
        return clv(yearlyMargin(m, windowMonths), discountFactor(params));
    }

    private static BigDecimal clv(BigDecimal yearly, BigDecimal factor) {
        return yearly.multiply(factor).setScale(2, RoundingMode.HALF_UP);
    }

    /** Σ 1/(1+r)^t for t = 1..lifetime_years. */
    private static BigDecimal discountFactor(Params params) {
        int years = params.integer("lifetime_years", 3, 1, 50);
        BigDecimal rate = params.decimal("discount_rate", "0.08");
        BigDecimal factor = BigDecimal.ZERO;
        BigDecimal base = BigDecimal.ONE.add(rate);
        for (int t = 1; t <= years; t++) {
            factor = factor.add(BigDecimal.ONE.divide(base.pow(t), MathContext.DECIMAL64));
        }
        return factor;
    }
}
