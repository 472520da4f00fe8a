package org.wanglai.it.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.CreditStatus;
import org.wanglai.api.DocumentType;
import org.wanglai.api.Money;
import org.wanglai.api.credit.CreditCheckRequest;
import org.wanglai.api.credit.CreditDecision;
import org.wanglai.api.credit.CreditDecision.Outcome;
import org.wanglai.api.credit.CreditExposure;
import org.wanglai.api.credit.CreditReason;
import org.wanglai.api.host.HostTopics;
import org.wanglai.it.support.TestDatabase;

/** Exposure, status and the check matrix on the hand-computed fixture (business date 2026-06-30). */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class CreditCheckTest {

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    @InjectService
    EventAdmin events;

    CreditIt.Env env;

    @BeforeEach
    void up() throws Exception {
        env = CreditIt.up(ctx, cm);
    }

    static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    private CreditDecision check(long customer, DocumentType type, long doc, Money amount) {
        return env.control().check(CreditCheckRequest.of(customer, type, doc, "D" + doc, amount, "clerk"));
    }

    private static List<String> codes(CreditDecision d) {
        return d.reasons().stream().map(CreditReason::code).toList();
    }

    @Test
    void exposureSplitAndStatusFromTheHostDocuments() throws Exception {
        CreditExposure c1 = env.control().exposure(1).orElseThrow();
        assertThat(c1.receivables()).isEqualTo(cny("2000.00"));
        assertThat(c1.openOrders()).isEqualTo(cny("600.00"));
        assertThat(c1.shippedNotInvoiced()).isEqualTo(cny("400.00"));
        assertThat(c1.receivables().plus(c1.openOrders()).plus(c1.shippedNotInvoiced())).isEqualTo(cny("3000.00"));
        assertThat(c1.limit()).isEqualTo(cny("10000.00"));
        assertThat(c1.status()).isEqualTo(CreditStatus.OK);
        assertThat(c1.oldestOverdueDays()).isZero();

        CreditExposure c2 = env.control().exposure(2).orElseThrow();
        assertThat(c2.receivables()).isEqualTo(cny("9500.00"));
        assertThat(c2.status()).isEqualTo(CreditStatus.WATCH);
        assertThat(c2.overdue()).isEqualTo(cny("9500.00"));
        assertThat(c2.oldestOverdueDays()).isEqualTo(15);

        CreditExposure c3 = env.control().exposure(3).orElseThrow();
        assertThat(c3.total().minus(c3.reserved())).isEqualTo(cny("4000.00"));
        assertThat(c3.status()).isEqualTo(CreditStatus.HOLD);
        assertThat(c3.overdue()).isEqualTo(cny("4000.00"));
        assertThat(c3.oldestOverdueDays()).isEqualTo(121);

        assertThat(env.control().exposure(4).orElseThrow().status()).isEqualTo(CreditStatus.STOP);
        CreditExposure c5 = env.control().exposure(5).orElseThrow();
        assertThat(c5.status()).isEqualTo(CreditStatus.NO_CHECK);
        assertThat(c5.receivables()).isEqualTo(cny("50000.00"));
        assertThat(c5.utilisation()).isNull();
        assertThat(env.control().exposure(999_999)).isEmpty();

        // the computed statuses reach the host's credit status column, with history
        TestDatabase.waitUntil(() -> status(2).equals("W") && status(3).equals("H") && status(5).equals("X"), 20_000,
                "host credit status column");
        assertThat(status(1)).isEqualTo("O");
        assertThat(status(4)).isEqualTo("S");
        assertThat(CreditIt.scalarLong(env.db(),
                "SELECT COUNT(*) FROM wl_cr_status_history WHERE customer_id = 3 AND new_status = 'H'")).isEqualTo(1);
    }

    private String status(long customer) {
        try {
            return CreditIt.scalarString(env.db(), "SELECT credit_status FROM erp_customer WHERE id = ?", customer).trim();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void documentTypesStatusesAndAmountEdges() throws Exception {
        // C001 OK, exposure 3000 of 10000, watch line 9000: shipments, invoices and refunds add nothing
        assertThat(check(1, DocumentType.SHIPMENT, 9000, cny("100000")).outcome()).isEqualTo(Outcome.PASS);
        assertThat(check(1, DocumentType.INVOICE, 9000, cny("100000")).outcome()).isEqualTo(Outcome.PASS);
        assertThat(check(1, DocumentType.REFUND, 9000, cny("100000")).outcome()).isEqualTo(Outcome.PASS);
        assertThat(check(1, DocumentType.RECEIPT, 9000, cny("100000")).outcome()).isEqualTo(Outcome.PASS);
        CreditDecision over = check(1, DocumentType.ORDER, 9002, cny("7000.01"));
        assertThat(over.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(codes(over)).containsExactly("credit.would-exceed-limit");
        assertThat(over.exposure()).isEqualTo(cny("10000.01"));
        assertThat(over.reasons().get(0).message().en()).contains("by 0.01 CNY");
        assertThat(over.reasons().get(0).message().zh()).contains("超出 0.01 CNY");
        assertThat(check(1, DocumentType.ORDER, 9003, cny("6000.00")).outcome()).isEqualTo(Outcome.PASS); // = 9000
        CreditDecision watch = check(1, DocumentType.ORDER, 9003, cny("6000.01")); // re-checked: replaces, 9000.01
        assertThat(watch.outcome()).isEqualTo(Outcome.WARN);
        assertThat(codes(watch)).containsExactly("credit.watch");
        assertThat(env.control().exposure(1).orElseThrow().reserved()).isEqualTo(cny("6000.01"));
        // another order now sees the reservation of 9003
        CreditDecision second = check(1, DocumentType.ORDER, 9004, cny("1000.00"));
        assertThat(second.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(second.exposure()).isEqualTo(cny("10000.01"));
        // the host closes order 9003 without completing it: its reservation is released
        events.postEvent(new Event(HostTopics.ORDER_CLOSED, Map.of(HostTopics.PROP_CUSTOMER_ID, 1L,
                HostTopics.PROP_DOCUMENT_ID, 9003L)));
        TestDatabase.waitUntil(() -> env.control().exposure(1).orElseThrow().reserved().isZero(), 10_000, "release");
        assertThat(check(1, DocumentType.ORDER, 9004, cny("1000.00")).outcome()).isEqualTo(Outcome.PASS);
        events.postEvent(new Event(HostTopics.ORDER_CLOSED, Map.of(HostTopics.PROP_CUSTOMER_ID, 1L,
                HostTopics.PROP_DOCUMENT_ID, 9004L)));

        // C002 WATCH, 9500 of 10000
        assertThat(check(2, DocumentType.ORDER, 9102, cny("500.01")).outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(check(2, DocumentType.SHIPMENT, 9103, cny("5")).outcome()).isEqualTo(Outcome.PASS);
        assertThat(check(2, DocumentType.INVOICE, 9104, cny("5")).outcome()).isEqualTo(Outcome.PASS);

        // C003 HOLD, 4000 of 3000, oldest item 121 days overdue
        CreditDecision hold = check(3, DocumentType.ORDER, 9201, cny("1"));
        assertThat(hold.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(codes(hold)).containsExactly("credit.status-hold", "credit.would-exceed-limit", "credit.overdue-days");
        assertThat(hold.status()).isEqualTo(CreditStatus.HOLD);
        assertThat(check(3, DocumentType.SHIPMENT, 9202, cny("1")).outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(check(3, DocumentType.INVOICE, 9203, cny("1")).outcome()).isEqualTo(Outcome.PASS);
        assertThat(check(3, DocumentType.REFUND, 9204, cny("1")).outcome()).isEqualTo(Outcome.BLOCK);

        // C004 STOP: everything blocked
        for (DocumentType t : List.of(DocumentType.ORDER, DocumentType.SHIPMENT, DocumentType.INVOICE, DocumentType.REFUND)) {
            CreditDecision d = check(4, t, 9300 + t.ordinal(), cny("1"));
            assertThat(d.outcome()).as(t.name()).isEqualTo(Outcome.BLOCK);
            assertThat(codes(d)).as(t.name()).contains("credit.status-stop");
        }

        // C005 limit 0: not checked
        CreditDecision free = check(5, DocumentType.ORDER, 9401, cny("99999999"));
        assertThat(free.outcome()).isEqualTo(Outcome.PASS);
        assertThat(free.status()).isEqualTo(CreditStatus.NO_CHECK);

        // C007 in USD: its limit is in USD; a CNY order cannot be compared
        assertThat(env.control().exposure(7).orElseThrow().limit()).isEqualTo(Money.of("1000.00", "USD"));
        assertThat(check(7, DocumentType.ORDER, 9501, Money.of("1000.00", "USD")).outcome()).isEqualTo(Outcome.WARN);
        assertThat(check(7, DocumentType.ORDER, 9502, Money.of("0.01", "USD")).outcome()).isEqualTo(Outcome.BLOCK);
        CreditDecision cur = check(7, DocumentType.ORDER, 9503, cny("1"));
        assertThat(cur.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(codes(cur)).containsExactly("credit.currency-mismatch");

        // unknown customer: a clear block, no exception
        CreditDecision unknown = check(999_999, DocumentType.ORDER, 9601, cny("1"));
        assertThat(unknown.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(codes(unknown)).containsExactly("credit.unknown-customer");
    }

    @Test
    void bypassNeedsTheRoleAndAReasonAndIsLogged() throws Exception {
        CreditDecision ok = env.control().check(new CreditCheckRequest(3, DocumentType.ORDER, 9701, "SO9701",
                cny("10"), "boss", true, "customer paid by wire today"));
        assertThat(ok.outcome()).isEqualTo(Outcome.WARN);
        assertThat(codes(ok)).contains("credit.status-hold", "credit.bypassed");
        CreditDecision clerk = env.control().check(new CreditCheckRequest(3, DocumentType.ORDER, 9702, "SO9702",
                cny("10"), "clerk", true, "please"));
        assertThat(clerk.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(codes(clerk)).contains("credit.bypass-denied");
        CreditDecision noReason = env.control().check(new CreditCheckRequest(3, DocumentType.ORDER, 9703, "SO9703",
                cny("10"), "boss", true, " "));
        assertThat(noReason.outcome()).isEqualTo(Outcome.BLOCK);

        List<Object[]> log = CreditIt.rows(ctx, "credit.check-log", Map.of("customer", "C003"));
        Object[] bypassed = log.stream().filter(r -> "SO9701".equals(r[4])).findFirst().orElseThrow();
        assertThat(bypassed[0]).isEqualTo(ok.checkId());
        assertThat(bypassed[6]).isEqualTo("WARN");
        assertThat(bypassed[7]).isEqualTo(cny("4010.00"));
        assertThat((String) bypassed[10]).contains("credit.status-hold").contains("credit.bypassed");
        assertThat(bypassed[11]).isEqualTo("boss");
        assertThat(bypassed[12]).isEqualTo("customer paid by wire today");
        assertThat(log.stream().filter(r -> "SO9702".equals(r[4])).findFirst().orElseThrow()[6]).isEqualTo("BLOCK");
        assertThat(CreditIt.scalarLong(env.db(), "SELECT COUNT(*) FROM wl_cr_check_log WHERE bypass = TRUE"))
                .isGreaterThanOrEqualTo(3);
        assertThat(new BigDecimal(CreditIt.scalarString(env.db(),
                "SELECT exposure FROM wl_cr_check_log WHERE id = ?", ok.checkId()))).isEqualByComparingTo("4010.00");
    }
}
