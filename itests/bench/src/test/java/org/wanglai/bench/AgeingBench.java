package org.wanglai.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.Money;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.reminders.internal.db.RemindersStore;
import org.wanglai.reminders.internal.report.AgeingReport;
import org.wanglai.reminders.internal.run.Settings;

/**
 * P3: the ageing report of every open item, per customer, in the default buckets, against a hand-written SQL
 * GROUP BY that computes the same figures (open amount per customer and bucket, allocations applied to the pay
 * schedule in due order). The totals of both must agree to the cent.
 */
final class AgeingBench {
    private static final Logger LOG = LoggerFactory.getLogger(AgeingBench.class);

    /** Same open items as the report: receipts settle an invoice's schedule rows in seq order, up to the as-of date. */
    static final String BASELINE_SQL = """
            WITH alloc AS (
              SELECT invoice_id, SUM(amount) AS allocated FROM erp_allocation
               WHERE allocation_date <= ? GROUP BY invoice_id),
            items AS (
              SELECT i.customer_id, i.currency, ? - ps.due_date AS days_past,
                     ps.due_amount - LEAST(ps.due_amount, GREATEST(0, COALESCE(a.allocated, 0)
                       - COALESCE(SUM(ps.due_amount) OVER (PARTITION BY ps.invoice_id ORDER BY ps.seq
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))) AS open_amount
                FROM erp_invoice i
                JOIN erp_invoice_pay_schedule ps ON ps.invoice_id = i.id
                LEFT JOIN alloc a ON a.invoice_id = i.id
               WHERE i.status IN ('CO', 'CL') AND i.invoice_date <= ?)
            SELECT g.customer_id, c.code, c.name, g.currency, g.not_due, g.b1, g.b2, g.b3, g.b4, g.b5, g.total, g.items
              FROM (SELECT customer_id, currency,
                           COALESCE(SUM(open_amount) FILTER (WHERE days_past <= 0), 0) AS not_due,
                           COALESCE(SUM(open_amount) FILTER (WHERE days_past BETWEEN 1 AND 30), 0) AS b1,
                           COALESCE(SUM(open_amount) FILTER (WHERE days_past BETWEEN 31 AND 60), 0) AS b2,
                           COALESCE(SUM(open_amount) FILTER (WHERE days_past BETWEEN 61 AND 90), 0) AS b3,
                           COALESCE(SUM(open_amount) FILTER (WHERE days_past BETWEEN 91 AND 120), 0) AS b4,
                           COALESCE(SUM(open_amount) FILTER (WHERE days_past > 120), 0) AS b5,
                           SUM(open_amount) AS total, COUNT(*) AS items
                      FROM items WHERE open_amount > 0
                     GROUP BY customer_id, currency) g
              JOIN erp_customer c ON c.id = g.customer_id
             ORDER BY g.customer_id, g.currency
            """;

    static final ReportQuery QUERY = new ReportQuery(Map.of("asOf", BenchDatabase.AS_OF, "groupBy", "customer",
            "basis", "due"), Locale.SIMPLIFIED_CHINESE, "bench");

    static AgeingReport report(Plain plain) {
        return new AgeingReport(new RemindersStore(plain.db), Configs.of(Settings.class, Map.of()));
    }

    static void run(Plain plain, BenchDatabase pg, Results results, int repeats, Profiler profiler)
            throws Exception {
        AgeingReport report = report(plain);
        if (!report.bounds().equals(java.util.List.of(30, 60, 90, 120))) {
            throw new IllegalStateException("the baseline SQL assumes the default buckets, not " + report.bounds());
        }
        Totals ours = new Totals();
        Callable<Long> oursOp = () -> {
            ours.reset();
            report.run(QUERY, row -> {
                ours.rows++;
                ours.total = ours.total.add(((Money) row[row.length - 3]).amount());
                ours.items += (Long) row[row.length - 1];
                return true;
            });
            return ours.rows;
        };
        Totals base = new Totals();
        Samples oursS;
        Samples baseS;
        try (Connection c = pg.connect()) {
            Samples[] both = Samples.alternate("ageing report", oursOp, "ageing SQL", () -> {
                base.reset();
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(BASELINE_SQL)) {
                    ps.setFetchSize(1_000);
                    ps.setObject(1, BenchDatabase.AS_OF);
                    ps.setObject(2, BenchDatabase.AS_OF);
                    ps.setObject(3, BenchDatabase.AS_OF);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            for (int i = 1; i <= 12; i++) {
                                rs.getObject(i);
                            }
                            base.rows++;
                            base.total = base.total.add(rs.getBigDecimal(11));
                            base.items += rs.getLong(12);
                        }
                    }
                } finally {
                    c.commit();
                    c.setAutoCommit(true);
                }
                return base.rows;
            }, 1, repeats, profiler, "ageing");
            oursS = both[0];
            baseS = both[1];
        }
        LOG.info("Ageing: report {} rows, {} open items, total {}; SQL {} rows, {} items, total {}", ours.rows,
                ours.items, ours.total, base.rows, base.items, base.total);
        String check = ours.total.compareTo(base.total) == 0 && ours.items == base.items && ours.rows == base.rows
                ? "Both give " + ours.rows + " customer rows, " + ours.items + " open items, total " + ours.total
                        + " (checked equal)."
                : "MISMATCH: report " + ours.rows + " rows / " + ours.items + " items / " + ours.total + " vs SQL "
                        + base.rows + " / " + base.items + " / " + base.total + ".";
        Results.Row row = results.ratio("P3", "Ageing of " + ours.items + " open items by customer (5 buckets + not due)", oursS, baseS,
                1.3, "ours = AgeingReport.run (reminders) streamed into a counting sink; baseline = a hand-written"
                        + " GROUP BY with FILTER buckets over the same open items. " + check);
        if (!row.met()) {
            results.add(ExcelBench.note(row, "Recorded during the warm-up run of ours (JFR settings \"profile\")."
                    + " " + profiler.summary("ageing")));
        }
    }

    static final class Totals {
        long rows;
        long items;
        BigDecimal total = BigDecimal.ZERO;

        void reset() {
            rows = 0;
            items = 0;
            total = BigDecimal.ZERO;
        }
    }

    private AgeingBench() {
    }
}
