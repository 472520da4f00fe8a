package org.wanglai.costing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wanglai.api.costing.CostDriver;

class AllocatorTest {

    private static final long VIP = 100;
    private static final long VIP_CHILD = 101;
    private static final long OTHER = 200;
    private static final long POOL = 7;

    private static DriverRow row(long customer, long category, long channel, long region, String qty) {
        return new DriverRow(customer, category, channel, region, new BigDecimal(qty));
    }

    private static List<Long> path(long category) {
        return category == VIP ? List.of(VIP) : category == VIP_CHILD ? List.of(VIP_CHILD, VIP) : List.of(category);
    }

    private static Map<Long, BigDecimal> byCustomer(Allocator.Result r) {
        Map<Long, BigDecimal> out = new java.util.TreeMap<>();
        for (Allocation a : r.allocations()) {
            out.merge(a.customerId(), a.amount(), BigDecimal::add);
        }
        return out;
    }

    private static BigDecimal total(Allocator.Result r) {
        return r.allocations().stream().map(Allocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void largestRemainderGivesTheLeftoverCentsToTheLargestRemaindersThenTheLowerIndex() {
        assertThat(LargestRemainder.split(10_000, List.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE)))
                .containsExactly(3334, 3333, 3333);
        assertThat(LargestRemainder.split(-10_000, List.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE)))
                .containsExactly(-3334, -3333, -3333);
        // 1 cent by 2:1 -> exact shares 0.667 and 0.333: the larger remainder wins
        assertThat(LargestRemainder.split(1, List.of(new BigDecimal("2"), BigDecimal.ONE))).containsExactly(1, 0);
        // 10.00 by 1:2:3:4 -> 1.00, 2.00, 3.00, 4.00 exactly
        assertThat(LargestRemainder.split(1_000, List.of(BigDecimal.ONE, new BigDecimal("2"), new BigDecimal("3"),
                new BigDecimal("4")))).containsExactly(100, 200, 300, 400);
        // 1.00 by 1:1:1:1:1:1:1 (7 parts): 14 cents each = 98, 2 left to the first two
        long[] seven = LargestRemainder.split(100, java.util.Collections.nCopies(7, BigDecimal.ONE));
        assertThat(seven).containsExactly(15, 15, 14, 14, 14, 14, 14);
        assertThatThrownBy(() -> LargestRemainder.split(100, List.of(BigDecimal.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void singleDriverSplitsByActivityAndRoundsDeterministically() throws Exception {
        Map<CostDriver, List<DriverRow>> data = new EnumMap<>(CostDriver.class);
        // 3 customers with 1 order each: 100.00 -> 33.34 to the first by customer id, 33.33 to the others
        data.put(CostDriver.ORDERS, List.of(row(3, OTHER, 1, 1, "1"), row(1, OTHER, 1, 1, "1"), row(2, OTHER, 1, 1, "1")));
        Allocator a = new Allocator(data::get, AllocatorTest::path);
        Allocator.Result r = a.allocate(new EntryGroup(POOL, 0, 0, new BigDecimal("100.00")),
                List.of(new ResolvedRule(POOL, 0, CostDriver.ORDERS, 0, 0)));
        assertThat(byCustomer(r)).containsExactly(Map.entry(1L, new BigDecimal("33.34")),
                Map.entry(2L, new BigDecimal("33.33")), Map.entry(3L, new BigDecimal("33.33")));
        assertThat(total(r)).isEqualByComparingTo("100.00");
        assertThat(r.receivers()).isEqualTo(3);
    }

    @Test
    void perCategoryStrategySplitsSegmentsByTheDefaultDriverThenByTheirOwn() throws Exception {
        Map<CostDriver, List<DriverRow>> data = new EnumMap<>(CostDriver.class);
        data.put(CostDriver.ORDERS, List.of(row(1, VIP, 1, 1, "2"), row(2, VIP_CHILD, 1, 1, "1"),
                row(3, OTHER, 1, 1, "3"), row(4, OTHER, 2, 1, "4")));
        data.put(CostDriver.DISPUTES, List.of(row(1, VIP, 1, 1, "3"), row(2, VIP_CHILD, 1, 1, "1"),
                row(3, OTHER, 1, 1, "5")));
        Allocator a = new Allocator(data::get, AllocatorTest::path);
        List<ResolvedRule> rules = List.of(new ResolvedRule(POOL, 0, CostDriver.ORDERS, 0, 0),
                new ResolvedRule(POOL, VIP, CostDriver.DISPUTES, 0, 0));
        // orders: VIP subtree 2 + 1 = 3, others 3 + 4 = 7 -> VIP 300.00, others 700.00;
        // VIP by disputes 3:1 -> 225.00 / 75.00; others by orders 3:4 -> 300.00 / 400.00
        Allocator.Result r = a.allocate(new EntryGroup(POOL, 0, 0, new BigDecimal("1000.00")), rules);
        assertThat(byCustomer(r)).containsExactly(Map.entry(1L, new BigDecimal("225.00")),
                Map.entry(2L, new BigDecimal("75.00")), Map.entry(3L, new BigDecimal("300.00")),
                Map.entry(4L, new BigDecimal("400.00")));
        assertThat(r.segments()).isEqualTo(2);
        assertThat(r.fallbacks()).isZero();

        // restricted to channel 1: customer 4 (channel 2) is out; orders VIP 3 : others 3 -> 50.00 each;
        // VIP by disputes 3:1 -> 37.50 / 12.50; others -> customer 3 gets 50.00
        Allocator.Result ch1 = a.allocate(new EntryGroup(POOL, 1, 0, new BigDecimal("100.00")), rules);
        assertThat(byCustomer(ch1)).containsExactly(Map.entry(1L, new BigDecimal("37.50")),
                Map.entry(2L, new BigDecimal("12.50")), Map.entry(3L, new BigDecimal("50.00")));
    }

    @Test
    void aSegmentWithoutItsOwnActivityFallsBackToTheDefaultDriver() throws Exception {
        Map<CostDriver, List<DriverRow>> data = new EnumMap<>(CostDriver.class);
        data.put(CostDriver.ORDERS, List.of(row(1, VIP, 1, 1, "1"), row(2, VIP_CHILD, 1, 1, "2"), row(3, OTHER, 1, 1, "1")));
        data.put(CostDriver.DISPUTES, List.of(row(3, OTHER, 1, 1, "9")));
        Allocator a = new Allocator(data::get, AllocatorTest::path);
        // VIP 3 of 4 orders -> 0.75 of 0.10 = 7.5 cents: floor 7, remainder .5 vs others 2.5 cents floor 2 rem .5:
        // tie -> lower index (segment 0 "others" sorts first) gets the cent: others 3, VIP 7
        Allocator.Result r = a.allocate(new EntryGroup(POOL, 0, 0, new BigDecimal("0.10")), List.of(
                new ResolvedRule(POOL, 0, CostDriver.ORDERS, 0, 0), new ResolvedRule(POOL, VIP, CostDriver.DISPUTES, 0, 0)));
        assertThat(r.fallbacks()).isEqualTo(1);
        // VIP 7 cents by orders 1:2 -> 2.33 / 4.67 -> 2 + 5 (larger remainder) ; others 3 cents
        assertThat(byCustomer(r)).containsExactly(Map.entry(1L, new BigDecimal("0.02")),
                Map.entry(2L, new BigDecimal("0.05")), Map.entry(3L, new BigDecimal("0.03")));
        assertThat(total(r)).isEqualByComparingTo("0.10");
    }

    @Test
    void aPoolWithoutActivityInItsScopeCannotBeAllocated() {
        Map<CostDriver, List<DriverRow>> data = new EnumMap<>(CostDriver.class);
        data.put(CostDriver.SHIPMENTS, List.of(row(1, OTHER, 1, 1, "5")));
        Allocator a = new Allocator(d -> data.getOrDefault(d, List.of()), AllocatorTest::path);
        assertThatThrownBy(() -> a.allocate(new EntryGroup(POOL, 0, 9, new BigDecimal("12.34")),
                List.of(new ResolvedRule(POOL, 0, CostDriver.SHIPMENTS, 0, 0))))
                .isInstanceOf(Allocator.NotAllocatable.class).hasMessageContaining("SHIPMENTS");
        assertThatThrownBy(() -> a.allocate(new EntryGroup(POOL, 0, 0, new BigDecimal("12.34")),
                List.of(new ResolvedRule(POOL, OTHER, CostDriver.SHIPMENTS, 0, 0))))
                .isInstanceOf(Allocator.NotAllocatable.class).hasMessageContaining("default");
    }

    @Test
    void anEmptyScopeIsWidenedToTheChannelThenCompanyWideWhenAllowed() throws Exception {
        Map<CostDriver, List<DriverRow>> data = new EnumMap<>(CostDriver.class);
        data.put(CostDriver.REVENUE, List.of(row(1, OTHER, 1, 1, "100"), row(2, OTHER, 1, 2, "300"), row(3, OTHER, 2, 2, "600")));
        Allocator a = new Allocator(data::get, AllocatorTest::path);
        List<ResolvedRule> rules = List.of(new ResolvedRule(POOL, 0, CostDriver.REVENUE, 0, 0));
        // channel 1, region 3: nobody there -> channel 1 (customers 1 and 2, 100 : 300)
        Allocator.Result r = a.allocate(new EntryGroup(POOL, 1, 3, new BigDecimal("40.00")), rules, true);
        assertThat(r.widened()).isTrue();
        assertThat(byCustomer(r)).containsExactly(Map.entry(1L, new BigDecimal("10.00")), Map.entry(2L, new BigDecimal("30.00")));
        // channel 3: nobody -> company-wide 100 : 300 : 600
        Allocator.Result all = a.allocate(new EntryGroup(POOL, 3, 0, new BigDecimal("10.00")), rules, true);
        assertThat(byCustomer(all)).containsExactly(Map.entry(1L, new BigDecimal("1.00")),
                Map.entry(2L, new BigDecimal("3.00")), Map.entry(3L, new BigDecimal("6.00")));
        assertThatThrownBy(() -> a.allocate(new EntryGroup(POOL, 1, 3, new BigDecimal("40.00")), rules, false))
                .isInstanceOf(Allocator.NotAllocatable.class);
        assertThat(a.allocate(new EntryGroup(POOL, 1, 2, new BigDecimal("40.00")), rules, true).widened()).isFalse();
    }

    @Test
    void negativeEntriesAreSpreadAsCredits() throws Exception {
        Map<CostDriver, List<DriverRow>> data = new EnumMap<>(CostDriver.class);
        data.put(CostDriver.REVENUE, List.of(row(1, OTHER, 1, 1, "1000.00"), row(2, OTHER, 1, 1, "2000.00")));
        Allocator a = new Allocator(data::get, AllocatorTest::path);
        Allocator.Result r = a.allocate(new EntryGroup(POOL, 0, 0, new BigDecimal("-10.00")),
                List.of(new ResolvedRule(POOL, 0, CostDriver.REVENUE, 0, 0)));
        // -10.00 by 1:2 -> -3.33 / -6.67 (remainders .33 and .67: the cent goes to customer 2)
        assertThat(byCustomer(r)).containsExactly(Map.entry(1L, new BigDecimal("-3.33")), Map.entry(2L, new BigDecimal("-6.67")));
    }
}
