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
        return fitAndClassify(population, params).values();
    }

    /** A model fitted on a population and the class of every customer of that population. */
    public record Fit(Model model, Map<Long, Computed> values) {
    }

    /** The percentile ranks of every weighted indicator over the population. */
    public static Model fit(List<CustomerMetrics> population, Params params) {
        return fit(population, params, null);
    }

    /**
     * Fits the model and scores the population it was fitted on from the same sorts (no search per customer); gives
     * each customer what {@link Model#evaluate} gives it.
     */
    public static Fit fitAndClassify(List<CustomerMetrics> population, Params params) {
        List<Ranks.Positional> positions = new java.util.ArrayList<>();
        Model model = fit(population, params, positions);
        Map<Long, Computed> out = new HashMap<>();
        for (int i = 0; i < population.size(); i++) {
            CustomerMetrics m = population.get(i);
            out.put(m.customerId(), model.evaluate(m, i, positions));
        }
        return new Fit(model, out);
    }

    /** With {@code positions} not null, also the members' own ranks, one entry per weight in the weights' order. */
    private static Model fit(List<CustomerMetrics> population, Params params, List<Ranks.Positional> positions) {
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
        for (String metric : weights.keySet()) {
            int at = CustomerMetrics.indexOf(metric);
            BigDecimal[] values = new BigDecimal[population.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = population.get(i).number(at);
            }
            if (positions == null) {
                ranks.put(metric, new Ranks(values));
            } else {
                Ranks.Positional p = Ranks.positional(values);
                ranks.put(metric, p.ranks());
                positions.add(p);
            }
        }
        return new Model(weights, sumAbs, thresholds, params.text("default", "GENERAL"), ranks);
    }

    /** A weighted score fitted on a population. */
    public static final class Model {
        private final Map<String, BigDecimal> weights;
        private final double sumAbs;
        private final Map<String, BigDecimal> thresholds;
        private final String fallback;
        private final Map<String, Ranks> ranks;
        private final String[] metrics;
        private final int[] at;
        private final BigDecimal[] weightOf;
        private final Ranks[] rankOf;

        Model(Map<String, BigDecimal> weights, double sumAbs, Map<String, BigDecimal> thresholds, String fallback,
                Map<String, Ranks> ranks) {
            this.weights = weights;
            this.sumAbs = sumAbs;
            this.thresholds = thresholds;
            this.fallback = fallback;
            this.ranks = ranks;
            // The weights in their order, resolved once: evaluate runs for every customer.
            this.metrics = weights.keySet().toArray(new String[0]);
            this.at = new int[metrics.length];
            this.weightOf = new BigDecimal[metrics.length];
            this.rankOf = new Ranks[metrics.length];
            for (int i = 0; i < metrics.length; i++) {
                at[i] = CustomerMetrics.indexOf(metrics[i]);
                weightOf[i] = weights.get(metrics[i]);
                rankOf[i] = ranks.get(metrics[i]);
            }
        }

        /** The score and class of one customer of the fitted population. */
        public Computed evaluate(CustomerMetrics m) {
            return evaluate(m, -1, null);
        }

        /** With {@code positions}, {@code m} is member {@code member} of the population the model was fitted on. */
        Computed evaluate(CustomerMetrics m, int member, List<Ranks.Positional> positions) {
            double total = 0;
            StringBuilder why = new StringBuilder();
            for (int i = 0; i < metrics.length; i++) {
                BigDecimal v = m.number(at[i]);
                BigDecimal weight = weightOf[i];
                double w = weight.doubleValue();
                double norm = v == null ? 0 : positions == null ? rankOf[i].percentile(v) : positions.get(i).percentile(member);
                if (v != null && w < 0) {
                    norm = 1 - norm;
                }
                total += Math.abs(w) * norm;
                why.append(why.length() == 0 ? "" : ", ").append(metrics[i]).append(' ').append(v).append(" → ")
                        .append(BigDecimal.valueOf(norm).setScale(2, RoundingMode.HALF_UP)).append(" × ").append(weight);
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
