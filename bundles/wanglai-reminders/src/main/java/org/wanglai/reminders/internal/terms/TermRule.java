package org.wanglai.reminders.internal.terms;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * How one due date follows from an invoice date.
 *
 * <ul>
 * <li>{@code NET}: invoice date + net days;</li>
 * <li>{@code EOM} (月结N天): last day of the invoice month + net days;</li>
 * <li>{@code EOQ} (季结): last day of the invoice's calendar quarter + net days;</li>
 * <li>{@code FIXED_DAY} (iDempiere FixMonthDay/FixMonthOffset/FixMonthCutoff): day {@code fixDay} of the invoice
 * month shifted by {@code fixOffset} months, one month more when the invoice day is after {@code fixCutoff}; a day
 * beyond the month's length means the month's last day (31 in February is the 28th or 29th).</li>
 * </ul>
 */
public record TermRule(Type type, int netDays, Integer fixDay, Integer fixOffset, Integer fixCutoff) {

    public enum Type {
        NET, EOM, EOQ, FIXED_DAY
    }

    public TermRule {
        Objects.requireNonNull(type, "type");
        if (type == Type.FIXED_DAY) {
            if (fixDay == null || fixDay < 1 || fixDay > 31) {
                throw new IllegalArgumentException("FIXED_DAY needs fix_month_day between 1 and 31, was " + fixDay);
            }
            if (fixOffset != null && (fixOffset < 0 || fixOffset > 12)) {
                throw new IllegalArgumentException("fix_month_offset must be 0..12, was " + fixOffset);
            }
            if (fixCutoff != null && (fixCutoff < 1 || fixCutoff > 31)) {
                throw new IllegalArgumentException("fix_month_cutoff must be 1..31, was " + fixCutoff);
            }
        } else if (netDays < 0) {
            throw new IllegalArgumentException(type + " needs net_days >= 0, was " + netDays);
        }
    }

    public static TermRule net(int days) {
        return new TermRule(Type.NET, days, null, null, null);
    }

    public static TermRule endOfMonth(int days) {
        return new TermRule(Type.EOM, days, null, null, null);
    }

    public static TermRule endOfQuarter(int days) {
        return new TermRule(Type.EOQ, days, null, null, null);
    }

    public static TermRule fixedDay(int day, int offset, Integer cutoff) {
        return new TermRule(Type.FIXED_DAY, 0, day, offset, cutoff);
    }

    public static Type parseType(String code, String field) {
        try {
            return Type.valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + ": unknown term type '" + code + "' (NET, EOM, EOQ, FIXED_DAY)");
        }
    }

    public LocalDate dueDate(LocalDate invoiceDate) {
        switch (type) {
            case NET:
                return invoiceDate.plusDays(netDays);
            case EOM:
                return invoiceDate.withDayOfMonth(invoiceDate.lengthOfMonth()).plusDays(netDays);
            case EOQ: {
                int lastMonth = ((invoiceDate.getMonthValue() - 1) / 3) * 3 + 3;
                LocalDate m = invoiceDate.withDayOfMonth(1).withMonth(lastMonth);
                return m.withDayOfMonth(m.lengthOfMonth()).plusDays(netDays);
            }
            case FIXED_DAY: {
                LocalDate m = invoiceDate.withDayOfMonth(1).plusMonths(fixOffset == null ? 0 : fixOffset);
                if (fixCutoff != null && invoiceDate.getDayOfMonth() > fixCutoff) {
                    m = m.plusMonths(1);
                }
                return m.withDayOfMonth(Math.min(fixDay, m.lengthOfMonth()));
            }
            default:
                throw new IllegalStateException(type.name());
        }
    }

    /** The rule in words, for the terms explanation. */
    public String describe() {
        switch (type) {
            case NET:
                return "invoice date + " + netDays + " days";
            case EOM:
                return "end of invoice month + " + netDays + " days (月结" + netDays + "天)";
            case EOQ:
                return "end of invoice quarter + " + netDays + " days (季结)";
            default:
                return "day " + fixDay + " of invoice month + " + (fixOffset == null ? 0 : fixOffset) + " month(s)"
                        + (fixCutoff == null ? "" : ", one more month when the invoice day is after " + fixCutoff);
        }
    }
}
