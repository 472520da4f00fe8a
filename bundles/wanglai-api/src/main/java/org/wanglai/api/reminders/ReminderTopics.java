package org.wanglai.api.reminders;

/**
 * EventAdmin topics posted by the reminders bundle. Properties: {@code runId} (Long) on run events; on
 * {@link #LEVEL_ACTION} also {@code customerId} (Long), {@code action} (String: {@code CREDIT_STOP},
 * {@code SWITCH_TERM}, {@code COLLECTION}), {@code level} (Integer), {@code paymentTermCode} (String, SWITCH_TERM
 * only); on {@link #DELIVERY_FAILED} {@code deliveryId} (Long), {@code channel} (String), {@code error} (String).
 */
public final class ReminderTopics {
    private ReminderTopics() {
    }

    public static final String PREFIX = "org/wanglai/reminders/";
    /** A proposal was created. */
    public static final String RUN_PROPOSED = PREFIX + "RUN_PROPOSED";
    /** A run was approved: its items are reserved, nothing sent yet. */
    public static final String RUN_APPROVED = PREFIX + "RUN_APPROVED";
    /** Every delivery of a run has been attempted (some may wait for a retry). */
    public static final String RUN_SENT = PREFIX + "RUN_SENT";
    /** A level action was carried out for a customer (a term switch after the customer's default term was changed). */
    public static final String LEVEL_ACTION = PREFIX + "LEVEL_ACTION";
    /** A delivery failed; it will be retried until its attempts are used up. */
    public static final String DELIVERY_FAILED = PREFIX + "DELIVERY_FAILED";
    public static final String ALL = PREFIX + "*";

    public static final String PROP_RUN_ID = "runId";
    public static final String PROP_CUSTOMER_ID = "customerId";
    public static final String PROP_ACTION = "action";
    public static final String PROP_LEVEL = "level";
    public static final String PROP_PAYMENT_TERM_CODE = "paymentTermCode";
    public static final String PROP_DELIVERY_ID = "deliveryId";
    public static final String PROP_CHANNEL = "channel";
    public static final String PROP_ERROR = "error";
}
