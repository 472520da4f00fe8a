package org.wanglai.api.classification;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a run computes: the as-of date, the metric window in months (trailing, ending on {@code asOf}), the
 * dimensions (empty = every enabled one), the customers (empty = all), who asked and why ({@code MANUAL},
 * {@code SCHEDULE}, {@code EVENT}).
 */
public record RunRequest(LocalDate asOf, int windowMonths, List<String> dimensions, Set<Long> customerIds, String user,
        String trigger) {
    public RunRequest {
        Objects.requireNonNull(asOf, "asOf");
        if (windowMonths < 1 || windowMonths > 120) {
            throw new IllegalArgumentException("windowMonths must be between 1 and 120, was " + windowMonths);
        }
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        customerIds = customerIds == null ? Set.of() : Set.copyOf(customerIds);
        user = user == null || user.isBlank() ? "system" : user;
        trigger = trigger == null || trigger.isBlank() ? "MANUAL" : trigger;
    }

    /** All customers, every enabled dimension, trailing 12 months as of {@code asOf}. */
    public static RunRequest all(LocalDate asOf, String user) {
        return new RunRequest(asOf, 12, List.of(), Set.of(), user, "MANUAL");
    }
}
