package org.wanglai.credit.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import org.wanglai.api.CreditStatus;

/**
 * What one check sees of a customer, taken under the customer's lock.
 *
 * @param limit effective limit (base plus active temporary increases); zero = not checked
 * @param watchPercent e.g. 90 for 90%
 * @param committed exposure from the host documents (receivables + open orders + shipped not invoiced)
 * @param reservedOthers amounts reserved by passed checks of other documents not yet completed
 * @param alreadyCounted what the checked document itself already adds to {@code committed} (a re-opened order)
 * @param stop manual or reminder-level stop
 * @param noCheck marked "no credit check"
 */
record Snapshot(String customerCode, Currency currency, BigDecimal limit, BigDecimal watchPercent,
        BigDecimal committed, BigDecimal reservedOthers, BigDecimal alreadyCounted, boolean stop, boolean noCheck,
        BigDecimal overdue, int overdueDays, String grade) {

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The status from the committed exposure: Stop, no check, Hold, Watch or OK. */
    CreditStatus status() {
        return status(committed);
    }

    CreditStatus status(BigDecimal exposure) {
        if (stop) {
            return CreditStatus.STOP;
        }
        if (noCheck || limit.signum() <= 0) {
            return CreditStatus.NO_CHECK;
        }
        if (exposure.compareTo(limit) > 0) {
            return CreditStatus.HOLD;
        }
        if (exposure.compareTo(watchLine()) > 0) {
            return CreditStatus.WATCH;
        }
        return CreditStatus.OK;
    }

    BigDecimal watchLine() {
        return limit.multiply(watchPercent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }
}
