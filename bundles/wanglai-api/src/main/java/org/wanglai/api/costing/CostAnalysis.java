package org.wanglai.api.costing;

import java.time.YearMonth;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Cost-to-serve allocation and the profitability cube. Registered by the costing bundle; nothing else depends on
 * it.
 */
@ProviderType
public interface CostAnalysis {

    /**
     * Allocates every cost pool entry of {@code month} to customers with the current rules, adds the financing
     * cost of slow payment, and replaces the month's cube facts, all in one transaction. Idempotent: running a month
     * again replaces its results and adds a run to the history.
     *
     * @throws ReconciliationException when a pool cannot be allocated exactly to the cent (nothing is written)
     * @throws org.wanglai.api.ValidationException when the month's data cannot be analysed (e.g. another currency)
     */
    AllocationRun allocate(YearMonth month, String user);

    /** The run history, newest first; {@code from}/{@code to} may be null for no bound. */
    List<AllocationRun> runs(YearMonth from, YearMonth to);

    /** The latest successful run of {@code month}, with its pool reconciliation, or null. */
    AllocationRun latestRun(YearMonth month);

    /** The allocation rules in force. */
    List<AllocationRule> rules();

    /**
     * Replaces the allocation rules after validating them all (pools, categories, channels, regions exist; driver
     * known; one rule per pool and category; a pool with category rules also has a default rule).
     *
     * @throws org.wanglai.api.ValidationException naming the rule (row, 1-based) and field of every problem
     */
    List<AllocationRule> saveRules(List<AllocationRule> rules, String user);

    /**
     * Rolls the cube up to the query's dimensions: one SQL GROUP BY over the stored facts.
     *
     * @throws org.wanglai.api.ValidationException for an unknown dimension, measure, filter or sort
     */
    CubeResult query(CubeQuery query);

    /** The dimensions and measures {@link #query(CubeQuery)} accepts, with their labels. */
    CubeMetadata metadata();
}
