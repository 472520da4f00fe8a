package org.wanglai.api.credit;

import java.math.BigDecimal;
import java.util.Objects;

import org.wanglai.api.CreditStatus;
import org.wanglai.api.Money;

/**
 * A customer's credit exposure (信用占用) in its own currency: open receivables (invoices minus allocated receipts),
 * open sales orders not yet shipped or invoiced, shipped but not invoiced, and amounts reserved by passed checks of
 * orders not yet completed. {@code limit} is the effective limit (customer or category default, plus active
 * temporary increases); zero means not checked. {@code utilisation} is total / limit (null without a limit).
 */
public record CreditExposure(long customerId, Money receivables, Money openOrders, Money shippedNotInvoiced,
        Money reserved, Money total, Money limit, BigDecimal utilisation, CreditStatus status, Money overdue,
        int oldestOverdueDays) {

    public CreditExposure {
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(status, "status");
    }
}
