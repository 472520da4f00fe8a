package org.wanglai.classification.internal.method;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.wanglai.api.ValidationException;
import org.wanglai.classification.internal.expr.Type;
import org.wanglai.classification.internal.metrics.CustomerMetrics;

/**
 * k-means on standardised metrics ({@code features}, z-scores over the population; a missing value counts as the
 * mean). Deterministic: {@code restarts} (default 10) k-means++ seedings drawn from {@code seed}, each followed by Lloyd
 * iterations until no customer moves (at most 100); the solution with the least within-cluster spread wins.
 * Clusters are numbered 1..k by the centre of the first feature, highest first, so that the numbers stay stable
 * between runs; {@code value.<n>} names cluster n (default {@code C<n>}). The profiles (size and centre in the
 * features' own units) let a person name the clusters.
 */
public final class KMeans {

    /** One cluster: its number, value, size and centre per feature in the features' units. */
    public record Profile(int cluster, String value, int size, Map<String, BigDecimal> centre) {
    }

    /** The assignment of every customer and the cluster profiles. */
    public record Result(Map<Long, Computed> values, List<Profile> profiles) {
    }

    private KMeans() {
    }

    public static Result classify(List<CustomerMetrics> population, Params params) {
        Model model = fit(population, params);
        Map<Long, Computed> out = new HashMap<>();
        for (CustomerMetrics m : population) {
            out.put(m.customerId(), model.evaluate(m));
        }
        return new Result(out, model.profiles());
    }

