package org.wanglai.it.web.sample;

import java.time.LocalDate;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;

/** The host's sales invoices, one row each. */
public interface InvoiceMapper {
    Cursor<InvoiceLine> invoices(@Param("from") LocalDate from, @Param("to") LocalDate to);
}
