package org.wanglai.api.credit;

import java.time.LocalDateTime;

import org.wanglai.api.LocalizedText;

/** An in-app credit alert: THRESHOLD (utilisation crossed a configured percent), STATUS (changed) or OVERDUE (first). */
public record CreditAlert(long id, long customerId, String type, LocalDateTime createdAt, LocalizedText message) {
}
