package org.wanglai.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Durations of repeated runs of one operation, in milliseconds, with median and spread. */
record Samples(double[] millis) {
    private static final Logger LOG = LoggerFactory.getLogger(Samples.class);

    Samples {
        millis = millis.clone();
        Arrays.sort(millis);
        if (millis.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
    }

    /** Runs {@code op} {@code warmups} times unmeasured, then {@code repeats} times measured. */
    static Samples measure(String what, int warmups, int repeats, Callable<?> op) throws Exception {
        for (int i = 0; i < warmups; i++) {
            long t0 = System.nanoTime();
            op.call();
            LOG.info("{}: warm-up {} took {} ms", what, i + 1, (System.nanoTime() - t0) / 1_000_000);
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            op.call();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            LOG.info("{}: run {} took {} ms", what, i + 1, Math.round(ms[i]));
        }
        return new Samples(ms);
    }

    /**
     * Two operations measured alternately (warm-ups of both first, then A, B, A, B, ...), so that a change in the
     * machine's load during the runs hits both alike. Returns the samples of A and of B.
     */
    static Samples[] alternate(String whatA, Callable<?> a, String whatB, Callable<?> b, int warmups, int repeats)
            throws Exception {
        return alternate(whatA, a, whatB, b, warmups, repeats, null, null);
    }

    /**
     * As {@link #alternate(String, Callable, String, Callable, int, int)}, with one run of A under a JFR recording
     * named {@code profile} ({@link Profiler#record}) instead of an extra run: the first warm-up of A when there is
     * one, else its first measured run (the recording's overhead then is part of that sample).
     */
    static Samples[] alternate(String whatA, Callable<?> a, String whatB, Callable<?> b, int warmups, int repeats,
            Profiler profiler, String profile) throws Exception {
        for (int i = 0; i < warmups; i++) {
            Callable<?> op = i == 0 && profiler != null ? () -> profiler.record(profile, a) : a;
            LOG.info("{}: warm-up {} took {} ms", whatA, i + 1, Math.round(time(op)));
            LOG.info("{}: warm-up {} took {} ms", whatB, i + 1, Math.round(time(b)));
        }
        double[] ma = new double[repeats];
        double[] mb = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            ma[i] = time(i == 0 && warmups == 0 && profiler != null ? () -> profiler.record(profile, a) : a);
            LOG.info("{}: run {} took {} ms", whatA, i + 1, Math.round(ma[i]));
            mb[i] = time(b);
            LOG.info("{}: run {} took {} ms", whatB, i + 1, Math.round(mb[i]));
        }
        return new Samples[] { new Samples(ma), new Samples(mb) };
    }

    private static double time(Callable<?> op) throws Exception {
        long t0 = System.nanoTime();
        op.call();
        return (System.nanoTime() - t0) / 1e6;
    }

    double median() {
        return percentile(50);
    }

    double min() {
        return millis[0];
    }

    double max() {
        return millis[millis.length - 1];
    }

    int count() {
        return millis.length;
    }

    /** Linear interpolation between closest ranks. */
    double percentile(double p) {
        if (millis.length == 1) {
            return millis[0];
        }
        double rank = p / 100.0 * (millis.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return millis[lo] + (millis[hi] - millis[lo]) * (rank - lo);
    }

    /** "1234 ms (1200–1300, n=5)". */
    String describe() {
        return String.format(Locale.ROOT, "%s (%s–%s, n=%d)", ms(median()), ms(min()), ms(max()), count());
    }

    static String ms(double ms) {
        if (ms >= 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        }
        if (ms >= 10) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        if (ms >= 0.1) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        return String.format(Locale.ROOT, "%.1f µs", ms * 1000);
    }
}
