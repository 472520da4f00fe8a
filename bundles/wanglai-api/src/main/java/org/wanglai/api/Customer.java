package org.wanglai.api;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A host customer as Wanglai sees it. {@code creditLimit} is in the customer's currency; a limit of zero means
 * "not checked".
 */
public record Customer(
        long id,
        String code,
        String name,
        String industry,
        String region,
        String scale,
        Long categoryId,
        String channel,
        Long salespersonId,
        Long paymentTermId,
        Money creditLimit,
        CreditStatus creditStatus,
        LocalDate createdDate) {

    public Customer {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(creditLimit, "creditLimit");
    }

    public String currencyCode() {
        return creditLimit.currencyCode();
    }
}
