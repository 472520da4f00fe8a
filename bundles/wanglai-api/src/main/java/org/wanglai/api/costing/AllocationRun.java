package org.wanglai.api.costing;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.wanglai.api.Money;

/**
 * One allocation run of a month: what was allocated, by whom, and the per-pool reconciliation. {@code poolTotal}
 * equals {@code allocated} to the cent for every recorded run.
 */
public record AllocationRun(long id, YearMonth month, Instant startedAt, long durationMillis, String user,
        Money poolTotal, Money allocated, Money financingCost, Money revenue, Money cogs, long customers,
        long factRows, boolean current, List<PoolReconciliation> pools) {

    public AllocationRun {
        pools = pools == null ? List.of() : List.copyOf(pools);
    }
}
