package org.wanglai.api.classification;

/**
 * EventAdmin topics the classification capability posts. {@code RUN_APPLIED}: properties {@code runId} (Long),
 * {@code changes} (Long), {@code trigger} (String), {@code user} (String). {@code CUSTOMER_RECLASSIFIED}: one event
 * per changed customer of a run of at most 100 customers, properties {@code customerId} (Long), {@code runId} (Long),
 * {@code dimensions} (String[]).
 */
public final class ClassificationTopics {
    private ClassificationTopics() {
    }

    public static final String PREFIX = "org/wanglai/classification/";
    public static final String RUN_APPLIED = PREFIX + "RUN_APPLIED";
    public static final String CUSTOMER_RECLASSIFIED = PREFIX + "CUSTOMER_RECLASSIFIED";
}
