package org.wanglai.api;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A closed range of calendar days, {@code from} to {@code to} inclusive. */
public record Period(LocalDate from, LocalDate to) {

    public Period {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Period ends (" + to + ") before it starts (" + from + ")");
        }
    }

    public static Period month(YearMonth month) {
        return new Period(month.atDay(1), month.atEndOfMonth());
    }

    /** The {@code months} whole months that end on {@code asOf}, e.g. trailing 12 months as of 2026-06-30. */
    public static Period trailingMonths(LocalDate asOf, int months) {
        if (months < 1) {
            throw new IllegalArgumentException("months must be at least 1, was " + months);
        }
        return new Period(asOf.minusMonths(months).plusDays(1), asOf);
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    /** The first half and the second half of this period, split at its middle day. */
    public LocalDate midpoint() {
        return from.plusDays((days() - 1) / 2);
    }

    @Override
    public String toString() {
        return from + ".." + to;
    }
}
