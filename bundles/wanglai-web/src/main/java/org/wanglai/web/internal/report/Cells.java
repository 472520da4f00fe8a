package org.wanglai.web.internal.report;

import java.math.BigDecimal;
import java.text.Collator;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;

import org.wanglai.api.Money;

/** Comparing and searching report cell values of any column type. */
public final class Cells {

    private Cells() {
    }

    /** The text a filter matches against: amounts in plain form, dates ISO. */
    public static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Money m) {
            return m.amount().toPlainString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    /**
     * Orders the values of one column ascending; empty cells sort last in both directions. Text compares by the
     * locale's collation (pinyin order for Chinese), money by currency then amount.
     */
    public static Comparator<Object[]> rowOrder(int column, boolean descending, Locale locale) {
        Collator collator = Collator.getInstance(locale);
        Comparator<Object> values = (a, b) -> compare(a, b, collator);
        Comparator<Object> directed = descending ? values.reversed() : values;
        return (r1, r2) -> {
            Object a = r1[column];
            Object b = r2[column];
            if (a == null || b == null) {
                return a == null ? (b == null ? 0 : 1) : -1;
            }
            return directed.compare(a, b);
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b, Collator collator) {
        if (a instanceof Money x && b instanceof Money y) {
            int c = x.currencyCode().compareTo(y.currencyCode());
            return c != 0 ? c : x.amount().compareTo(y.amount());
        }
        if (a instanceof String x && b instanceof String y) {
            return collator.compare(x, y);
        }
        if (a instanceof Number x && b instanceof Number y && a.getClass() != b.getClass()) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        if (a instanceof LocalDate || b instanceof LocalDate) {
            return text(a).compareTo(text(b));
        }
        return collator.compare(text(a), text(b));
    }
}
