package org.wanglai.api.classification;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Why a customer is classified as it is, as of a date: the metrics (name to value: BigDecimal, Long, LocalDate or
 * String) and, per dimension, the current value, the value a run would give now and the reason.
 */
public record CustomerExplanation(long customerId, String code, String name, LocalDate asOf, LocalDate windowFrom,
        Map<String, Object> metrics, List<Explained> dimensions) {
    public CustomerExplanation {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        dimensions = List.copyOf(dimensions);
    }

    /** One dimension of the customer: current value, computed value and why; the lock's reason when locked. */
    public record Explained(String dimension, String current, String computed, String reason, boolean locked,
            String lockReason) {
    }
}
