package org.wanglai.costing.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;

import org.wanglai.api.costing.CostDriver;

/**
 * Spreads one group of cost entries over its receivers, exactly to the cent.
 *
 * <p>Receivers are the driver rows (customer × channel × region) inside the entry's scope and the rule's
 * restriction. With category rules, the amount is first split between segments (each category rule's subtree, and
 * the rest) in proportion to the default rule's driver, then inside each segment by the segment's own driver; a
 * segment without any activity of its own driver falls back to the default driver. Every split uses
 * {@link LargestRemainder} over receivers sorted by customer, channel and region, so a re-run gives the same cents.
 */
public final class Allocator {

    /** The outcome for one entry group. */
    public record Result(List<Allocation> allocations, CostDriver driver, long receivers, int segments, int fallbacks,
            boolean widened) {
    }

    /** A pool cannot be allocated. */
    public static class NotAllocatable extends Exception {
        private static final long serialVersionUID = 1L;

        public NotAllocatable(String message) {
            super(message);
        }
    }

    private static final Comparator<DriverRow> RECEIVER_ORDER = Comparator.comparingLong(DriverRow::customerId)
            .thenComparingLong(DriverRow::channelId).thenComparingLong(DriverRow::regionId);

    private final Function<CostDriver, List<DriverRow>> drivers;
    private final LongFunction<List<Long>> categoryPath;

    /**
     * @param drivers the month's activity per driver (loaded once per driver by the caller)
     * @param categoryPath a category id to its path from itself up to the root (ids), empty when unknown
     */
    public Allocator(Function<CostDriver, List<DriverRow>> drivers, LongFunction<List<Long>> categoryPath) {
        this.drivers = drivers;
        this.categoryPath = categoryPath;
    }

    /**
     * @param group the entries' pool, scope and amount (2 decimals)
     * @param rules the pool's rules: exactly one default rule and any number of category rules
     */
    public Result allocate(EntryGroup group, List<ResolvedRule> rules) throws NotAllocatable {
        return allocate(group, rules, false);
    }

    /**
     * @param widen when the entry's channel/region has no activity of the default driver, spread it over the
     *        driver's activity in the entry's channel only, then company-wide, instead of failing
     */
    public Result allocate(EntryGroup group, List<ResolvedRule> rules, boolean widen) throws NotAllocatable {
        try {
            return allocateIn(group, rules, false);
        } catch (NoActivity e) {
            if (!widen) {
                throw e;
            }
        }
        if (group.regionId() != 0 && group.channelId() != 0) {
            try {
                return allocateIn(new EntryGroup(group.poolId(), group.channelId(), 0, group.amount()), rules, true);
            } catch (NoActivity e) {
                // wider still
            }
        }
        return allocateIn(new EntryGroup(group.poolId(), 0, 0, group.amount()), rules, true);
    }

    private static final class NoActivity extends NotAllocatable {
        private static final long serialVersionUID = 1L;

        NoActivity(String message) {
            super(message);
        }
    }

