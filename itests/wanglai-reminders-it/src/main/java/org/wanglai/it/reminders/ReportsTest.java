package org.wanglai.it.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
import org.wanglai.api.Money;
import org.wanglai.api.ValidationException;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportQuery;

/** Ageing, statement and forecast on the hand-computed fixture (as of 2026-06-30), on H2 and PostgreSQL. */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class ReportsTest {
    static final LocalDate AS_OF = LocalDate.parse("2026-06-30");

    @InjectBundleContext
    BundleContext ctx;
    HostDatabase db;

    @BeforeEach
    void setUp(@InjectService ConfigurationAdmin cm) throws Exception {
        db = Reminders.setUp(ctx, cm);
    }

    private List<Object[]> run(String id, Map<String, Object> params) {
        Report r = (Report) ctx.getService(Reminders.report(ctx, id));
        List<Object[]> rows = new ArrayList<>();
        r.run(new ReportQuery(params, Locale.SIMPLIFIED_CHINESE, "it"), row -> rows.add(row));
        return rows;
    }

    private static String amounts(Object[] row) {
        StringBuilder b = new StringBuilder();
        for (Object o : Arrays.copyOfRange(row, 2, row.length)) {
            b.append(o instanceof Money m ? m.amount().toPlainString() : String.valueOf(o)).append(' ');
        }
        return b.toString().trim();
    }

    @Test
    void ageingByCustomerMatchesHandComputedBucketsAndReconciles() throws Throwable {
        List<Object[]> rows = run("reminders.ageing", Map.of("asOf", AS_OF, "groupBy", "customer", "basis", "due"));
        Map<String, String> byCode = new HashMap<>();
        for (Object[] r : rows) {
            byCode.put((String) r[0], amounts(r));
        }
        // not due, 1-30, 31-60, 61-90, 91-120, >120, total, overdue, items
        assertThat(byCode).containsOnly(
                Map.entry("C101", "500.00 2000.00 800.00 0.00 0.00 600.00 3900.00 3400.00 4"),
                Map.entry("C102", "1500.00 0.00 0.00 3000.00 0.00 0.00 4500.00 3000.00 2"),
                Map.entry("C103", "0.00 0.00 0.00 400.01 0.00 0.00 400.01 400.01 1"),
                Map.entry("C104", "0.00 150.00 0.00 0.00 0.00 0.00 150.00 150.00 1"),
                Map.entry("C105", "0.00 60.00 0.00 0.00 0.00 0.00 60.00 60.00 1"));
        BigDecimal total = rows.stream().map(r -> ((Money) r[8]).amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(total).isEqualByComparingTo("9010.01");
        // the same figure computed the simple way: invoices minus allocations up to the date
        Number ar = Reminders.scalar(db, "SELECT SUM(i.grand_total - COALESCE((SELECT SUM(a.amount) FROM erp_allocation a "
                + "WHERE a.invoice_id = i.id AND a.allocation_date <= DATE '2026-06-30'), 0)) FROM erp_invoice i "
                + "WHERE i.status IN ('CO','CL') AND i.invoice_date <= DATE '2026-06-30'");
        assertThat(new BigDecimal(ar.toString())).isEqualByComparingTo(total);
        assertThat(Reminders.cmd(ctx, "ageing", "2026-06-30", "category", "due")).contains("CNY 9010.01 (reconciled)");
    }

    @Test
    void ageingByCategoryAndAfterTheLastPayment() throws Exception {
        List<Object[]> rows = run("reminders.ageing", Map.of("asOf", AS_OF, "groupBy", "category", "basis", "due"));
        Map<String, String> byCode = new HashMap<>();
        for (Object[] r : rows) {
            byCode.put((String) r[0], ((Money) r[8]).amount().toPlainString());
        }
        assertThat(byCode).containsOnly(Map.entry("0101", "4360.01"), Map.entry("02", "4650.00"));
        // on 2026-07-15 INV-1004 (800.00) is paid
        List<Object[]> later = run("reminders.ageing",
                Map.of("asOf", LocalDate.parse("2026-07-15"), "groupBy", "region", "basis", "invoice"));
        assertThat(later).hasSize(1);
        assertThat(((Money) later.get(0)[8]).amount()).isEqualByComparingTo("8210.01");
        assertThatThrownBy(() -> run("reminders.ageing", Map.of("asOf", AS_OF, "groupBy", "c.id; DROP TABLE x")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("groupBy");
    }

    @Test
    void statementRunsTheBalance() {
        List<Object[]> rows = run("reminders.statement",
                Map.of("customer", "C101", "from", LocalDate.parse("2026-01-01"), "to", AS_OF));
        List<String> lines = rows.stream().map(r -> r[2] + "=" + ((Money) r[6]).amount().toPlainString()).toList();
        assertThat(lines).containsExactly("INV-1006=300.00", "INV-1001=1300.00", "RC-1=1000.00", "RC-2=600.00",
                "INV-1004=1400.00", "INV-1002=3400.00", "INV-1003=3900.00");
        List<Object[]> fromMarch = run("reminders.statement",
                Map.of("customer", "C101", "from", LocalDate.parse("2026-03-01"), "to", AS_OF));
        assertThat(((Money) fromMarch.get(0)[6]).amount()).as("opening balance").isEqualByComparingTo("1000.00");
    }

    @Test
    void forecastShiftsByEachCustomersDaysLate() {
        List<Object[]> rows = run("reminders.forecast", Map.of("asOf", AS_OF, "period", "month"));
        List<String> months = rows.stream().map(r -> r[1] + "=" + ((Money) r[2]).amount().toPlainString()).toList();
        // C101 pays 18 days late on average: INV-1002 due 06-19 -> 07-07, INV-1003 due 07-20 -> 08-07; the disputed
        // INV-2001 is left out; everything expected before the as-of date is expected now
        assertThat(months).containsExactly("2026-06=3510.01", "2026-07=2000.00", "2026-08=500.00");
        assertThat(((Money) rows.get(2)[4]).amount()).isEqualByComparingTo("6010.01");
    }
}
