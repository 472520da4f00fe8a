package org.wanglai.host.internal.demo;

import java.time.LocalDate;

/** Due-date rules of the reference host's payment terms (the same rules the host ERP applies). */
final class DueDates {

    private DueDates() {
    }

    /**
     * Due date of an invoice (or of one split part) dated {@code invoiceDate}.
     *
     * <ul>
     * <li>{@code NET}: invoice date + net days;</li>
     * <li>{@code EOM} (月结): last day of the invoice month + net days;</li>
     * <li>{@code EOQ} (季结): last day of the invoice quarter + net days;</li>
     * <li>{@code FIXED_DAY} (iDempiere FixMonthDay/Offset/Cutoff): day {@code fixDay} of the invoice month shifted by
     * {@code fixOffset} months, one month later when the invoice day is after {@code fixCutoff}; a day beyond the
     * month's length means its last day.</li>
     * </ul>
     */
    static LocalDate due(String type, int netDays, Integer fixDay, Integer fixOffset, Integer fixCutoff,
            LocalDate invoiceDate) {
        switch (type) {
            case "NET":
                return invoiceDate.plusDays(netDays);
            case "EOM":
                return invoiceDate.withDayOfMonth(invoiceDate.lengthOfMonth()).plusDays(netDays);
            case "EOQ": {
                int lastMonthOfQuarter = ((invoiceDate.getMonthValue() - 1) / 3) * 3 + 3;
                LocalDate m = invoiceDate.withDayOfMonth(1).withMonth(lastMonthOfQuarter);
                return m.withDayOfMonth(m.lengthOfMonth()).plusDays(netDays);
            }
            case "FIXED_DAY": {
                if (fixDay == null) {
                    throw new IllegalArgumentException("FIXED_DAY term without fix_month_day");
                }
                LocalDate m = invoiceDate.withDayOfMonth(1).plusMonths(fixOffset == null ? 0 : fixOffset);
                if (fixCutoff != null && invoiceDate.getDayOfMonth() > fixCutoff) {
                    m = m.plusMonths(1);
                }
                return m.withDayOfMonth(Math.min(fixDay, m.lengthOfMonth()));
            }
            default:
                throw new IllegalArgumentException("Unknown payment term type " + type);
        }
    }
}
