package org.wanglai.costing.internal;

import java.math.BigDecimal;

/** Cost allocated to one receiver (customer × channel × region) from one pool. */
public record Allocation(long customerId, long categoryId, long channelId, long regionId, long poolId,
        BigDecimal amount, BigDecimal driverQty) {
}
