package org.wanglai.credit.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.cursor.Cursor;
import org.wanglai.api.CreditStatus;

/**
 * Reads the credit state of one customer or of all of them from SQL, set-based: one statement per exposure part,
 * streamed through cursors, joined in memory by customer id.
 */
final class LedgerLoader {

    /** Everything the ledger keeps about one customer, fresh from the database. */
    static final class Fresh {
        final CreditMapper.CustomerRow master;
        BigDecimal receivables = BigDecimal.ZERO;
        BigDecimal orderTotal = BigDecimal.ZERO;
        Map<Long, BigDecimal> orders;
        BigDecimal shipped = BigDecimal.ZERO;
        BigDecimal overdue = BigDecimal.ZERO;
        LocalDate oldestOpenDue;
        boolean stop;
        boolean noCheck;
        boolean pluginRow;
        List<CustomerCredit.TempIncrease> temps = new ArrayList<>();

        Fresh(CreditMapper.CustomerRow master) {
            this.master = master;
        }

        CustomerCredit.Exposure exposure() {
            return new CustomerCredit.Exposure(receivables, orderTotal, shipped, overdue, oldestOpenDue,
                    orders == null ? Map.of() : Map.copyOf(orders));
        }

        /** The stop flag: Wanglai's own when it has one, else the host's status column saying Stop. */
        boolean effectiveStop() {
            return pluginRow ? stop : CreditStatus.ofCode(master.creditStatus()) == CreditStatus.STOP;
        }
    }

    private LedgerLoader() {
    }

    static Map<Long, Fresh> load(CreditMapper m, Long customerId, LocalDate today) {
        Map<Long, Fresh> all = new HashMap<>();
        try (Cursor<CreditMapper.CustomerRow> c = m.customers(customerId)) {
            for (CreditMapper.CustomerRow r : c) {
                all.put(r.id(), new Fresh(r));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        try (Cursor<CreditMapper.AmountRow> c = m.receivables(customerId)) {
            for (CreditMapper.AmountRow r : c) {
                Fresh f = all.get(r.customerId());
                if (f != null) {
                    f.receivables = r.amount();
                }
            }
            try (Cursor<CreditMapper.OrderRow> o = m.openOrders(customerId)) {
                for (CreditMapper.OrderRow r : o) {
                    Fresh f = all.get(r.customerId());
                    if (f != null) {
                        if (f.orders == null) {
                            f.orders = new HashMap<>();
                        }
                        f.orders.put(r.orderId(), r.amount());
                        f.orderTotal = f.orderTotal.add(r.amount());
                    }
                }
            }
            try (Cursor<CreditMapper.AmountRow> s = m.shipped(customerId)) {
                for (CreditMapper.AmountRow r : s) {
                    Fresh f = all.get(r.customerId());
                    if (f != null) {
                        f.shipped = r.amount();
                    }
                }
            }
            try (Cursor<CreditMapper.OverdueRow> s = m.overdue(customerId, today)) {
                for (CreditMapper.OverdueRow r : s) {
                    Fresh f = all.get(r.customerId());
                    if (f != null) {
                        f.overdue = r.overdue();
                        f.oldestOpenDue = r.oldestOpenDue();
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        for (CreditMapper.PluginCustomerRow r : m.pluginCustomers(customerId)) {
            Fresh f = all.get(r.customerId());
            if (f != null) {
                f.pluginRow = true;
                f.stop = r.stop();
                f.noCheck = r.noCheck();
            }
        }
        for (CreditMapper.TempRow r : m.activeTemps(customerId, today)) {
            Fresh f = all.get(r.customerId());
            if (f != null) {
                f.temps.add(new CustomerCredit.TempIncrease(r.amount(), r.validTo()));
            }
        }
        return all;
    }
}
