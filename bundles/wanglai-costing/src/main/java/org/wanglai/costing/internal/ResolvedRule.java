package org.wanglai.costing.internal;

import org.wanglai.api.costing.CostDriver;

/**
 * An allocation rule with its codes resolved to host ids: {@code categoryId} 0 for the pool's default rule,
 * {@code channelId}/{@code regionId} 0 for no restriction.
 */
public record ResolvedRule(long poolId, long categoryId, CostDriver driver, long channelId, long regionId) {
    public boolean isDefault() {
        return categoryId == 0;
    }
}
