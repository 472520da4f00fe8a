package org.wanglai.api.classification;

import java.time.LocalDateTime;

/** One change of a customer's value in a dimension, with the run (0 for a manual change), reason, user and time. */
public record HistoryEntry(long id, long customerId, String dimension, String oldValue, String newValue, String reason,
        long runId, String user, LocalDateTime changedAt) {
}
