package org.wanglai.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.wanglai.api.DocumentType;
import org.wanglai.api.Money;
import org.wanglai.api.credit.CreditCheckRequest;
import org.wanglai.api.credit.CreditDecision;
import org.wanglai.credit.internal.CreditService;

/**
 * Credit check latency (JMH, sample time): an order check on a random customer through the credit service's
 * in-memory exposure ledger (loaded set-based from the bench database: 100k customers, 1M open items), against the
 * same decision taken by recomputing the customer's exposure in SQL for every check.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CreditCheckJmh {

    /** SQL per check: the three exposure parts of one customer and its limit, as the ledger keeps them. */
    static final String EXPOSURE_SQL = """
            SELECT c.credit_limit,
                   COALESCE((SELECT SUM(i.grand_total - COALESCE((SELECT SUM(al.amount) FROM erp_allocation al
                                                                   WHERE al.invoice_id = i.id), 0))
                               FROM erp_invoice i
                              WHERE i.customer_id = c.id AND i.status IN ('CO', 'CL') AND NOT i.is_paid), 0)
                 + COALESCE((SELECT SUM(CASE WHEN l.qty > GREATEST(l.qty_shipped, l.qty_invoiced)
                                             THEN l.qty - GREATEST(l.qty_shipped, l.qty_invoiced) ELSE 0 END * l.price)
                               FROM erp_sales_order o JOIN erp_sales_order_line l ON l.order_id = o.id
                              WHERE o.customer_id = c.id AND o.status = 'CO'), 0)
                 + COALESCE((SELECT SUM(sl.amount * (sl.qty - sl.qty_invoiced) / sl.qty)
                               FROM erp_shipment s JOIN erp_shipment_line sl ON sl.shipment_id = s.id
                              WHERE s.customer_id = c.id AND s.status IN ('CO', 'CL') AND sl.qty > 0
                                AND sl.qty_invoiced < sl.qty), 0) AS exposure
              FROM erp_customer c WHERE c.id = ?
            """;

    static final BigDecimal AMOUNT = new BigDecimal("1000.00");

    /** Customer ids and currencies, shared by both sides. */
    @State(Scope.Benchmark)
    public static class Customers {
        @Param("")
        public String jdbcUrl;
        long[] ids;
        Currency[] currencies;

        @Setup(Level.Trial)
        public void load() throws Exception {
            List<long[]> rows = new ArrayList<>();
            List<Currency> cur = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id, currency FROM erp_customer ORDER BY id")) {
                while (rs.next()) {
                    rows.add(new long[] { rs.getLong(1) });
                    cur.add(Currency.getInstance(rs.getString(2).trim()));
                }
            }
            ids = rows.stream().mapToLong(r -> r[0]).toArray();
            currencies = cur.toArray(new Currency[0]);
        }
    }

    /** The credit service with its ledger, built as SCR would build it. */
    @State(Scope.Benchmark)
    public static class Ledger {
        @Param("")
        public String loadTimeFile;
        Plain plain;
        CreditService credit;

        @Setup(Level.Trial)
        public void load(Customers customers) throws Exception {
            long t0 = System.nanoTime();
            plain = new Plain(customers.jdbcUrl, 4);
            // scores and reconciliation on demand only: no background recomputation while checks are timed
            credit = new CreditService(plain.db, plain.customers, Configs.of(CreditService.Config.class,
                    Map.of("today", BenchDatabase.AS_OF.toString(), "scoreIntervalHours", 0, "reconcileMinutes", 0)));
            credit.awaitLoaded(); // the ledger loads on the credit worker
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (!loadTimeFile.isEmpty()) {
                Files.writeString(Path.of(loadTimeFile), Long.toString(ms));
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            plain.close();
        }
    }

    /** One random stream per thread. */
    @State(Scope.Thread)
    public static class Pick {
        final SplittableRandom random = new SplittableRandom(42);
    }

    /** JDBC connection with the statement prepared once. */
    @State(Scope.Thread)
    public static class Sql {
        Connection c;
        PreparedStatement ps;

        @Setup(Level.Trial)
        public void open(Customers customers) throws Exception {
            c = DriverManager.getConnection(customers.jdbcUrl, "postgres", "");
            ps = c.prepareStatement(EXPOSURE_SQL);
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            c.close();
        }
    }

    /**
     * A real (not simulated) order check: it reserves the amount under the order's id; the order id is fixed per
     * customer, so each check replaces the customer's one reservation instead of piling them up.
     */
    @Benchmark
    public CreditDecision ledger(Customers customers, Ledger ledger, Pick pick) {
        int i = pick.random.nextInt(customers.ids.length);
        long id = customers.ids[i];
        return ledger.credit.check(new CreditCheckRequest(id, DocumentType.ORDER, 1_000_000_000L + id, "SO-BENCH",
                new Money(AMOUNT, customers.currencies[i]), "bench", false, null), false, false);
    }

    /** The same decision from SQL: exposure recomputed, compared with the limit. */
    @Benchmark
    public boolean sql(Customers customers, Sql sql, Pick pick) throws Exception {
        long id = customers.ids[pick.random.nextInt(customers.ids.length)];
        sql.ps.setLong(1, id);
        try (ResultSet rs = sql.ps.executeQuery()) {
            rs.next();
            BigDecimal limit = rs.getBigDecimal(1);
            BigDecimal exposure = rs.getBigDecimal(2);
            return limit.signum() == 0 || exposure.add(AMOUNT).compareTo(limit) <= 0;
        }
    }
}
