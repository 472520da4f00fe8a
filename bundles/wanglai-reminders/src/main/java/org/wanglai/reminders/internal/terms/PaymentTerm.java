package org.wanglai.reminders.internal.terms;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A payment term: one rule, or a split schedule of parts with percentages summing to exactly 100, each with its own
 * rule. Grace days delay reminders; they never move a due date.
 */
public record PaymentTerm(String code, List<Part> parts, int graceDays) {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    /** One part of a schedule: {@code percent} of the invoice total is due by {@code rule}. */
    public record Part(BigDecimal percent, TermRule rule) {
        public Part {
            Objects.requireNonNull(percent, "percent");
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** One row of an invoice's pay schedule. */
    public record DuePart(int seq, LocalDate dueDate, BigDecimal amount) {
    }

    public PaymentTerm {
        Objects.requireNonNull(code, "code");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("term " + code + ": no rule");
        }
        if (graceDays < 0) {
            throw new IllegalArgumentException("term " + code + ": grace_days must be >= 0, was " + graceDays);
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < parts.size(); i++) {
            BigDecimal p = parts.get(i).percent();
            if (p.signum() <= 0) {
                throw new IllegalArgumentException("term " + code + ", part " + (i + 1) + ": percent must be > 0, was "
                        + p.toPlainString());
            }
            sum = sum.add(p);
        }
        if (sum.compareTo(HUNDRED) != 0) {
            throw new IllegalArgumentException("term " + code + ": split percentages sum to " + sum.stripTrailingZeros()
                    .toPlainString() + ", not 100");
        }
    }

    public static PaymentTerm single(String code, TermRule rule, int graceDays) {
        return new PaymentTerm(code, List.of(new Part(HUNDRED, rule)), graceDays);
    }

    /**
     * The pay schedule of an invoice: one row per part, in part order. Each part's amount is rounded half-up to
     * {@code scale} decimals and the last part takes the remainder, so the rows sum exactly to {@code total}.
     */
    public List<DuePart> schedule(LocalDate invoiceDate, BigDecimal total, int scale) {
        Objects.requireNonNull(invoiceDate, "invoiceDate");
        BigDecimal exact = total.setScale(scale, RoundingMode.HALF_UP);
        List<DuePart> out = new ArrayList<>(parts.size());
        BigDecimal allocated = BigDecimal.ZERO;
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            BigDecimal amount = i == parts.size() - 1
                    ? exact.subtract(allocated)
                    : exact.multiply(p.percent()).divide(HUNDRED, scale, RoundingMode.HALF_UP);
            allocated = allocated.add(amount);
            out.add(new DuePart(i + 1, p.rule().dueDate(invoiceDate), amount));
        }
        return out;
    }

    /** The first day reminders past due may start for an item due on {@code dueDate}. */
    public LocalDate reminderStart(LocalDate dueDate) {
        return dueDate.plusDays(graceDays);
    }
}
