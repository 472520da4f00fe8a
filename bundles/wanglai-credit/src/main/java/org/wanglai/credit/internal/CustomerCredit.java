package org.wanglai.credit.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.wanglai.api.CreditStatus;
import org.wanglai.api.DocumentType;

/**
 * The in-memory credit state of one customer. Every access holds the object's monitor, so that checks for one
 * customer are serialised while checks for different customers run in parallel.
 */
final class CustomerCredit {

    /** A passed check of a document that the host has not completed yet. */
    record Reservation(BigDecimal amount, long expiresAtMillis) {
    }

    record DocKey(DocumentType type, long id) {
    }

    /** A temporary limit increase valid until (and including) {@code validTo}. */
    record TempIncrease(BigDecimal amount, LocalDate validTo) {
    }

    final long id;
    final String code;
    Currency currency;
    Long categoryId;
    BigDecimal hostLimit = BigDecimal.ZERO;
    BigDecimal categoryDefault = BigDecimal.ZERO;
    BigDecimal watchPercent = BigDecimal.valueOf(90);
    List<TempIncrease> temps = List.of();
    boolean stop;
    /** The customer's own "no check" flag. */
    boolean noCheck;
    /** Its category is marked "no check". */
    boolean categoryNoCheck;
    /** The status last written to (or read from) the host's credit status column. */
    CreditStatus hostStatus = CreditStatus.OK;
    String grade;
    /** Index+1 of the highest utilisation alert threshold last seen crossed (0 = none); alerts fire on a rise. */
    int alertLevel;
    /** Whether an overdue item was present at the last refresh; a first overdue item raises an alert. */
    boolean overdueSeen;

    Exposure exposure = Exposure.NONE;
    private final Map<DocKey, Reservation> reservations = new HashMap<>();

    CustomerCredit(long id, String code, Currency currency) {
        this.id = id;
        this.code = code;
        this.currency = currency;
    }

    /** Base limit: the customer's own, or its category's default when it has none. */
    BigDecimal baseLimit() {
        return hostLimit.signum() > 0 ? hostLimit : categoryDefault;
    }

    /** Base limit plus the temporary increases still valid on {@code today}; zero when there is no base limit. */
    BigDecimal effectiveLimit(LocalDate today) {
        BigDecimal base = baseLimit();
        if (base.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        for (TempIncrease t : temps) {
            if (!t.validTo().isBefore(today)) {
                base = base.add(t.amount());
            }
        }
        return base;
    }

    /** The reservations still valid at {@code nowMillis}, except the one of {@code exclude}. */
    BigDecimal reservedExcept(DocKey exclude, long nowMillis) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Iterator<Map.Entry<DocKey, Reservation>> it = reservations.entrySet().iterator(); it.hasNext();) {
            Map.Entry<DocKey, Reservation> e = it.next();
            if (e.getValue().expiresAtMillis() <= nowMillis) {
                it.remove();
            } else if (!e.getKey().equals(exclude)) {
                sum = sum.add(e.getValue().amount());
            }
        }
        return sum;
    }

    void reserve(DocKey key, BigDecimal amount, long expiresAtMillis) {
        reservations.put(key, new Reservation(amount, expiresAtMillis));
    }

    void release(DocKey key) {
        reservations.remove(key);
    }

    /** Marked "no check" itself or through its category. */
    boolean notChecked() {
        return noCheck || categoryNoCheck;
    }

    int reservationCount() {
        return reservations.size();
    }

    Snapshot snapshot(DocKey doc, LocalDate today, long nowMillis) {
        BigDecimal counted = BigDecimal.ZERO;
        if (doc != null && doc.type() == DocumentType.ORDER) {
            counted = exposure.openOrderAmount(doc.id());
        }
        return new Snapshot(code, currency, effectiveLimit(today), watchPercent, exposure.committed(),
                reservedExcept(doc, nowMillis), counted, stop, notChecked(), exposure.overdue(),
                exposure.overdueDays(today), grade);
    }

    /** The status from the committed exposure as of {@code today}. */
    CreditStatus computedStatus(LocalDate today) {
        return snapshot(null, today, Long.MAX_VALUE - 1).status();
    }

    /**
     * The host-document part of the exposure, as last read from SQL.
     *
     * @param openOrders open order id to its amount not yet shipped or invoiced
     * @param oldestOpenDue due date of the oldest open, undisputed pay schedule item
     */
    record Exposure(BigDecimal receivables, BigDecimal openOrderTotal, BigDecimal shipped, BigDecimal overdue,
            LocalDate oldestOpenDue, Map<Long, BigDecimal> openOrders) {

        static final Exposure NONE = new Exposure(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                null, Map.of());

        BigDecimal committed() {
            return receivables.add(openOrderTotal).add(shipped);
        }

        BigDecimal openOrderAmount(long orderId) {
            BigDecimal a = openOrders.get(orderId);
            return a == null ? BigDecimal.ZERO : a;
        }

        int overdueDays(LocalDate today) {
            if (oldestOpenDue == null || !oldestOpenDue.isBefore(today)) {
                return 0;
            }
            return (int) ChronoUnit.DAYS.between(oldestOpenDue, today);
        }

        /** Same figures (scale-insensitive); used by reconciliation to find drift. */
        boolean sameAs(Exposure o) {
            return receivables.compareTo(o.receivables) == 0 && openOrderTotal.compareTo(o.openOrderTotal) == 0
                    && shipped.compareTo(o.shipped) == 0;
        }
    }

    static List<TempIncrease> temps(List<TempIncrease> existing, TempIncrease added) {
        List<TempIncrease> l = new ArrayList<>(existing);
        l.add(added);
        return List.copyOf(l);
    }
}
