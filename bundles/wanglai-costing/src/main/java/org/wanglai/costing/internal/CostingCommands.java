package org.wanglai.costing.internal;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.ValidationException;
import org.wanglai.api.costing.AllocationRule;
import org.wanglai.api.costing.AllocationRun;
import org.wanglai.api.costing.CostAnalysis;
import org.wanglai.api.costing.CostDriver;
import org.wanglai.api.costing.CubeKey;
import org.wanglai.api.costing.CubeQuery;
import org.wanglai.api.costing.CubeResult;
import org.wanglai.api.costing.CubeRow;
import org.wanglai.api.costing.PoolReconciliation;

/**
 * Gogo commands (scope {@code wanglai}): {@code costallocate 2025-03 [2025-06]}, {@code costquery region,channel
 * revenue,net_profit 2025-01 2025-12 [sort]}, {@code costruns [month]}, {@code costrules}, {@code costrule POOL
 * DRIVER [CATEGORY]}.
 */
@Component(service = CostingCommands.class, property = { "osgi.command.scope=wanglai",
        "osgi.command.function=costallocate", "osgi.command.function=costquery", "osgi.command.function=costruns",
        "osgi.command.function=costrules", "osgi.command.function=costrule" })
public final class CostingCommands {

    private final CostAnalysis costing;

    @Activate
    public CostingCommands(@Reference CostAnalysis costing) {
        this.costing = costing;
    }

    /** Allocates one month, or every month of a range in order; stops at the first failure. */
    public String costallocate(String month) {
        return costallocate(month, month);
    }

    public String costallocate(String from, String to) {
        YearMonth first = month(from, "from");
        YearMonth last = month(to, "to");
        StringBuilder b = new StringBuilder();
        long total = 0;
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            long t0 = System.nanoTime();
            AllocationRun run;
            try {
                run = costing.allocate(m, "gogo");
            } catch (RuntimeException e) {
                return b.append(m).append(": FAILED, nothing written: ").append(e.getMessage()).append('\n').toString();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            total += ms;
            b.append(String.format("%s: run %d, pools %s allocated %s, financing %s, revenue %s, %d customers, %d fact rows, %d ms%n",
                    m, run.id(), run.poolTotal(), run.allocated(), run.financingCost(), run.revenue(), run.customers(),
                    run.factRows(), ms));
        }
        return b.append("total ").append(total).append(" ms\n").toString();
    }

    public String costquery(String dimensions, String measures, String from, String to) {
        return costquery(dimensions, measures, from, to, null);
    }

    /** Roll-up; {@code sort} a measure, '-' prefix for descending, e.g. {@code -net_profit}. */
    public String costquery(String dimensions, String measures, String from, String to, String sort) {
        boolean desc = sort != null && sort.startsWith("-");
        String sortBy = sort == null ? null : desc ? sort.substring(1) : sort;
        CubeQuery q = new CubeQuery(split(dimensions), split(measures), month(from, "from"), month(to, "to"), Map.of(),
                sortBy, desc, 50);
        long t0 = System.nanoTime();
        CubeResult r = costing.query(q);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        StringBuilder b = new StringBuilder();
        b.append(String.join(" | ", q.dimensions())).append(" | ").append(String.join(" | ", q.measures())).append('\n');
        for (CubeRow row : r.rows()) {
            List<String> cells = new ArrayList<>();
            for (CubeKey k : row.keys()) {
                cells.add(k.label().zh());
            }
            for (String m : q.measures()) {
                BigDecimal v = row.measure(m);
                cells.add(v == null ? "" : v.toPlainString());
            }
            b.append(String.join(" | ", cells)).append('\n');
        }
        List<String> totals = new ArrayList<>();
        for (String m : q.measures()) {
            BigDecimal v = r.totals().get(m);
            totals.add(m + "=" + (v == null ? "" : v.toPlainString()));
        }
        b.append("total: ").append(String.join(", ", totals)).append(" (").append(r.currency()).append(")");
        if (r.truncated()) {
            b.append(", first 50 rows shown");
        }
        return b.append(", ").append(ms).append(" ms\n").toString();
    }

    public String costruns() {
        return costruns(null);
    }

    public String costruns(String month) {
        YearMonth m = month == null ? null : month(month, "month");
        StringBuilder b = new StringBuilder();
        for (AllocationRun run : costing.runs(m, m)) {
            b.append(String.format("%s run %d%s by %s at %s: pools %s = allocated %s, financing %s, %d ms%n",
                    run.month(), run.id(), run.current() ? " (current)" : "", run.user(), run.startedAt(), run.poolTotal(),
                    run.allocated(), run.financingCost(), run.durationMillis()));
            if (m != null) {
                for (PoolReconciliation p : run.pools()) {
                    b.append(String.format("    %-18s %-8s %-10s %-16s %14s %14s %6d receivers%s%n", p.poolCode(),
                            p.channelCode() == null ? "" : p.channelCode(), p.regionCode() == null ? "" : p.regionCode(),
                            p.driver(), p.amount().amount().toPlainString(), p.allocated().amount().toPlainString(),
                            p.receivers(), (p.fallbacks() > 0 ? ", " + p.fallbacks() + " segment(s) fell back" : "")
                                    + (p.widened() ? ", spread over the wider scope" : "")));
                }
            }
        }
        return b.length() == 0 ? "no allocation runs\n" : b.toString();
    }

    public String costrules() {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (AllocationRule r : costing.rules()) {
            b.append(String.format("%2d. %-18s category %-8s driver %-16s channel %-8s region %s%n", ++i, r.poolCode(),
                    r.categoryCode() == null ? "*" : r.categoryCode(), r.driver(),
                    r.channelCode() == null ? "*" : r.channelCode(), r.regionCode() == null ? "*" : r.regionCode()));
        }
        return b.length() == 0 ? "no rules\n" : b.toString();
    }

    /** Adds or replaces the rule of {@code pool} (and {@code category}, or the default rule when omitted). */
    public String costrule(String pool, String driver) {
        return costrule(pool, driver, null);
    }

    public String costrule(String pool, String driver, String category) {
        CostDriver d;
        try {
            d = CostDriver.valueOf(driver.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("driver", "unknown driver '" + driver + "'; one of " + Arrays.toString(CostDriver.values()));
        }
        AllocationRule rule = new AllocationRule(pool, category, d, null, null);
        List<AllocationRule> rules = new ArrayList<>();
        boolean replaced = false;
        for (AllocationRule r : costing.rules()) {
            if (r.poolCode().equals(rule.poolCode()) && java.util.Objects.equals(r.categoryCode(), rule.categoryCode())) {
                rules.add(rule);
                replaced = true;
            } else {
                rules.add(r);
            }
        }
        if (!replaced) {
            rules.add(rule);
        }
        costing.saveRules(rules, "gogo");
        return (replaced ? "replaced" : "added") + "; " + rules.size() + " rules\n";
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static YearMonth month(String text, String field) {
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new ValidationException(field, "not a month (yyyy-MM): '" + text + "'");
        }
    }
}
