package org.wanglai.api.credit;

/**
 * EventAdmin topics the credit bundle posts. Properties: {@code customerId} (Long), and per topic: STATUS_CHANGED
 * {@code oldStatus}, {@code newStatus} (status codes O/W/H/S/X), {@code reason}; LIMIT_CHANGED {@code oldLimit},
 * {@code newLimit} (plain decimals), {@code currency}, {@code user}; ALERT {@code alertType}, {@code alertId}
 * (Long), {@code message}; CHECKED {@code outcome}, {@code documentType}, {@code documentId}, {@code checkId}.
 */
public final class CreditTopics {
    private CreditTopics() {
    }

    public static final String PREFIX = "org/wanglai/credit/";
    public static final String STATUS_CHANGED = PREFIX + "STATUS_CHANGED";
    public static final String LIMIT_CHANGED = PREFIX + "LIMIT_CHANGED";
    public static final String ALERT = PREFIX + "ALERT";
    public static final String CHECKED = PREFIX + "CHECKED";
}
