package org.wanglai.costing.internal;

import java.math.BigDecimal;

/** The cost entries of one pool in one month that share a channel and region scope (0 = company-wide). */
public record EntryGroup(long poolId, long channelId, long regionId, BigDecimal amount) {
}
