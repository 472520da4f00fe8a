package org.wanglai.classification.internal.method;

import java.math.BigDecimal;
import java.util.Arrays;

/** Rank statistics over a population, with ties sharing a rank. */
final class Ranks {
    private final BigDecimal[] sorted;

    Ranks(BigDecimal[] values) {
        this.sorted = Arrays.stream(values).filter(v -> v != null).sorted().toArray(BigDecimal[]::new);
    }

    int size() {
        return sorted.length;
    }

    /** How many values of the population are strictly below {@code v}. */
    int below(BigDecimal v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].compareTo(v) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many values are strictly above {@code v}. */
    int above(BigDecimal v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].compareTo(v) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return sorted.length - lo;
    }

    /**
     * Quintile score 1..5 of {@code v}: 1 + floor(5 × (values strictly worse) / n). Ties get the same score.
     * {@code higherIsBetter} false inverts (recency: fewer days is better).
     */
    int quintile(BigDecimal v, boolean higherIsBetter) {
        int worse = higherIsBetter ? below(v) : above(v);
        return Math.min(5, 1 + (5 * worse) / sorted.length);
    }

    /** Percentile rank in [0, 1]: (values strictly below) / (n − 1); 0 for a population of one. */
    double percentile(BigDecimal v) {
        return sorted.length <= 1 ? 0 : (double) below(v) / (sorted.length - 1);
    }
}
