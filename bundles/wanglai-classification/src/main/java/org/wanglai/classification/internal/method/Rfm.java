package org.wanglai.classification.internal.method;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.wanglai.classification.internal.metrics.CustomerMetrics;

/**
 * RFM: among customers with at least one order in the window, recency (days since the last order, fewer is better),
 * frequency (orders) and monetary value (revenue) are each scored 5 (best) to 1 by quintile, ties sharing a score.
 * The code is the three digits, e.g. {@code 545}. The segment comes from {@code code.<RFM>=<value>} when set,
 * otherwise from the high/low pattern ({@code H} when the score is at least {@code high_score}, default 3):
 * {@code segment.HHH=IMPORTANT_VALUE} and so on (the classic eight segments). Customers without orders in the window
 * get code {@code 000} and segment {@code INACTIVE} (or {@code code.000}).
 */
public final class Rfm {
    static final Map<String, String> DEFAULT_SEGMENTS = Map.of("HHH", "IMPORTANT_VALUE", "HLH", "IMPORTANT_DEVELOP",
            "LHH", "IMPORTANT_KEEP", "LLH", "IMPORTANT_RETAIN", "HHL", "GENERAL_VALUE", "HLL", "GENERAL_DEVELOP",
            "LHL", "GENERAL_KEEP", "LLL", "GENERAL_RETAIN");

    private Rfm() {
    }

    public static Map<Long, Computed> classify(List<CustomerMetrics> population, Params params) {
        Model model = fit(population, params);
        Map<Long, Computed> out = new HashMap<>();
        for (CustomerMetrics m : population) {
            out.put(m.customerId(), model.evaluate(m));
        }
        return out;
    }

    /** The quintile boundaries of the active population: enough to score any one customer of it. */
    public static Model fit(List<CustomerMetrics> population, Params params) {
        List<CustomerMetrics> active = population.stream().filter(Rfm::active).toList();
        return new Model(params, params.integer("high_score", 3, 1, 5),
                new Ranks(active.stream().map(m -> m.number("days_since_last_order")).toArray(BigDecimal[]::new)),
                new Ranks(active.stream().map(m -> m.number("orders")).toArray(BigDecimal[]::new)),
                new Ranks(active.stream().map(m -> m.number("revenue")).toArray(BigDecimal[]::new)));
    }

    private static boolean active(CustomerMetrics m) {
        return m.number("orders").signum() > 0 && m.number("days_since_last_order") != null;
    }

    /** RFM fitted on a population. */
    public static final class Model {
        private final Params params;
        private final int high;
        private final Ranks r;
        private final Ranks f;
        private final Ranks mo;

        Model(Params params, int high, Ranks r, Ranks f, Ranks mo) {
            this.params = params;
            this.high = high;
            this.r = r;
            this.f = f;
            this.mo = mo;
        }

        /** The segment of one customer of the fitted population. */
        public Computed evaluate(CustomerMetrics m) {
            if (!active(m)) {
                return new Computed(params.text("code.000", "INACTIVE"), "000", null, "RFM 000: no orders in the window");
            }
            int rs = r.quintile(m.number("days_since_last_order"), false);
            int fs = f.quintile(m.number("orders"), true);
            int ms = mo.quintile(m.number("revenue"), true);
            String code = "" + rs + fs + ms;
            String pattern = "" + (rs >= high ? 'H' : 'L') + (fs >= high ? 'H' : 'L') + (ms >= high ? 'H' : 'L');
            String exact = params.text("code." + code, null);
            String value = exact != null ? exact : params.text("segment." + pattern, DEFAULT_SEGMENTS.get(pattern));
            return new Computed(value, code, BigDecimal.valueOf(rs * 100L + fs * 10L + ms),
                    "RFM " + code + " (R " + rs + ": " + m.number("days_since_last_order") + " days since last order; F "
                            + fs + ": " + m.number("orders") + " orders; M " + ms + ": revenue " + m.number("revenue")
                            + ") → " + (exact != null ? "code." + code : "pattern " + pattern));
        }
    }
}