    private Result allocateIn(EntryGroup group, List<ResolvedRule> rules, boolean widened) throws NotAllocatable {
        ResolvedRule base = rules.stream().filter(ResolvedRule::isDefault).findFirst()
                .orElseThrow(() -> new NotAllocatable("no default allocation rule"));
        long cents = group.amount().movePointRight(2).setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
        Map<Long, ResolvedRule> byCategory = new LinkedHashMap<>();
        for (ResolvedRule r : rules) {
            if (!r.isDefault()) {
                byCategory.put(r.categoryId(), r);
            }
        }
        List<DriverRow> baseRows = inScope(drivers.apply(base.driver()), group, base);
        if (total(baseRows).signum() == 0) {
            throw new NoActivity("no activity of driver " + base.driver() + " in scope");
        }
        if (cents == 0) {
            return new Result(List.of(), base.driver(), 0, 1 + byCategory.size(), 0, widened);
        }
        if (byCategory.isEmpty()) {
            List<Allocation> out = new ArrayList<>();
            spread(cents, baseRows, group.poolId(), out);
            return new Result(out, base.driver(), out.size(), 1, 0, widened);
        }
        // Stage 1: segments by the default driver. Segment key 0 is "no category rule applies".
        Map<Long, Long> segmentOfCategory = new java.util.HashMap<>();
        Map<Long, List<DriverRow>> baseBySegment = new java.util.TreeMap<>();
        for (DriverRow row : baseRows) {
            long seg = segment(row.categoryId(), byCategory, segmentOfCategory);
            baseBySegment.computeIfAbsent(seg, k -> new ArrayList<>()).add(row);
        }
        List<Long> segments = new ArrayList<>(baseBySegment.keySet());
        List<BigDecimal> weights = new ArrayList<>();
        for (Long seg : segments) {
            weights.add(total(baseBySegment.get(seg)));
        }
        long[] segmentCents = LargestRemainder.split(cents, weights);
        List<Allocation> out = new ArrayList<>();
        int fallbacks = 0;
        for (int i = 0; i < segments.size(); i++) {
            long seg = segments.get(i);
            if (segmentCents[i] == 0) {
                continue;
            }
            List<DriverRow> rows = baseBySegment.get(seg);
            if (seg != 0) {
                ResolvedRule rule = byCategory.get(seg);
                List<DriverRow> own = new ArrayList<>();
                for (DriverRow row : inScope(drivers.apply(rule.driver()), group, rule)) {
                    if (segment(row.categoryId(), byCategory, segmentOfCategory) == seg) {
                        own.add(row);
                    }
                }
                if (total(own).signum() > 0) {
                    rows = own;
                } else {
                    fallbacks++;
                }
            }
            spread(segmentCents[i], rows, group.poolId(), out);
        }
        long receivers = out.stream().map(a -> a.customerId() + "/" + a.channelId() + "/" + a.regionId()).distinct().count();
        return new Result(out, base.driver(), receivers, 1 + byCategory.size(), fallbacks, widened);
    }

    private long segment(long categoryId, Map<Long, ResolvedRule> byCategory, Map<Long, Long> cache) {
        return cache.computeIfAbsent(categoryId, id -> {
            for (Long node : categoryPath.apply(id)) {
                if (byCategory.containsKey(node)) {
                    return node;
                }
            }
            return 0L;
        });
    }

    private static void spread(long cents, List<DriverRow> rows, long poolId, List<Allocation> out) {
        List<DriverRow> sorted = new ArrayList<>();
        for (DriverRow r : rows) {
            if (r.qty().signum() > 0) {
                sorted.add(r);
            }
        }
        sorted.sort(RECEIVER_ORDER);
        List<BigDecimal> weights = new ArrayList<>(sorted.size());
        for (DriverRow r : sorted) {
            weights.add(r.qty());
        }
        long[] parts = LargestRemainder.split(cents, weights);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] != 0) {
                DriverRow r = sorted.get(i);
                out.add(new Allocation(r.customerId(), r.categoryId(), r.channelId(), r.regionId(), poolId,
                        BigDecimal.valueOf(parts[i], 2), r.qty()));
            }
        }
    }

    private static List<DriverRow> inScope(List<DriverRow> rows, EntryGroup group, ResolvedRule rule) {
        List<DriverRow> out = new ArrayList<>();
        for (DriverRow r : rows) {
            if (matches(group.channelId(), r.channelId()) && matches(group.regionId(), r.regionId())
                    && matches(rule.channelId(), r.channelId()) && matches(rule.regionId(), r.regionId())
                    && r.qty().signum() > 0) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean matches(long scope, long value) {
        return scope == 0 || scope == value;
    }

    private static BigDecimal total(List<DriverRow> rows) {
        BigDecimal t = BigDecimal.ZERO;
        for (DriverRow r : rows) {
            t = t.add(r.qty());
        }
        return t;
    }
}
