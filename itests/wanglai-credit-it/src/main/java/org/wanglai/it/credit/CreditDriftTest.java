package org.wanglai.it.credit;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.wanglai.api.Money;
import org.wanglai.api.credit.CreditAdmin;
import org.wanglai.api.host.HostTopics;
import org.wanglai.it.support.SqlFixture;
import org.wanglai.it.support.TestDatabase;

/** The exposure follows host events; what happened without an event is found and repaired by reconciliation. */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class CreditDriftTest {

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

    @Test
    void eventsKeepTheExposureCurrentAndReconciliationRepairsDrift() throws Exception {
        assertThat(env.control().exposure(10).orElseThrow().total()).isEqualTo(Money.of("0.00", "CNY"));
        SqlFixture.execute(env.db(), """
                INSERT INTO erp_sales_order (id, doc_no, customer_id, order_date, currency, grand_total, status)
                  VALUES (1010, 'SO1010', 10, DATE '2026-06-30', 'CNY', 500.00, 'CO');
                INSERT INTO erp_sales_order_line (id, order_id, line_no, product_id, qty, price, line_amount, qty_shipped, qty_invoiced)
                  VALUES (10101, 1010, 10, 1, 5, 100, 500.00, 0, 0);
                """);
        events.postEvent(new Event(HostTopics.ORDER_COMPLETED, Map.of(HostTopics.PROP_CUSTOMER_ID, 10L,
                HostTopics.PROP_DOCUMENT_ID, 1010L, HostTopics.PROP_DOCUMENT_NO, "SO1010", HostTopics.PROP_AMOUNT,
                "500.00", HostTopics.PROP_CURRENCY, "CNY")));
        TestDatabase.waitUntil(() -> env.control().exposure(10).orElseThrow().openOrders()
                .equals(Money.of("500.00", "CNY")), 10_000, "order event applied");

        // an invoice posted while no event reached us (host adapter down): the ledger does not know it yet
        SqlFixture.execute(env.db(), """
                INSERT INTO erp_invoice (id, doc_no, customer_id, invoice_date, currency, grand_total, status, is_paid, in_dispute)
                  VALUES (1011, 'INV1011', 10, DATE '2026-06-30', 'CNY', 2000.00, 'CO', FALSE, FALSE);
                INSERT INTO erp_invoice_pay_schedule (id, invoice_id, seq, due_date, due_amount)
                  VALUES (10111, 1011, 1, DATE '2026-07-30', 2000.00);
                """);
        assertThat(env.control().exposure(10).orElseThrow().receivables()).isEqualTo(Money.of("0.00", "CNY"));
        CreditAdmin.Reconciliation r = env.admin().reconcile();
        assertThat(r.drifted()).isGreaterThanOrEqualTo(1);
        assertThat(r.customers()).isEqualTo(19);
        assertThat(env.control().exposure(10).orElseThrow().receivables()).isEqualTo(Money.of("2000.00", "CNY"));
        assertThat(env.control().exposure(10).orElseThrow().total()).isEqualTo(Money.of("2500.00", "CNY"));
        assertThat(env.admin().reconcile().drifted()).as("nothing left to repair").isZero();
    }
}
