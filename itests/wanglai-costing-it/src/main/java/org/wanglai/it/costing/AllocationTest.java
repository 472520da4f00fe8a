package org.wanglai.it.costing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.api.costing.AllocationRule;
import org.wanglai.api.costing.AllocationRun;
import org.wanglai.api.costing.CostAnalysis;
import org.wanglai.api.costing.CostDriver;
import org.wanglai.api.costing.PoolReconciliation;
import org.wanglai.api.costing.ReconciliationException;
import org.wanglai.api.host.HostDatabase;

/**
 * Allocation on the hand-computed fixture (fixtures/costing.sql). January, by customer and pool:
 * <pre>
 * ORDER_HANDLING 1000.01 by orders 2:1:1:1 -> C1 400.00 + the odd cent (largest remainder .4) = 400.01, C2-C4 200.00
 * DELIVERY (SOUTH) 300.00 by deliveries in SOUTH: C2 1, C4 1 -> 150.00 each (C1's EAST delivery is out of scope)
 * SUPPORT 500.00: invoices split wholesale (01: C1 2 + C2 1 = 3) vs the rest (C3 1 + C4 1 = 2) -> 300.00 / 200.00;
 *   wholesale by disputes C1 1 : C2 2 -> 100.00 / 200.00; the rest by invoices -> C3 100.00, C4 100.00
 * MARKETING_AGENT (AGENT) 100.00 by revenue in AGENT: C3 500 : C4 1500 -> 25.00 / 75.00
 * </pre>
 * February financing at 0.1% a day of overdue balances: C1 1100 x 10 days (due 5th, paid 15th) + 500 x 8 days =
 * 15.00; C2 1000 x 18 days - 400 paid on the 20th x 8 days = 14.80; C4 1500 x 3 days = 4.50; C3 paid before due.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class AllocationTest {
    static final YearMonth JAN = YearMonth.of(2025, 1);
    static final YearMonth FEB = YearMonth.of(2025, 2);
    static final YearMonth MAR = YearMonth.of(2025, 3);

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    CostAnalysis costing;
    HostDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        costing = CostingSetup.ready(ctx, cm);
        db = CostingSetup.database(ctx, cm);
    }

    private Map<String, BigDecimal> costByCustomerAndPool(YearMonth month) throws Exception {
        return CostingSetup.sums(db, "SELECT customer_id, pool_id, cost FROM wl_cost_fact WHERE fact_month = ? AND pool_id <> 0",
                month.atDay(1));
    }

    private Map<String, BigDecimal> allFacts(YearMonth month) throws Exception {
        return CostingSetup.sums(db, "SELECT customer_id, product_id, channel_id, region_id, pool_id, "
                + "revenue + cogs * 1000 + cost * 1000000 + orders FROM wl_cost_fact WHERE fact_month = ?", month.atDay(1));
    }

    @Test
    void januaryIsAllocatedExactlyWithThePerCategoryStrategyAndRounding() throws Exception {
        AllocationRun run = costing.allocate(JAN, "alice");

        assertThat(run.poolTotal().amount()).isEqualByComparingTo("1900.01");
        assertThat(run.allocated()).isEqualTo(run.poolTotal());
        assertThat(run.financingCost().amount()).isEqualByComparingTo("0.00");
        assertThat(run.revenue().amount()).isEqualByComparingTo("4600.00");
        assertThat(run.cogs().amount()).isEqualByComparingTo("2740.00");
        assertThat(run.customers()).isEqualTo(4);
        assertThat(run.user()).isEqualTo("alice");
        assertThat(run.current()).isTrue();
        assertThat(run.pools()).extracting(PoolReconciliation::poolCode, PoolReconciliation::driver,
                p -> p.amount().amount().toPlainString(), PoolReconciliation::receivers).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ORDER_HANDLING", CostDriver.ORDERS, "1000.01", 4L),
                        org.assertj.core.groups.Tuple.tuple("DELIVERY", CostDriver.SHIPMENTS, "300.00", 2L),
                        org.assertj.core.groups.Tuple.tuple("SUPPORT", CostDriver.INVOICES, "500.00", 4L),
                        org.assertj.core.groups.Tuple.tuple("MARKETING_AGENT", CostDriver.REVENUE, "100.00", 2L));
        assertThat(run.pools()).allSatisfy(p -> assertThat(p.allocated()).isEqualTo(p.amount()));
        assertThat(run.pools().get(2).segments()).isEqualTo(2);

        assertThat(costByCustomerAndPool(JAN)).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("1/1", new BigDecimal("400.01")), Map.entry("2/1", new BigDecimal("200.00")),
                Map.entry("3/1", new BigDecimal("200.00")), Map.entry("4/1", new BigDecimal("200.00")),
                Map.entry("2/2", new BigDecimal("150.00")), Map.entry("4/2", new BigDecimal("150.00")),
                Map.entry("1/3", new BigDecimal("100.00")), Map.entry("2/3", new BigDecimal("200.00")),
                Map.entry("3/3", new BigDecimal("100.00")), Map.entry("4/3", new BigDecimal("100.00")),
                Map.entry("3/4", new BigDecimal("25.00")), Map.entry("4/4", new BigDecimal("75.00"))));
        // sales facts: revenue and COGS per customer x product (voided documents left out)
        assertThat(CostingSetup.sums(db, "SELECT customer_id, product_id, revenue FROM wl_cost_fact WHERE fact_month = ? AND pool_id = 0 AND product_id <> 0",
                JAN.atDay(1))).containsExactlyInAnyOrderEntriesOf(Map.of("1/1", new BigDecimal("1500.00"),
                        "1/3", new BigDecimal("100.00"), "2/2", new BigDecimal("1000.00"), "3/2",
                        new BigDecimal("500.00"), "4/3", new BigDecimal("1500.00")));
        assertThat(CostingSetup.scalar(db, "SELECT SUM(orders) FROM wl_cost_fact WHERE fact_month = ?", JAN.atDay(1)))
                .isEqualByComparingTo("5");
    }

    @Test
    void aRunIsIdempotentAndKeepsItsHistory() throws Exception {
        costing.allocate(JAN, "alice");
        Map<String, BigDecimal> before = allFacts(JAN);
        int runsBefore = costing.runs(JAN, JAN).size();

        AllocationRun again = costing.allocate(JAN, "bob");

        assertThat(allFacts(JAN)).isEqualTo(before);
        List<AllocationRun> runs = costing.runs(JAN, JAN);
        assertThat(runs).hasSize(runsBefore + 1);
        assertThat(runs).filteredOn(AllocationRun::current).singleElement().extracting(AllocationRun::id)
                .isEqualTo(again.id());
        assertThat(runs.get(0).id()).isEqualTo(again.id());
        assertThat(costing.latestRun(JAN).user()).isEqualTo("bob");
        assertThat(CostingSetup.scalar(db, "SELECT COUNT(DISTINCT run_id) FROM wl_cost_fact WHERE fact_month = ?", JAN.atDay(1)))
                .isEqualByComparingTo("1");
        // the sums over the customers were replaced with the facts, not added to
        String key = "category_id, product_id, channel_id, region_id, pool_id";
        String value = "revenue + cogs * 1000 + cost * 1000000 + orders";
        assertThat(CostingSetup.sums(db, "SELECT " + key + ", " + value + " FROM wl_cost_fact_sum WHERE fact_month = ?",
                JAN.atDay(1))).isEqualTo(CostingSetup.sums(db, "SELECT " + key + ", SUM(" + value + ") FROM wl_cost_fact "
                        + "WHERE fact_month = ? GROUP BY " + key, JAN.atDay(1)));
    }

    @Test
    void aRunThatDoesNotReconcileWritesNothing() throws Exception {
        costing.allocate(JAN, "alice");
        Map<String, BigDecimal> facts = allFacts(JAN);
        int runs = costing.runs(null, null).size();
        // a pool the rules do not cover
        CostingSetup.execute(db, "INSERT INTO erp_cost_entry (id, pool_id, channel_id, region_id, period, currency, amount, description) "
                + "VALUES (900, 5, NULL, NULL, DATE '2025-01-01', 'CNY', 7.77, 'training')");
        try {
            assertThatThrownBy(() -> costing.allocate(JAN, "alice")).isInstanceOf(ReconciliationException.class)
                    .hasMessageContaining("TRAINING").hasMessageContaining("no allocation rule");
        } finally {
            CostingSetup.execute(db, "DELETE FROM erp_cost_entry WHERE id = 900");
        }
        assertThat(allFacts(JAN)).isEqualTo(facts);
        assertThat(costing.runs(null, null)).hasSize(runs);
        assertThat(costing.latestRun(JAN)).isNotNull();

        // a pool whose scope has no activity: DELIVERY in EAST in March, no delivery at all that month
        assertThatThrownBy(() -> costing.allocate(MAR, "alice")).isInstanceOf(ReconciliationException.class)
                .hasMessageContaining("DELIVERY").hasMessageContaining("EAST").hasMessageContaining("SHIPMENTS");
        assertThat(allFacts(MAR)).isEmpty();
        assertThat(costing.runs(MAR, MAR)).isEmpty();
    }

    @Test
    void februaryCarriesTheFinancingCostOfSlowPayment() throws Exception {
        AllocationRun run = costing.allocate(FEB, "alice");
        assertThat(run.allocated().amount()).isEqualByComparingTo("10.00");
        assertThat(run.financingCost().amount()).isEqualByComparingTo("34.30");
        assertThat(CostingSetup.sums(db, "SELECT customer_id, cost FROM wl_cost_fact WHERE fact_month = ? AND pool_id = -1",
                FEB.atDay(1))).containsExactlyInAnyOrderEntriesOf(Map.of("1", new BigDecimal("15.00"), "2",
                        new BigDecimal("14.80"), "4", new BigDecimal("4.50")));
        assertThat(costByCustomerAndPool(FEB)).containsEntry("2/1", new BigDecimal("10.00"));
    }

    @Test
    void rulesAreValidatedOnSaveAndABadSetChangesNothing() {
        List<AllocationRule> before = costing.rules();
        assertThatThrownBy(() -> costing.saveRules(List.of(
                AllocationRule.of("ORDER_HANDLING", CostDriver.ORDERS),
                AllocationRule.of("NO_SUCH_POOL", CostDriver.ORDERS),
                new AllocationRule("SUPPORT", "99", CostDriver.DISPUTES, null, null),
                AllocationRule.of("ORDER_HANDLING", CostDriver.INVOICES),
                new AllocationRule("DELIVERY", "01", CostDriver.SHIPMENTS, "NOWHERE", null)), "mallory"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationError::row, ValidationError::field)
                        .contains(org.assertj.core.groups.Tuple.tuple(2, "poolCode"),
                                org.assertj.core.groups.Tuple.tuple(3, "categoryCode"),
                                org.assertj.core.groups.Tuple.tuple(4, "categoryCode"),
                                org.assertj.core.groups.Tuple.tuple(5, "channelCode")));
        assertThatThrownBy(() -> costing.saveRules(List.of(new AllocationRule("SUPPORT", "01", CostDriver.DISPUTES,
                null, null)), "mallory")).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.getMessage()).contains("no default rule"));
        assertThat(costing.rules()).isEqualTo(before);
    }

    @Test
    void aForeignCurrencyMonthIsRefusedByName() throws Exception {
        CostingSetup.execute(db, "INSERT INTO erp_cost_entry (id, pool_id, channel_id, region_id, period, currency, amount, description) "
                + "VALUES (901, 1, NULL, NULL, DATE '2025-04-01', 'USD', 5.00, 'usd')");
        try {
            assertThatThrownBy(() -> costing.allocate(YearMonth.of(2025, 4), "alice"))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("currency").hasMessageContaining("CNY");
        } finally {
            CostingSetup.execute(db, "DELETE FROM erp_cost_entry WHERE id = 901");
        }
    }

    /**
     * Line drivers count the lines of the month's completed documents. January order lines: C1 3 (SO1 2 + SO2 1),
     * C2-C4 1 each (SO5 is void): ORDER_HANDLING 1000.01 = 100001 cents x 3/6 = 50000.5 -> 500.00, x 1/6 =
     * 16666.83 -> 166.66 + the three leftover cents to the largest remainders -> 166.67 each. Invoice lines: C1 3,
     * C2-C4 1: SUPPORT 500.00 splits wholesale (C1 3 + C2 1 = 4) vs the rest (2) -> 333.33 / 166.67 (the leftover
     * cent to the .67 remainder); wholesale by disputes 1 : 2 -> 111.11 / 222.22; the rest by invoice lines 1 : 1 ->
     * C3 83.34 (equal remainders: the lower customer), C4 83.33.
     */
    @Test
    void lineDriversCountTheLinesOfTheMonthsDocuments() throws Exception {
        costing.saveRules(List.of(AllocationRule.of("ORDER_HANDLING", CostDriver.ORDER_LINES),
                AllocationRule.of("DELIVERY", CostDriver.SHIPMENTS),
                AllocationRule.of("SUPPORT", CostDriver.INVOICE_LINES),
                new AllocationRule("SUPPORT", "01", CostDriver.DISPUTES, null, null),
                AllocationRule.of("MARKETING_AGENT", CostDriver.REVENUE)), "it");
        try {
            AllocationRun run = costing.allocate(JAN, "alice");
            assertThat(run.allocated()).isEqualTo(run.poolTotal());
            Map<String, BigDecimal> cost = costByCustomerAndPool(JAN);
            assertThat(cost).containsEntry("1/1", new BigDecimal("500.00")).containsEntry("2/1", new BigDecimal("166.67"))
                    .containsEntry("3/1", new BigDecimal("166.67")).containsEntry("4/1", new BigDecimal("166.67"))
                    .containsEntry("1/3", new BigDecimal("111.11")).containsEntry("2/3", new BigDecimal("222.22"))
                    .containsEntry("3/3", new BigDecimal("83.34")).containsEntry("4/3", new BigDecimal("83.33"));
        } finally {
            costing.saveRules(CostingSetup.standardRules(), "it");
            costing.allocate(JAN, "alice");
        }
    }
}
