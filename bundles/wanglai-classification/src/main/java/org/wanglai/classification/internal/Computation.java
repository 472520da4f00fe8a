package org.wanglai.classification.internal;

import java.util.List;
import java.util.Map;

import org.wanglai.classification.internal.method.Computed;
import org.wanglai.classification.internal.method.KMeans;
import org.wanglai.classification.internal.metrics.CustomerMetrics;

/**
 * Everything one run computed before writing: the metrics, the computed value per dimension and customer, the
 * current values and locks, the k-means profiles, and the dimensions that were skipped with why.
 */
record Computation(Catalog catalog, List<CustomerMetrics> metrics, List<String> dimensions,
        Map<String, Map<Long, Computed>> computed, Map<Long, Map<String, String>> current,
        Map<Long, Map<String, ClsLock>> locks, List<KMeans.Profile> clusters, Map<String, String> skipped) {

    /** A manual override. */
    record ClsLock(String value, String reason, String user) {
    }

    /** One value that moves. */
    record Change(long customerId, String code, String dimension, String from, String to, Computed computed) {
    }
}
