package org.wanglai.api.credit;

import java.util.Objects;

import org.wanglai.api.DocumentType;
import org.wanglai.api.Money;

/**
 * One credit check: the document (type, host id, number) with its amount at completion, in the document's currency.
 * {@code bypass} asks to let the document pass whatever the outcome; it needs a reason and a user holding the
 * bypass role, and is audited.
 */
public record CreditCheckRequest(long customerId, DocumentType documentType, long documentId, String documentNo,
        Money amount, String user, boolean bypass, String bypassReason) {

    public CreditCheckRequest {
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(amount, "amount");
    }

    /** A plain check without bypass. */
    public static CreditCheckRequest of(long customerId, DocumentType type, long documentId, String documentNo,
            Money amount, String user) {
        return new CreditCheckRequest(customerId, type, documentId, documentNo, amount, user, false, null);
    }
}
