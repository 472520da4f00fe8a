package org.wanglai.it.host;

import java.math.BigDecimal;
import java.util.List;

/** Set-based SQL over canonical host relations, written as a capability bundle writes it. */
public interface OpenItemsMapper {

    /** Open receivables per currency: invoice totals minus allocated receipts, over completed invoices. */
    List<CurrencyAmount> openReceivables();

    String dialect();

    record CurrencyAmount(String currency, BigDecimal amount) {
    }
}
