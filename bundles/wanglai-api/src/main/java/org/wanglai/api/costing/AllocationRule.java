package org.wanglai.api.costing;

/**
 * Spreads the host cost pool {@code poolCode} over customers by {@code driver}. {@code categoryCode} null is the
 * pool's default rule; a rule with a category code applies to the customers in that category's subtree (the
 * deepest matching rule wins): the pool is first split between those segments by the default rule's driver, then
 * within each segment by the segment's own driver. {@code channelCode} / {@code regionCode}, when set, restrict the
 * receiving activity to that channel / region, on top of the channel and region a cost entry itself carries.
 */
public record AllocationRule(String poolCode, String categoryCode, CostDriver driver, String channelCode,
        String regionCode) {

    public AllocationRule {
        poolCode = blankToNull(poolCode);
        categoryCode = blankToNull(categoryCode);
        channelCode = blankToNull(channelCode);
        regionCode = blankToNull(regionCode);
    }

    public static AllocationRule of(String poolCode, CostDriver driver) {
        return new AllocationRule(poolCode, null, driver, null, null);
    }

    public boolean isDefault() {
        return categoryCode == null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
