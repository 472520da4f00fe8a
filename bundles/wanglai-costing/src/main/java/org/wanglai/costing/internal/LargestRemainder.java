package org.wanglai.costing.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a whole number of cents in proportion to weights so that the parts add up exactly (Hamilton's
 * largest-remainder method). Each part first gets the floor of its exact share; the cents left over go one each to
 * the parts with the largest remainders, ties to the lower index, so the result is deterministic for a given
 * order of the weights. Negative amounts are split as their absolute value and negated.
 */
public final class LargestRemainder {
    private LargestRemainder() {
    }

    /**
     * @param cents the amount in cents
     * @param weights non-negative weights, at least one positive
     * @return cents per weight, in the same order, summing to {@code cents}
     */
    public static long[] split(long cents, List<BigDecimal> weights) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal w : weights) {
            if (w.signum() < 0) {
                throw new IllegalArgumentException("negative weight " + w);
            }
            total = total.add(w);
        }
        if (total.signum() == 0) {
            throw new IllegalArgumentException("all weights are zero");
        }
        boolean negative = cents < 0;
        BigDecimal amount = BigDecimal.valueOf(Math.abs(cents));
        int n = weights.size();
        long[] parts = new long[n];
        BigDecimal[] remainders = new BigDecimal[n];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            BigDecimal[] qr = amount.multiply(weights.get(i)).divideAndRemainder(total);
            parts[i] = qr[0].toBigIntegerExact().longValueExact();
            remainders[i] = qr[1];
            assigned += parts[i];
        }
        long left = Math.abs(cents) - assigned;
        if (left > 0) {
            List<Integer> order = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            order.sort(Comparator.<Integer, BigDecimal>comparing(i -> remainders[i]).reversed()
                    .thenComparing(Comparator.naturalOrder()));
            for (int k = 0; k < left; k++) {
                parts[order.get(k)]++;
            }
        }
        if (negative) {
            for (int i = 0; i < n; i++) {
                parts[i] = -parts[i];
            }
        }
        return parts;
    }
}
