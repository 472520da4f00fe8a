package org.wanglai.web.internal.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

import org.wanglai.api.Money;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.RowSink;

/**
 * Takes one page out of a streamed report without holding the stream: every row that passes the filter is counted
 * and added to the totals; without a sort order only the rows of the page are kept, with one a bounded heap keeps the
 * best {@code offset + limit} rows. Ties keep the report's own order.
 */
public final class RowWindow implements RowSink {

    private final List<ReportColumn> columns;
    private final String filter;
    private final int offset;
    private final int limit;
    private final Comparator<Ranked> order;
    private final PriorityQueue<Ranked> heap;
    private final List<Object[]> page = new ArrayList<>();
    private final Object[] totals;
    private final List<Map<String, BigDecimal>> moneyTotals = new ArrayList<>();
    private long seen;
    private long matched;
    private int maxHeld;

    /**
     * @param sort row order, or null to keep the report's order
     * @param filter case-insensitive text every kept row contains in one of its cells, or null
     */
    public RowWindow(List<ReportColumn> columns, Comparator<Object[]> sort, String filter, int offset, int limit,
            Locale locale) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset >= 0 and limit >= 1");
        }
        this.columns = columns;
        this.filter = filter == null || filter.isBlank() ? null : filter.trim().toLowerCase(locale);
        this.offset = offset;
        this.limit = limit;
        if (sort != null) {
            this.order = Comparator.<Ranked, Object[]>comparing(Ranked::row, sort).thenComparingLong(Ranked::seq);
            this.heap = new PriorityQueue<>(Math.min(offset + limit, 1024) + 1, order.reversed());
        } else {
            this.order = null;
            this.heap = null;
        }
        this.totals = new Object[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            moneyTotals.add(new TreeMap<>());
        }
    }

    @Override
    public boolean row(Object[] values) {
        seen++;
        if (filter != null && !matches(values)) {
            return true;
        }
        long index = matched++;
        addToTotals(values);
        if (heap == null) {
            if (index >= offset && index < (long) offset + limit) {
                page.add(values.clone());
            }
        } else {
            Ranked r = new Ranked(values, index);
            if (heap.size() < offset + limit) {
                heap.add(new Ranked(values.clone(), index));
            } else if (order.compare(r, heap.peek()) < 0) {
                heap.poll();
                heap.add(new Ranked(values.clone(), index));
            }
            maxHeld = Math.max(maxHeld, heap.size());
        }
        return true;
    }

    private boolean matches(Object[] values) {
        for (Object v : values) {
            if (v != null && Cells.text(v).toLowerCase(Locale.ROOT).contains(filter)) {
                return true;
            }
        }
        return false;
    }

    private void addToTotals(Object[] values) {
        for (int i = 0; i < columns.size() && i < values.length; i++) {
            ReportColumn c = columns.get(i);
            Object v = values[i];
            if (!c.total() || v == null) {
                continue;
            }
            if (c.type() == ColumnType.MONEY && v instanceof Money m) {
                moneyTotals.get(i).merge(m.currencyCode(), m.amount(), BigDecimal::add);
            } else if (c.type() == ColumnType.INTEGER && v instanceof Number n) {
                totals[i] = (totals[i] == null ? 0L : (Long) totals[i]) + n.longValue();
            } else if (c.type() == ColumnType.DECIMAL && v instanceof BigDecimal d) {
                totals[i] = totals[i] == null ? d : ((BigDecimal) totals[i]).add(d);
            }
        }
    }

    /** The rows of the page, in order. */
    public List<Object[]> rows() {
        if (heap == null) {
            return List.copyOf(page);
        }
        List<Ranked> best = new ArrayList<>(heap);
        best.sort(order);
        List<Object[]> rows = new ArrayList<>();
        for (int i = offset; i < best.size(); i++) {
            rows.add(best.get(i).row());
        }
        return rows;
    }

    /** Rows that passed the filter. */
    public long total() {
        return matched;
    }

    /** Rows the report produced. */
    public long seen() {
        return seen;
    }

    /** The most rows held at once by the sort (for tests of the memory bound). */
    public int maxHeld() {
        return heap == null ? page.size() : maxHeld;
    }

    /**
     * The totals row over every matching row, or null when no column asks for one: INTEGER and DECIMAL sums,
     * MONEY as one {@link Money} when the column has one currency, else a list of one Money per currency.
     */
    public Object[] totalsRow() {
        if (columns.stream().noneMatch(ReportColumn::total)) {
            return null;
        }
        Object[] row = totals.clone();
        for (int i = 0; i < columns.size(); i++) {
            Map<String, BigDecimal> byCurrency = moneyTotals.get(i);
            if (columns.get(i).type() == ColumnType.MONEY && columns.get(i).total()) {
                List<Money> sums = byCurrency.entrySet().stream().map(e -> Money.of(e.getValue(), e.getKey())).toList();
                row[i] = sums.isEmpty() ? null : sums.size() == 1 ? sums.get(0) : sums;
            }
        }
        return row;
    }

    private record Ranked(Object[] row, long seq) {
    }
}
