package org.wanglai.api.host;

/**
 * EventAdmin topics for host document events. The host ERP (or the demo generator) posts them when a document is
 * completed; capabilities react to them. Properties: {@code customerId} (Long), {@code documentId} (Long),
 * {@code documentNo} (String), {@code amount} (String, plain decimal), {@code currency} (String).
 */
public final class HostTopics {
    private HostTopics() {
    }

    public static final String PREFIX = "org/wanglai/host/";
    public static final String ORDER_COMPLETED = PREFIX + "ORDER_COMPLETED";
    public static final String ORDER_CLOSED = PREFIX + "ORDER_CLOSED";
    public static final String SHIPMENT_COMPLETED = PREFIX + "SHIPMENT_COMPLETED";
    public static final String INVOICE_POSTED = PREFIX + "INVOICE_POSTED";
    public static final String RECEIPT_POSTED = PREFIX + "RECEIPT_POSTED";
    public static final String CUSTOMER_CHANGED = PREFIX + "CUSTOMER_CHANGED";
    public static final String ALL = PREFIX + "*";

    public static final String PROP_CUSTOMER_ID = "customerId";
    public static final String PROP_DOCUMENT_ID = "documentId";
    public static final String PROP_DOCUMENT_NO = "documentNo";
    public static final String PROP_AMOUNT = "amount";
    public static final String PROP_CURRENCY = "currency";
}
