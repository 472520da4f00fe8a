package org.wanglai.api.costing;

import org.wanglai.api.Money;

/**
 * How one group of cost entries (pool × channel × region of the entries) was spread: the rule's driver, the
 * amount booked in the host ledger and the amount allocated (always equal), the number of receiving customers.
 * {@code segments} tells how many category strategies applied; {@code fallbacks} how many segments had no activity
 * of their own driver and fell back to the default driver; {@code widened} that the entries' channel/region had no
 * activity at all and were spread over the wider scope (channel only, then company-wide), when the administrator
 * allows it.
 */
public record PoolReconciliation(String poolCode, String channelCode, String regionCode, CostDriver driver,
        Money amount, Money allocated, long receivers, int segments, int fallbacks, boolean widened) {
}
