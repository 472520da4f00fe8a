package org.wanglai.costing.internal;

/**
 * EventAdmin topics the costing capability posts. Properties: {@code month} (String yyyy-MM), {@code runId} (Long,
 * completed only), {@code user} (String), {@code allocated}, {@code financing}, {@code revenue} (String plain decimals,
 * completed only), {@code currency} (String), {@code message} (String, failed only).
 */
final class CostingTopics {
    private CostingTopics() {
    }

    static final String ALLOCATION_COMPLETED = "org/wanglai/costing/ALLOCATION_COMPLETED";
    static final String ALLOCATION_FAILED = "org/wanglai/costing/ALLOCATION_FAILED";
    static final String RULES_CHANGED = "org/wanglai/costing/RULES_CHANGED";
}
