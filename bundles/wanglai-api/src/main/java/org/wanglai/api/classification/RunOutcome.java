package org.wanglai.api.classification;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The result of a preview or an applied run: {@code runId} is 0 for a preview. {@code changes} counts the
 * (customer, dimension) values that move; {@code lockedSkipped} those left alone because of a manual lock.
 */
public record RunOutcome(long runId, boolean applied, LocalDate asOf, LocalDate windowFrom, long customers,
        long changes, long lockedSkipped, List<Transition> transitions, long millis) {
    public RunOutcome {
        Objects.requireNonNull(asOf, "asOf");
        transitions = List.copyOf(transitions);
    }

    /** How many customers move from one value to another in one dimension, with a few example customer codes. */
    public record Transition(String dimension, String from, String to, long customers, List<String> examples) {
        public Transition {
            Objects.requireNonNull(dimension, "dimension");
            examples = List.copyOf(examples);
        }
    }
}
