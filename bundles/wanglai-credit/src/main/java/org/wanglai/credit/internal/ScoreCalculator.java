package org.wanglai.credit.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The explainable credit score: each factor is mapped linearly onto 0–100 between a "best" and a "worst" value,
 * then weighted; factors without data (no sales, no invoices, no external score) drop out and the others' weights
 * are re-normalised. Contribution of a factor = weight share × its 0–100 value; the contributions add up to the
 * score. Pure: no I/O.
 */
final class ScoreCalculator {

    /** The factors, with the value that scores 100 and the value that scores 0. */
    enum Factor {
        DSO("dso", 30, 120), LATE("late", 0, 60), SHARE("share", 0, 0.5), WORST("worst", 0, 180),
        TENURE("tenure", 60, 0), TREND("trend", 1.2, 0.5), EXTERNAL("external", 100, 0);

        final String key;
        final BigDecimal best;
        final BigDecimal worst;

        Factor(String key, double best, double worst) {
            this.key = key;
            this.best = BigDecimal.valueOf(best);
            this.worst = BigDecimal.valueOf(worst);
        }

        /** 0–100, linear between worst and best, clamped. */
        BigDecimal points(BigDecimal value) {
            BigDecimal span = best.subtract(worst);
            BigDecimal p = value.subtract(worst).multiply(Snapshot.HUNDRED).divide(span, 6, RoundingMode.HALF_UP);
            if (p.signum() < 0) {
                return BigDecimal.ZERO;
            }
            return p.compareTo(Snapshot.HUNDRED) > 0 ? Snapshot.HUNDRED : p;
        }
    }

    /** Raw factor values of one customer; null when the factor has no data. */
    record Inputs(BigDecimal dso, BigDecimal avgDaysLate, BigDecimal overdueShare, BigDecimal worstDays,
            BigDecimal tenureMonths, BigDecimal trend, BigDecimal external, BigDecimal monthlySales) {

        Map<Factor, BigDecimal> values() {
            Map<Factor, BigDecimal> m = new LinkedHashMap<>();
            m.put(Factor.DSO, dso);
            m.put(Factor.LATE, avgDaysLate);
            m.put(Factor.SHARE, overdueShare);
            m.put(Factor.WORST, worstDays);
            m.put(Factor.TENURE, tenureMonths);
            m.put(Factor.TREND, trend);
            m.put(Factor.EXTERNAL, external);
            return m;
        }
    }

    /** The score, its grade, the recommended limit and each factor's contribution (null when absent). */
    record Result(BigDecimal score, String grade, BigDecimal recommendedLimit, Map<Factor, BigDecimal> contributions) {
    }

    private final Map<Factor, BigDecimal> weights;
    private final List<BigDecimal> thresholds;
    private final Map<String, BigDecimal> multipliers;

    ScoreCalculator(String weights, String thresholds, String multipliers) {
        this.weights = parseWeights(weights);
        this.thresholds = parseThresholds(thresholds);
        this.multipliers = parseMultipliers(multipliers);
    }

    Result score(Inputs in) {
        BigDecimal totalWeight = BigDecimal.ZERO;
        Map<Factor, BigDecimal> values = in.values();
        for (Map.Entry<Factor, BigDecimal> e : values.entrySet()) {
            if (e.getValue() != null) {
                totalWeight = totalWeight.add(weights.get(e.getKey()));
            }
        }
        if (totalWeight.signum() == 0) {
            return null;
        }
        Map<Factor, BigDecimal> contributions = new LinkedHashMap<>();
        BigDecimal score = BigDecimal.ZERO;
        for (Map.Entry<Factor, BigDecimal> e : values.entrySet()) {
            if (e.getValue() == null) {
                contributions.put(e.getKey(), null);
                continue;
            }
            BigDecimal c = e.getKey().points(e.getValue()).multiply(weights.get(e.getKey()))
                    .divide(totalWeight, 6, RoundingMode.HALF_UP);
            contributions.put(e.getKey(), c.setScale(1, RoundingMode.HALF_UP));
            score = score.add(c);
        }
        score = score.setScale(1, RoundingMode.HALF_UP);
        String grade = grade(score);
        BigDecimal limit = null;
        if (in.monthlySales() != null) {
            limit = in.monthlySales().multiply(multipliers.get(grade)).divide(BigDecimal.valueOf(1000), 0, RoundingMode.HALF_UP)
                    .multiply(BigDecimal.valueOf(1000)).setScale(2);
        }
        return new Result(score, grade, limit, Collections.unmodifiableMap(contributions));
    }

    String grade(BigDecimal score) {
        for (int i = 0; i < thresholds.size(); i++) {
            if (score.compareTo(thresholds.get(i)) >= 0) {
                return Grades.ALL.get(i);
            }
        }
        return "D";
    }

