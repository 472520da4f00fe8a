package org.wanglai.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.costing.AllocationRun;
import org.wanglai.api.costing.CubeQuery;
import org.wanglai.api.costing.CubeResult;
import org.wanglai.api.costing.CubeRow;
import org.wanglai.costing.internal.CostingService;

/**
 * P5: a two-dimension roll-up (region × product category; revenue, cost of goods, gross margin) of the cost cube
 * over the last 12 months, against the bare SQL GROUP BY over the host's invoice lines. The cube's facts are built
 * by one allocation run per month, once per data set ({@link CubeFacts}); one month's allocation is timed
 * again (P5a). Revenue totals and the sales cells must agree.
 */
final class CubeBench {
    private static final Logger LOG = LoggerFactory.getLogger(CubeBench.class);
    static final YearMonth TO = YearMonth.from(BenchDatabase.AS_OF);
    static final YearMonth FROM = TO.minusMonths(11);

    static final String BASELINE_SQL = """
            SELECT g.region_id, r.code, r.name_zh, g.product_category_id, pc.code, pc.name_zh,
                   g.revenue, g.cogs, g.revenue - g.cogs AS gross_margin
              FROM (SELECT i.region_id, p.category_id AS product_category_id,
                           SUM(l.line_amount) AS revenue, SUM(l.qty * l.unit_cost) AS cogs
                      FROM erp_invoice i
                      JOIN erp_invoice_line l ON l.invoice_id = i.id
                      JOIN erp_product p ON p.id = l.product_id
                     WHERE i.status IN ('CO', 'CL') AND i.invoice_date BETWEEN ? AND ?
                     GROUP BY i.region_id, p.category_id) g
              LEFT JOIN erp_region r ON r.id = g.region_id
              LEFT JOIN erp_product_category pc ON pc.id = g.product_category_id
             ORDER BY g.region_id, g.product_category_id
            """;

    static void run(Plain plain, BenchDatabase pg, Results results, int repeats, Profiler profiler)
            throws Exception {
        CostingService costing = new CostingService(plain.db, Configs.of(CostingService.Config.class, Map.of()));
        CubeFacts.Prepared prepared;
        try (Connection c = pg.connect()) {
            prepared = CubeFacts.ensure(c, costing);
        }
        results.context("Cube facts", prepared.toString());
        // Re-allocating a month replaces its facts with the same rows: time it n times on the last month.
        int allocRuns = Integer.getInteger("bench.cube.allocations", 2);
        long[] facts = new long[1];
        Samples alloc = Samples.measure("allocation " + TO, 0, allocRuns, () -> {
            AllocationRun run = costing.allocate(TO, "bench");
            facts[0] = run.factRows();
            return run;
        });
        LOG.info("Allocation of {}: {} fact rows, {}", TO, facts[0], alloc.describe());

        CubeQuery q = CubeQuery.of(List.of("region", "product_category"), List.of("revenue", "cogs", "gross_margin"),
                FROM, TO);
        CubeResult[] last = new CubeResult[1];
        BigDecimal[] baseRevenue = new BigDecimal[1];
        long[] baseRows = new long[1];
        Samples ours;
        Samples baseline;
        try (Connection c = pg.connect()) {
            Samples[] both = Samples.alternate("cube roll-up", () -> last[0] = costing.query(q), "cube SQL", () -> {
                BigDecimal sum = BigDecimal.ZERO;
                long n = 0;
                try (PreparedStatement ps = c.prepareStatement(BASELINE_SQL)) {
                    ps.setObject(1, FROM.atDay(1));
                    ps.setObject(2, TO.atEndOfMonth());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            for (int k = 1; k <= 9; k++) {
                                rs.getObject(k);
                            }
                            sum = sum.add(rs.getBigDecimal(7));
                            n++;
                        }
                    }
                }
                baseRevenue[0] = sum;
                baseRows[0] = n;
                return n;
            }, 1, repeats, profiler, "cube");
            ours = both[0];
            baseline = both[1];
        }
        BigDecimal oursRevenue = BigDecimal.ZERO;
        long salesCells = 0;
        for (CubeRow r : last[0].rows()) {
            oursRevenue = oursRevenue.add(r.measures().get("revenue"));
            // the cube also has one "customer-level cost, no product" cell per region (product category key 0,
            // cost-to-serve only, no revenue or COGS); the invoice-line SQL cannot have it
            boolean customerLevel = r.keys().get(1).key() == 0 && r.measures().get("revenue").signum() == 0
                    && r.measures().get("cogs").signum() == 0;
            if (!customerLevel) {
                salesCells++;
            }
        }
        long extra = last[0].rows().size() - salesCells;
        String check = oursRevenue.compareTo(baseRevenue[0]) == 0 && salesCells == baseRows[0]
                ? "Both give " + baseRows[0] + " sales cells, revenue " + oursRevenue + " (checked equal); the cube"
                        + " has " + extra + " more cells of customer-level cost (no product, no revenue)."
                : "MISMATCH: cube " + salesCells + " sales cells (+" + extra + " customer-level) / revenue "
                        + oursRevenue + " vs SQL " + baseRows[0] + " / " + baseRevenue[0] + ".";
        results.info("P5a", "Cube preparation: allocation run of one month (" + TO + ", " + facts[0] + " fact rows)",
                alloc.median(), alloc.describe(), "ms", "–", "CostingService.allocate(" + TO + ") run again over the"
                        + " kept facts (revenue, COGS, cost pools by driver, financing cost; it replaces the month's"
                        + " facts). The 12 months the cube reads were allocated once for this data set and costing"
                        + " schema and are kept between runs: " + prepared + ".");
        Results.Row row = results.ratio("P5", "Cost cube roll-up region × product category, 12 months", ours, baseline, 1.5,
                "ours = CostingService.query (facts of the allocation runs, labels, totals row); baseline = GROUP BY"
                        + " over erp_invoice ⋈ erp_invoice_line ⋈ erp_product. " + check);
        if (!row.met()) {
            results.add(ExcelBench.note(row, "Recorded during the warm-up run of ours (JFR settings \"profile\")."
                    + " " + profiler.summary("cube")));
        }
    }

    private CubeBench() {
    }
}
