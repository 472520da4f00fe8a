package org.wanglai.api;

/** The host documents Wanglai reads and checks. */
public enum DocumentType {
    ORDER, SHIPMENT, INVOICE, RECEIPT, REFUND
}
