package org.wanglai.api.credit;

import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Credit control as a service. {@link #check} answers from memory (no SQL over the customer's documents) and is
 * safe to call from many threads at once: two checks for one customer are serialised, so that together they cannot
 * pass over the limit.
 */
@ProviderType
public interface CreditControl {

    /**
     * Checks one document before the host completes it. The decision is keyed by the document: checking the same
     * document again (re-opened, amount changed) replaces its earlier reservation instead of adding to it; a copy or
     * a split part is another document and is checked on its own. A passing ORDER check reserves its amount until the
     * host reports the order completed (or the reservation expires). Every call is logged with its decision, reasons
     * and the exposure seen.
     *
     * @throws IllegalArgumentException when the request is incomplete (no customer, no amount)
     */
    CreditDecision check(CreditCheckRequest request);

    /** Sets or lifts the manual credit stop; audited with reason and user; writes the host's credit status. */
    void setStop(long customerId, boolean stop, String reason, String user);

    /** Customer id to latest credit grade (AAA, AA, A, B, C, D) of every scored customer, read set-based. */
    Map<Long, String> currentGrades();

    /** The customer's live exposure, limit and status as the check sees them; empty for an unknown customer. */
    Optional<CreditExposure> exposure(long customerId);
}