    /** The inputs from one row of the factor query; tenure from the customer's creation date. */
    static Inputs inputs(CreditMapper.FactorRow r, LocalDate from, LocalDate asOf) {
        long windowDays = ChronoUnit.DAYS.between(from, asOf) + 1;
        BigDecimal sales = nz(r.sales());
        BigDecimal dso = null;
        BigDecimal monthly = null;
        if (sales.signum() > 0) {
            dso = nz(r.openAmount()).multiply(BigDecimal.valueOf(windowDays)).divide(sales, 1, RoundingMode.HALF_UP);
            if (dso.signum() < 0) {
                dso = BigDecimal.ZERO.setScale(1);
            }
            monthly = sales.multiply(BigDecimal.valueOf(30)).divide(BigDecimal.valueOf(windowDays), 2, RoundingMode.HALF_UP);
        }
        BigDecimal late = null;
        BigDecimal share = null;
        BigDecimal worst = null;
        if (r.invoices() != null && r.invoices() > 0) {
            if (nz(r.lateBase()).signum() > 0) {
                late = nz(r.weightedLate()).divide(r.lateBase(), 1, RoundingMode.HALF_UP);
            }
            share = BigDecimal.valueOf(r.lateInvoices() == null ? 0 : r.lateInvoices())
                    .divide(BigDecimal.valueOf(r.invoices()), 4, RoundingMode.HALF_UP);
            worst = BigDecimal.valueOf(r.worstLate() == null ? 0 : r.worstLate());
        }
        BigDecimal tenure = r.createdDate() == null ? null
                : BigDecimal.valueOf(Math.max(0, ChronoUnit.MONTHS.between(r.createdDate(), asOf)));
        BigDecimal trend = null;
        if (nz(r.firstHalf()).signum() > 0) {
            trend = nz(r.secondHalf()).divide(r.firstHalf(), 4, RoundingMode.HALF_UP);
        } else if (nz(r.secondHalf()).signum() > 0) {
            trend = new BigDecimal("2.0000"); // new business in the second half only: rising
        }
        return new Inputs(dso, late, share, worst, tenure, trend, r.externalScore(), monthly);
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static Map<Factor, BigDecimal> parseWeights(String spec) {
        Map<Factor, BigDecimal> w = new LinkedHashMap<>();
        for (Factor f : Factor.values()) {
            w.put(f, BigDecimal.ZERO);
        }
        for (Map.Entry<String, BigDecimal> e : pairs("scoreWeights", spec).entrySet()) {
            Factor f = null;
            for (Factor x : Factor.values()) {
                if (x.key.equals(e.getKey())) {
                    f = x;
                }
            }
            if (f == null) {
                throw new IllegalArgumentException("Setting 'scoreWeights': unknown factor '" + e.getKey()
                        + "' (known: dso, late, share, worst, tenure, trend, external)");
            }
            w.put(f, e.getValue());
        }
        if (w.values().stream().allMatch(v -> v.signum() == 0)) {
            throw new IllegalArgumentException("Setting 'scoreWeights': at least one weight must be positive");
        }
        return w;
    }

    private static List<BigDecimal> parseThresholds(String spec) {
        List<BigDecimal> t = new ArrayList<>();
        for (String s : spec.split(",")) {
            try {
                t.add(new BigDecimal(s.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Setting 'gradeThresholds': '" + s.trim() + "' is not a number");
            }
        }
        if (t.size() != 5) {
            throw new IllegalArgumentException("Setting 'gradeThresholds': expected 5 descending minimum scores for "
                    + "AAA, AA, A, B, C (D below), was " + t.size());
        }
        for (int i = 1; i < t.size(); i++) {
            if (t.get(i).compareTo(t.get(i - 1)) >= 0) {
                throw new IllegalArgumentException("Setting 'gradeThresholds': must descend, " + t.get(i) + " after " + t.get(i - 1));
            }
        }
        return List.copyOf(t);
    }

    private static Map<String, BigDecimal> parseMultipliers(String spec) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (Map.Entry<String, BigDecimal> e : pairs("limitMultipliers", spec).entrySet()) {
            String g = e.getKey().toUpperCase(Locale.ROOT);
            if (Grades.rank(g) < 0) {
                throw new IllegalArgumentException("Setting 'limitMultipliers': unknown grade '" + e.getKey() + "'");
            }
            m.put(g, e.getValue());
        }
        for (String g : Grades.ALL) {
            if (!m.containsKey(g)) {
                throw new IllegalArgumentException("Setting 'limitMultipliers': no multiplier for grade " + g);
            }
        }
        return m;
    }

    private static Map<String, BigDecimal> pairs(String setting, String spec) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("Setting '" + setting + "': expected key=number, was '" + part.trim() + "'");
            }
            try {
                BigDecimal v = new BigDecimal(kv[1].trim());
                if (v.signum() < 0) {
                    throw new IllegalArgumentException("Setting '" + setting + "': " + kv[0].trim() + " must not be negative");
                }
                m.put(kv[0].trim().toLowerCase(Locale.ROOT), v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Setting '" + setting + "': '" + kv[1].trim() + "' is not a number");
            }
        }
        return m;
    }
}
