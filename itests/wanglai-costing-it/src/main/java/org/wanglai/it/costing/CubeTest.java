package org.wanglai.it.costing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.ValidationException;
import org.wanglai.api.costing.CostAnalysis;
import org.wanglai.api.costing.CubeKey;
import org.wanglai.api.costing.CubeQuery;
import org.wanglai.api.costing.CubeResult;
import org.wanglai.api.costing.CubeRow;
import org.wanglai.api.host.HostDatabase;

/** The cube over January and February of the fixture (expected figures in {@link AllocationTest}). */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class CubeTest {
    static final YearMonth JAN = YearMonth.of(2025, 1);
    static final YearMonth FEB = YearMonth.of(2025, 2);
    static final List<String> ADDITIVE = List.of("revenue", "cogs", "gross_margin", "cost_to_serve", "net_profit",
            "orders", "cts:ORDER_HANDLING", "cts:SUPPORT", "cts:FINANCING");

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
        costing.allocate(JAN, "it");
        costing.allocate(FEB, "it");
    }

    private static Map<Long, CubeRow> byFirstKey(CubeResult r) {
        return r.rows().stream().collect(Collectors.toMap(row -> row.keys().get(0).key(), row -> row));
    }

    @Test
    void customerProfitabilityIsRevenueLessCogsLessCostToServe() {
        CubeResult r = costing.query(CubeQuery.of(List.of("customer"),
                List.of("revenue", "cogs", "cost_to_serve", "net_profit", "gross_margin_pct", "cts:FINANCING"), JAN, FEB));
        Map<Long, CubeRow> rows = byFirstKey(r);
        assertThat(rows.get(1L).measure("revenue")).isEqualByComparingTo("1600.00");
        assertThat(rows.get(1L).measure("cost_to_serve")).isEqualByComparingTo("515.01");
        assertThat(rows.get(1L).measure("net_profit")).isEqualByComparingTo("144.99");
        assertThat(rows.get(1L).measure("gross_margin_pct")).isEqualByComparingTo("0.4125");
        assertThat(rows.get(2L).measure("net_profit")).isEqualByComparingTo("-334.80");
        assertThat(rows.get(2L).measure("cts:FINANCING")).isEqualByComparingTo("14.80");
        assertThat(rows.get(3L).measure("net_profit")).isEqualByComparingTo("-225.00");
        assertThat(rows.get(4L).measure("net_profit")).isEqualByComparingTo("370.50");
        assertThat(rows.get(1L).keys().get(0).label().zh()).isEqualTo("C001 上海甲公司");
        assertThat(r.totals().get("net_profit")).isEqualByComparingTo("-44.31");
        assertThat(r.currency()).isEqualTo("CNY");
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void rollUpsEqualTheSumOfTheirDrillDowns() {
        List<List<List<String>>> pairs = List.of(
                List.of(List.of("category1"), List.of("category1", "category2")),
                List.of(List.of("category1"), List.of("category1", "product")),
                List.of(List.of("category1"), List.of("category1", "customer", "product_category")),
                List.of(List.of("year"), List.of("year", "month")),
                List.of(List.of("quarter"), List.of("quarter", "customer")),
                List.of(List.of("channel"), List.of("channel", "region")),
                List.of(List.of("region"), List.of("region", "pool")));
        for (List<List<String>> pair : pairs) {
            CubeResult up = costing.query(CubeQuery.of(pair.get(0), ADDITIVE, JAN, FEB));
            CubeResult down = costing.query(CubeQuery.of(pair.get(1), ADDITIVE, JAN, FEB));
            assertThat(up.rows()).as("%s has rows", pair.get(0)).isNotEmpty();
            Map<Long, Map<String, BigDecimal>> summed = new HashMap<>();
            for (CubeRow row : down.rows()) {
                Map<String, BigDecimal> acc = summed.computeIfAbsent(row.keys().get(0).key(), k -> new HashMap<>());
                for (String m : ADDITIVE) {
                    acc.merge(m, row.measure(m), BigDecimal::add);
                }
            }
            assertThat(summed.keySet()).as("%s vs %s keys", pair.get(0), pair.get(1))
                    .containsExactlyInAnyOrderElementsOf(byFirstKey(up).keySet());
            for (CubeRow row : up.rows()) {
                for (String m : ADDITIVE) {
                    assertThat(summed.get(row.keys().get(0).key()).get(m)).as("%s %s %s", pair, row.keys(), m)
                            .isEqualByComparingTo(row.measure(m));
                }
            }
            for (String m : ADDITIVE) {
                assertThat(down.totals().get(m)).as("totals %s", m).isEqualByComparingTo(up.totals().get(m));
            }
        }
    }

    @Test
    void totalsSummedFromTheRowsEqualTheTotalsScan() {
        // a complete result sums its rows; a truncated one or a distinct count scans the facts again: both agree
        List<String> measures = new java.util.ArrayList<>(ADDITIVE);
        measures.addAll(List.of("gross_margin_pct", "net_margin_pct", "return_on_spend"));
        CubeResult all = costing.query(new CubeQuery(List.of("customer", "product"), measures, JAN, FEB, Map.of(),
                null, false, 0));
        CubeResult top = costing.query(new CubeQuery(List.of("customer", "product"), measures, JAN, FEB, Map.of(),
                "revenue", true, 1));
        List<String> counted = new java.util.ArrayList<>(measures);
        counted.add("customers");
        CubeResult withCount = costing.query(new CubeQuery(List.of("customer", "product"), counted, JAN, FEB, Map.of(),
                null, false, 0));
        assertThat(all.truncated()).isFalse();
        assertThat(top.truncated()).isTrue();
        for (String m : measures) {
            assertThat(all.totals().get(m)).as("summed vs scanned %s", m).isEqualByComparingTo(top.totals().get(m));
            assertThat(withCount.totals().get(m)).as("with a distinct count %s", m).isEqualByComparingTo(all.totals().get(m));
        }
        long customers = all.rows().stream().map(row -> row.keys().get(0).key()).distinct().count();
        assertThat(withCount.totals().get("customers")).isEqualByComparingTo(BigDecimal.valueOf(customers));
    }

    @Test
    void revenueAndCogsEqualTheBareSqlOverTheHostTables() throws Exception {
        CubeResult r = costing.query(CubeQuery.of(List.of("channel", "product"), List.of("revenue", "cogs"), JAN, FEB));
        Map<String, BigDecimal> fromCube = new HashMap<>();
        for (CubeRow row : r.rows()) {
            if (row.keys().get(1).key() != 0) {
                fromCube.put(row.keys().get(0).key() + "/" + row.keys().get(1).key(), row.measure("revenue"));
            }
        }
        Map<String, BigDecimal> bare = CostingSetup.sums(db, "SELECT i.channel_id, l.product_id, SUM(l.line_amount) "
                + "FROM erp_invoice i JOIN erp_invoice_line l ON l.invoice_id = i.id WHERE i.status IN ('CO','CL') "
                + "AND i.invoice_date BETWEEN DATE '2025-01-01' AND DATE '2025-02-28' GROUP BY i.channel_id, l.product_id");
        assertThat(fromCube).hasSameSizeAs(bare);
        bare.forEach((k, v) -> assertThat(fromCube.get(k)).as(k).isEqualByComparingTo(v));
        assertThat(r.totals().get("cogs")).isEqualByComparingTo(CostingSetup.scalar(db,
                "SELECT SUM(l.qty * l.unit_cost) FROM erp_invoice i JOIN erp_invoice_line l ON l.invoice_id = i.id "
                        + "WHERE i.status IN ('CO','CL') AND i.invoice_date BETWEEN DATE '2025-01-01' AND DATE '2025-02-28'"));
    }

    @Test
    void categoryLevelsFiltersAndSortDrillDown() {
        // level 1: wholesale (01, id 1) and retail (02, id 4, a level-1 leaf that is its own level-2 ancestor)
        CubeResult level1 = costing.query(CubeQuery.of(List.of("category1"), List.of("revenue"), JAN, JAN));
        assertThat(level1.rows()).extracting(row -> row.keys().get(0).key()).containsExactly(1L, 4L);
        assertThat(level1.rows().get(0).measure("revenue")).isEqualByComparingTo("2600.00");
        CubeResult level2 = costing.query(CubeQuery.of(List.of("category2"), List.of("revenue"), JAN, JAN));
        assertThat(level2.rows()).extracting(row -> row.keys().get(0).key()).containsExactly(2L, 3L, 4L);
        // drill into wholesale: its customers, best net profit first
        CubeResult drill = costing.query(new CubeQuery(List.of("customer"), List.of("net_profit"), JAN, FEB,
                Map.of("category1", List.of(1L)), "net_profit", true, 0));
        assertThat(drill.rows()).extracting(row -> row.keys().get(0).key()).containsExactly(1L, 2L);
        assertThat(drill.totals().get("net_profit")).isEqualByComparingTo("-189.81");
        // time filter keys are period numbers
        CubeResult feb = costing.query(new CubeQuery(List.of("pool"), List.of("cost_to_serve"), null, null,
                Map.of("month", List.of(202502L)), "cost_to_serve", true, 0));
        assertThat(feb.rows()).extracting(row -> row.keys().get(0).label().en(), row -> row.measure("cost_to_serve"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Financing of slow payment", new BigDecimal("34.30")),
                        org.assertj.core.groups.Tuple.tuple("Order handling", new BigDecimal("10.00")),
                        org.assertj.core.groups.Tuple.tuple("(sales)", new BigDecimal("0.00")));
        CubeResult top = costing.query(new CubeQuery(List.of("customer"), List.of("revenue"), JAN, FEB, Map.of(),
                "revenue", true, 2));
        assertThat(top.rows()).hasSize(2);
        assertThat(top.truncated()).isTrue();
        assertThat(top.rows().get(0).keys().get(0)).extracting(CubeKey::key).isIn(1L, 4L);
    }

    @Test
    void namesAreWhitelisted() {
        assertThatThrownBy(() -> costing.query(CubeQuery.of(List.of("customer; DROP TABLE wl_cost_fact"),
                List.of("revenue"), JAN, FEB))).isInstanceOf(ValidationException.class).hasMessageContaining("unknown dimension");
        assertThatThrownBy(() -> costing.query(CubeQuery.of(List.of("customer"), List.of("revenue) FROM x --"), JAN, FEB)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("unknown measure");
        assertThatThrownBy(() -> costing.query(CubeQuery.of(List.of("customer"), List.of("cts:NOPE"), JAN, FEB)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("NOPE");
        assertThatThrownBy(() -> costing.query(new CubeQuery(List.of("customer"), List.of("revenue"), JAN, FEB, Map.of(),
                "1; DELETE", false, 0))).isInstanceOf(ValidationException.class).hasMessageContaining("sort");
        assertThatThrownBy(() -> costing.query(new CubeQuery(List.of("customer"), List.of("revenue"), JAN, FEB,
                Map.of("region) OR (1=1", List.of(1L)), null, false, 0))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> costing.query(CubeQuery.of(List.of("a", "b", "c", "d"), List.of("revenue"), JAN, FEB)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("1 to 3");
        assertThat(costing.metadata().measures()).extracting(m -> m.name()).contains("cts:DELIVERY", "cts:FINANCING",
                "net_profit");
    }
}
