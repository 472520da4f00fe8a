package org.wanglai.costing.internal;

import java.math.BigDecimal;

/** One receiver's activity of one driver in the allocated month: customer × channel × region (0 = none). */
public record DriverRow(long customerId, long categoryId, long channelId, long regionId, BigDecimal qty) {
}
