package org.wanglai.classification.internal;

import java.util.List;
import java.util.Map;

import org.wanglai.classification.internal.method.KMeans;
import org.wanglai.classification.internal.method.Rfm;
import org.wanglai.classification.internal.method.Weighted;

/**
 * What the population methods learnt from all customers as of a date over a window: RFM quintile boundaries,
 * weighted-score percentile ranks, k-means standardisation and centres. With these, any one customer's values are
 * computed from that customer's metrics alone.
 */
record Fitted(Map<String, Rfm.Model> rfm, Map<String, Weighted.Model> weighted, Map<String, KMeans.Model> kmeans,
        List<KMeans.Profile> clusters) {
    Fitted {
        rfm = Map.copyOf(rfm);
        weighted = Map.copyOf(weighted);
        kmeans = Map.copyOf(kmeans);
        clusters = List.copyOf(clusters);
    }
}
