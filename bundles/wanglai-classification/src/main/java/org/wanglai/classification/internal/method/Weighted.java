package org.wanglai.classification.internal.method;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wanglai.api.ValidationException;
import org.wanglai.classification.internal.expr.Type;
import org.wanglai.classification.internal.metrics.CustomerMetrics;

/**
 * Weighted multi-indicator score. Each indicator ({@code weight.<metric>=w}) is normalised to its percentile rank
 * in the population (0 = lowest, 1 = highest; ties share the rank); a negative weight means lower is better and uses
 * 1 − rank. A customer without a value for an indicator scores 0 on it. Score = 100 × Σ |w|·norm / Σ |w|, rounded to
 * 2 decimals. Thresholds {@code threshold.<VALUE>=n}: the highest threshold the score reaches gives the value, else
 * {@code default}.
 */
public final class Weighted {
    private Weighted() {
    }

    public static Map<Long, Computed> classify(List<CustomerMetrics> population, Params params) {
        Model model = fit(population, params);
        Map<Long, Computed> out = new HashMap<>();
        for (CustomerMetrics m : population) {
            out.put(m.customerId(), model.evaluate(m));
        }
        return out;
    }

    /** The percentile ranks of every weighted indicator over the population. */
    public static Model fit(List<CustomerMetrics> population, Params params) {
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        params.withPrefix("weight.").forEach((metric, w) -> {
            if (CustomerMetrics.VOCABULARY.get(metric) != Type.NUMBER) {
                throw new ValidationException(params.dimension() + ".weight." + metric, "unknown numeric metric '" + metric + "'");
            }
            weights.put(metric, params.decimal("weight." + metric, "0"));
        });
        if (weights.isEmpty()) {
            throw new ValidationException(params.dimension() + ".weight", "at least one weight.<metric> is needed");
        }
        double sumAbs = weights.values().stream().mapToDouble(w -> Math.abs(w.doubleValue())).sum();
        if (sumAbs == 0) {
            throw new ValidationException(params.dimension() + ".weight", "the weights are all zero");
        }
        Map<String, BigDecimal> thresholds = new LinkedHashMap<>();
        params.withPrefix("threshold.").forEach((v, t) -> thresholds.put(v, params.decimal("threshold." + v, "0")));
        Map<String, Ranks> ranks = new HashMap<>();
        weights.keySet().forEach(metric -> ranks.put(metric,
                new Ranks(population.stream().map(m -> m.number(metric)).toArray(BigDecimal[]::new))));
        return new Model(weights, sumAbs, thresholds, params.text("default", "GENERAL"), ranks);
    }

    /** A weighted score fitted on a population. */
    public static final class Model {
        private final Map<String, BigDecimal> weights;
        private final double sumAbs;
        private final Map<String, BigDecimal> thresholds;
        private final String fallback;
        private final Map<String, Ranks> ranks;

        Model(Map<String, BigDecimal> weights, double sumAbs, Map<String, BigDecimal> thresholds, String fallback,
                Map<String, Ranks> ranks) {
            this.weights = weights;
            this.sumAbs = sumAbs;
            this.thresholds = thresholds;
            this.fallback = fallback;
            this.ranks = ranks;
        }

        /** The score and class of one customer of the fitted population. */
        public Computed evaluate(CustomerMetrics m) {
            double total = 0;
            StringBuilder why = new StringBuilder();
            for (Map.Entry<String, BigDecimal> e : weights.entrySet()) {
                BigDecimal v = m.number(e.getKey());
                double w = e.getValue().doubleValue();
                double norm = v == null ? 0 : ranks.get(e.getKey()).percentile(v);
                if (v != null && w < 0) {
                    norm = 1 - norm;
                }
                total += Math.abs(w) * norm;
                why.append(why.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(v).append(" → ")
                        .append(BigDecimal.valueOf(norm).setScale(2, RoundingMode.HALF_UP)).append(" × ").append(e.getValue());
            }
            BigDecimal score = BigDecimal.valueOf(100 * total / sumAbs).setScale(2, RoundingMode.HALF_UP);
            String value = fallback;
            BigDecimal reached = null;
            for (Map.Entry<String, BigDecimal> t : thresholds.entrySet()) {
                if (score.compareTo(t.getValue()) >= 0 && (reached == null || t.getValue().compareTo(reached) > 0)) {
                    reached = t.getValue();
                    value = t.getKey();
                }
            }
            return new Computed(value, null, score, "score " + score + " (" + why + ")"
                    + (reached == null ? " below every threshold" : " ≥ " + reached));
        }
    }
}
