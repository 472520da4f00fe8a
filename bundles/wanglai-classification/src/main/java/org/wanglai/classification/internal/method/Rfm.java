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

    private static final int DAYS = CustomerMetrics.indexOf("days_since_last_order");
    private static final int ORDERS = CustomerMetrics.indexOf("orders");
    private static final int REVENUE = CustomerMetrics.indexOf("revenue");

    private Rfm() {
    }

    public static Map<Long, Computed> classify(List<CustomerMetrics> population, Params params) {
        return fitAndClassify(population, params).values();
    }

    /** A model fitted on a population and the segment of every customer of that population. */
    public record Fit(Model model, Map<Long, Computed> values) {
    }

    /** The quintile boundaries of the active population: enough to score any one customer of it. */
    public static Model fit(List<CustomerMetrics> population, Params params) {
        BigDecimal[][] rfm = values(population);
        return new Model(params, params.integer("high_score", 3, 1, 5), new Ranks(rfm[0]), new Ranks(rfm[1]),
                new Ranks(rfm[2]));
    }

    /** Recency, frequency and monetary value of every active customer; null for the others. */
    private static BigDecimal[][] values(List<CustomerMetrics> population) {
        int n = population.size();
        BigDecimal[][] rfm = new BigDecimal[3][n];
        for (int i = 0; i < n; i++) {
            CustomerMetrics m = population.get(i);
            if (active(m)) {
                rfm[0][i] = m.number(DAYS);
                rfm[1][i] = m.number(ORDERS);
                rfm[2][i] = m.number(REVENUE);
            }
        }
        return rfm;
    }

    /**
     * Fits the model and scores the population it was fitted on from the same sort (no search per customer); gives
     * each customer what {@link Model#evaluate} gives it.
     */
    public static Fit fitAndClassify(List<CustomerMetrics> population, Params params) {
        int n = population.size();
        BigDecimal[][] rfm = values(population);
        Ranks.Positional pr = Ranks.positional(rfm[0]);
        Ranks.Positional pf = Ranks.positional(rfm[1]);
        Ranks.Positional pm = Ranks.positional(rfm[2]);
        Model model = new Model(params, params.integer("high_score", 3, 1, 5), pr.ranks(), pf.ranks(), pm.ranks());
        Map<Long, Computed> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            CustomerMetrics m = population.get(i);
            out.put(m.customerId(), active(m) ? model.evaluate(m, pr.quintile(i, false), pf.quintile(i, true),
                    pm.quintile(i, true)) : model.inactive());
        }
        return new Fit(model, out);
    }

    private static boolean active(CustomerMetrics m) {
        return m.number(ORDERS).signum() > 0 && m.number(DAYS) != null;
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
                return inactive();
            }
            return evaluate(m, r.quintile(m.number(DAYS), false), f.quintile(m.number(ORDERS), true),
                    mo.quintile(m.number(REVENUE), true));
        }

        Computed inactive() {
            return new Computed(params.text("code.000", "INACTIVE"), "000", null, "RFM 000: no orders in the window");
        }

        Computed evaluate(CustomerMetrics m, int rs, int fs, int ms) {
            String code = "" + rs + fs + ms;
            String pattern = "" + (rs >= high ? 'H' : 'L') + (fs >= high ? 'H' : 'L') + (ms >= high ? 'H' : 'L');
            String exact = params.text("code." + code, null);
            String value = exact != null ? exact : params.text("segment." + pattern, DEFAULT_SEGMENTS.get(pattern));
            return new Computed(value, code, BigDecimal.valueOf(rs * 100L + fs * 10L + ms),
                    "RFM " + code + " (R " + rs + ": " + m.number(DAYS) + " days since last order; F "
                            + fs + ": " + m.number(ORDERS) + " orders; M " + ms + ": revenue " + m.number(REVENUE)
                            + ") → " + (exact != null ? "code." + code : "pattern " + pattern));
        }
    }
}
