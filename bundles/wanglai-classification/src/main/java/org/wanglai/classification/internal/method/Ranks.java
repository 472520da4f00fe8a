package org.wanglai.classification.internal.method;

import java.math.BigDecimal;
import java.util.Arrays;

/** Rank statistics over a population, with ties sharing a rank. */
final class Ranks {
    private final BigDecimal[] sorted;

    Ranks(BigDecimal[] values) {
        this.sorted = Arrays.stream(values).filter(v -> v != null).sorted().toArray(BigDecimal[]::new);
    }

    /** Over values already in order ({@code inOrder} only tells this constructor from the public one). */
    private Ranks(BigDecimal[] sorted, boolean inOrder) {
        this.sorted = sorted;
    }

    /**
     * The ranks of a population together with every member's own counts, from one sort: {@code below[i]} and
     * {@code above[i]} are {@link #below} and {@link #above} of {@code values[i]} (0 where it is null), so that
     * scoring the whole population needs no search per member.
     */
    record Positional(Ranks ranks, int[] below, int[] above) {
        int quintile(int i, boolean higherIsBetter) {
            return ranks.quintileOf(higherIsBetter ? below[i] : above[i]);
        }

        double percentile(int i) {
            return ranks.percentileOf(below[i]);
        }
    }

    static Positional positional(BigDecimal[] values) {
        int m = 0;
        for (BigDecimal v : values) {
            if (v != null) {
                m++;
            }
        }
        Integer[] order = new Integer[m];
        for (int i = 0, k = 0; i < values.length; i++) {
            if (values[i] != null) {
                order[k++] = i;
            }
        }
        Arrays.sort(order, (a, b) -> values[a].compareTo(values[b]));
        BigDecimal[] sorted = new BigDecimal[m];
        for (int k = 0; k < m; k++) {
            sorted[k] = values[order[k]];
        }
        int[] below = new int[values.length];
        int[] above = new int[values.length];
        for (int first = 0; first < m;) {
            int last = first;
            while (last + 1 < m && sorted[last + 1].compareTo(sorted[first]) == 0) {
                last++;
            }
            for (int k = first; k <= last; k++) {
                below[order[k]] = first;
                above[order[k]] = m - last - 1;
            }
            first = last + 1;
        }
        return new Positional(new Ranks(sorted, true), below, above);
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
        return quintileOf(higherIsBetter ? below(v) : above(v));
    }

    private int quintileOf(int worse) {
        return Math.min(5, 1 + (5 * worse) / sorted.length);
    }

    /** Percentile rank in [0, 1]: (values strictly below) / (n − 1); 0 for a population of one. */
    double percentile(BigDecimal v) {
        return percentileOf(below(v));
    }

    private double percentileOf(int below) {
        return sorted.length <= 1 ? 0 : (double) below / (sorted.length - 1);
    }
}