    /**
     * Standardisation, clusters and profiles of a population. A customer of the population is in the cluster whose
     * final centre is nearest to it: Lloyd's last pass assigns every customer that way, so {@link Model#evaluate}
     * gives each customer the cluster the fit gave it.
     */
    public static Model fit(List<CustomerMetrics> population, Params params) {
        int k = params.integer("k", 4, 2, 20);
        long seed = params.integer("seed", 42, 0, Integer.MAX_VALUE);
        List<String> features = Arrays.stream(params.text("features", "revenue,orders").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String f : features) {
            if (CustomerMetrics.VOCABULARY.get(f) != Type.NUMBER) {
                throw new ValidationException(params.dimension() + ".features", "unknown numeric metric '" + f + "'");
            }
        }
        int n = population.size();
        int d = features.size();
        int[] at = features.stream().mapToInt(CustomerMetrics::indexOf).toArray();
        double[] means = new double[d];
        double[] sds = new double[d];
        if (n == 0) {
            return new Model(features, means, sds, new double[0][], new int[0], List.of(), Map.of());
        }
        double[][] raw = new double[n][d];
        double[][] x = new double[n][d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            int count = 0;
            for (int i = 0; i < n; i++) {
                BigDecimal v = population.get(i).number(at[j]);
                if (v != null) {
                    sum += v.doubleValue();
                    count++;
                }
            }
            double mean = count == 0 ? 0 : sum / count;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                BigDecimal v = population.get(i).number(at[j]);
                raw[i][j] = v == null ? mean : v.doubleValue();
                ss += (raw[i][j] - mean) * (raw[i][j] - mean);
            }
            double sd = Math.sqrt(ss / n);
            means[j] = mean;
            sds[j] = sd;
            for (int i = 0; i < n; i++) {
                x[i][j] = sd == 0 ? 0 : (raw[i][j] - mean) / sd;
            }
        }
        int kk = Math.min(k, n);
        int restarts = params.integer("restarts", 10, 1, 100);
        Random random = new Random(seed);
        int[] assign = null;
        double[][] finalCentres = null;
        double bestInertia = Double.MAX_VALUE;
        for (int r = 0; r < restarts; r++) {
            Lloyd l = lloyd(x, seed(x, kk, random), d);
            double inertia = inertia(x, l.assign(), kk, d);
            if (inertia < bestInertia - 1e-9) {
                bestInertia = inertia;
                assign = l.assign();
                finalCentres = l.centres();
            }
        }
        // Centres in the features' own units, and the stable numbering.
        double[][] rawCentre = new double[kk][d];
        int[] size = new int[kk];
        for (int i = 0; i < n; i++) {
            size[assign[i]]++;
            for (int j = 0; j < d; j++) {
                rawCentre[assign[i]][j] += raw[i][j];
            }
        }
        Integer[] order = new Integer[kk];
        for (int c = 0; c < kk; c++) {
            order[c] = c;
            for (int j = 0; j < d; j++) {
                rawCentre[c][j] = size[c] == 0 ? 0 : rawCentre[c][j] / size[c];
            }
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -rawCentre[c][0]).thenComparingInt(c -> c));
        int[] number = new int[kk];
        List<Profile> profiles = new ArrayList<>();
        for (int rank = 0; rank < kk; rank++) {
            int c = order[rank];
            number[c] = rank + 1;
            Map<String, BigDecimal> centre = new java.util.LinkedHashMap<>();
            for (int j = 0; j < d; j++) {
                centre.put(features.get(j), BigDecimal.valueOf(rawCentre[c][j]).setScale(2, RoundingMode.HALF_UP));
            }
            profiles.add(new Profile(rank + 1, params.text("value." + (rank + 1), "C" + (rank + 1)), size[c], centre));
        }
        Map<Long, Integer> lloydClusters = new HashMap<>();
        for (int i = 0; i < n; i++) {
            lloydClusters.put(population.get(i).customerId(), number[assign[i]]);
        }
        return new Model(features, means, sds, finalCentres, number, profiles, lloydClusters);
    }

    private record Lloyd(int[] assign, double[][] centres) {
    }

    /** k-means fitted on a population. */
    public static final class Model {
        private final List<String> features;
        private final double[] means;
        private final double[] sds;
        private final double[][] centres;
        private final int[] number;
        private final List<Profile> profiles;
        private final Map<Long, Integer> lloydClusters;
        private final int[] at;

        Model(List<String> features, double[] means, double[] sds, double[][] centres, int[] number,
                List<Profile> profiles, Map<Long, Integer> lloydClusters) {
            this.lloydClusters = lloydClusters;
            this.features = features;
            this.means = means;
            this.sds = sds;
            this.centres = centres;
            this.number = number;
            this.profiles = List.copyOf(profiles);
            this.at = features.stream().mapToInt(CustomerMetrics::indexOf).toArray();
        }

        public List<Profile> profiles() {
            return profiles;
        }

        /** The cluster number Lloyd's iterations gave each customer of the population. */
        Map<Long, Integer> lloydClusters() {
            return lloydClusters;
        }

        /** The cluster of one customer of the fitted population; null when the population was empty. */
        public Computed evaluate(CustomerMetrics m) {
            if (centres.length == 0) {
                return null;
            }
            double[] x = new double[features.size()];
            for (int j = 0; j < x.length; j++) {
                BigDecimal v = m.number(at[j]);
                double raw = v == null ? means[j] : v.doubleValue();
                x[j] = sds[j] == 0 ? 0 : (raw - means[j]) / sds[j];
            }
            Profile p = profiles.get(number[nearest(x, centres)] - 1);
            return new Computed(p.value(), String.valueOf(p.cluster()), BigDecimal.valueOf(p.cluster()),
                    "cluster " + p.cluster() + " of " + centres.length + " (centre " + p.centre() + ")");
        }
    }

    /** Lloyd iterations; returns the assignment and the centres its last pass assigned to. */
    private static Lloyd lloyd(double[][] x, double[][] centres, int d) {
        int n = x.length;
        int kk = centres.length;
        int[] assign = new int[n];
        java.util.Arrays.fill(assign, -1);
        double[][] used = centres;
        for (int iter = 0; iter < 100; iter++) {
            used = centres;
            boolean moved = false;
            for (int i = 0; i < n; i++) {
                int best = nearest(x[i], centres);
                if (best != assign[i]) {
                    assign[i] = best;
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
            double[][] next = new double[kk][d];
            int[] size = new int[kk];
            for (int i = 0; i < n; i++) {
                size[assign[i]]++;
                for (int j = 0; j < d; j++) {
                    next[assign[i]][j] += x[i][j];
                }
            }
            for (int c = 0; c < kk; c++) {
                for (int j = 0; j < d; j++) {
                    next[c][j] = size[c] == 0 ? centres[c][j] : next[c][j] / size[c];
                }
            }
            centres = next;
        }
        return new Lloyd(assign, used);
    }

    /** Sum of squared distances of every point to the centre of its cluster. */
    private static double inertia(double[][] x, int[] assign, int kk, int d) {
        double[][] centre = new double[kk][d];
        int[] size = new int[kk];
        for (int i = 0; i < x.length; i++) {
            size[assign[i]]++;
            for (int j = 0; j < d; j++) {
                centre[assign[i]][j] += x[i][j];
            }
        }
        for (int c = 0; c < kk; c++) {
            for (int j = 0; j < d; j++) {
                centre[c][j] = size[c] == 0 ? 0 : centre[c][j] / size[c];
            }
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += sq(x[i], centre[assign[i]]);
        }
        return s;
    }

    /** k-means++: the first centre at random, each next one with probability proportional to squared distance. */
    private static double[][] seed(double[][] x, int k, Random random) {
        int n = x.length;
        double[][] centres = new double[k][];
        centres[0] = x[random.nextInt(n)].clone();
        double[] dist = new double[n];
        Arrays.fill(dist, Double.MAX_VALUE);
        for (int c = 1; c < k; c++) {
            // The distance to the nearest centre so far: the minimum over the earlier centres, kept up to date with
            // the newest one only (the same minimum as recomputing it over all of them).
            double[] newest = centres[c - 1];
            double total = 0;
            for (int i = 0; i < n; i++) {
                dist[i] = Math.min(dist[i], sq(x[i], newest));
                total += dist[i];
            }
            int chosen = 0;
            if (total > 0) {
                double r = random.nextDouble() * total;
                for (int i = 0; i < n; i++) {
                    r -= dist[i];
                    if (r <= 0) {
                        chosen = i;
                        break;
                    }
                }
            } else {
                chosen = random.nextInt(n);
            }
            centres[c] = x[chosen].clone();
        }
        return centres;
    }

    private static int nearest(double[] p, double[][] centres) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        int d = p.length;
        for (int c = 0; c < centres.length; c++) {
            double[] centre = centres[c];
            double dd = 0;
            int j = 0;
            // Partial sums only grow (non-negative terms): once one reaches the best distance, this centre loses.
            for (; j < d && dd < bestD; j++) {
                double diff = p[j] - centre[j];
                dd += diff * diff;
            }
            if (j == d && dd < bestD) {
                bestD = dd;
                best = c;
            }
        }
        return best;
    }

    private static double sq(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }
}
