package org.wanglai.api.costing;

import java.time.YearMonth;
import java.util.List;

/**
 * An allocation run could not allocate every cost pool exactly (a pool without a rule, without any receiving
 * activity in its channel/region, or a sum that does not match to the cent). Nothing of the run was written.
 */
public class ReconciliationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final YearMonth month;
    private final List<String> problems;

    public ReconciliationException(YearMonth month, List<String> problems) {
        super("Allocation of " + month + " does not reconcile: " + String.join("; ", problems));
        this.month = month;
        this.problems = List.copyOf(problems);
    }

    public YearMonth month() {
        return month;
    }

    public List<String> problems() {
        return problems;
    }
}
