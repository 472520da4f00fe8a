package org.wanglai.api.costing;

import org.wanglai.api.LocalizedText;

/**
 * What a cost pool is spread by. Counts are of completed documents (status CO or CL) dated in the allocated month,
 * attributed to the document's channel and region.
 */
public enum CostDriver {
    ORDERS("订单数", "Orders"),
    ORDER_LINES("订单行数", "Order lines"),
    SHIPMENTS("发货次数", "Deliveries"),
    SHIPMENT_LINES("发货行数", "Delivery lines"),
    INVOICES("发票数", "Invoices"),
    INVOICE_LINES("发票行数", "Invoice lines"),
    /** Net invoiced amount (line amounts). */
    REVENUE("销售收入", "Revenue"),
    /** Disputes opened in the month (service tickets). */
    DISPUTES("争议/工单数", "Disputes (tickets)"),
    /** Invoices with an overdue, unpaid amount at the month's end. */
    OVERDUE_INVOICES("逾期发票数", "Overdue invoices"),
    /** Reminder items sent in the month, from the reminders capability when it is installed. */
    REMINDERS("催款次数", "Reminders sent");

    private final LocalizedText label;

    CostDriver(String zh, String en) {
        this.label = LocalizedText.of(zh, en);
    }

    public LocalizedText label() {
        return label;
    }
}
