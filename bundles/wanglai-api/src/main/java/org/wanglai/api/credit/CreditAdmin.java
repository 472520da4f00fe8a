package org.wanglai.api.credit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.wanglai.api.Money;
import org.wanglai.api.imports.ImportSpec;
import org.wanglai.api.imports.ParsedImport;

/**
 * Administration of credit control: limits (with approval of large raises by a second user), temporary increases,
 * category defaults, "no check", reconciliation, scores, external score import and alerts. Every change is audited
 * with user, time and reason. Role checks are the caller's (the web endpoints check the approver role).
 */
@ProviderType
public interface CreditAdmin {

    /**
     * Sets the customer's own limit in its currency (0 = not checked). A raise to more than the configured approval
     * amount is stored as PENDING and takes effect only when {@link #approve} is called by another user.
     *
     * @throws org.wanglai.api.ValidationException for a negative limit or a missing user or reason
     * @throws org.wanglai.api.NotFoundException for an unknown customer
     */
    LimitChange setLimit(long customerId, BigDecimal limit, String user, String reason);

    /** Approves a pending raise. The approver must not be the requester. */
    LimitChange approve(long requestId, String approver, String note);

    void reject(long requestId, String user, String note);

    List<LimitRequest> pendingRequests();

    /** Adds a temporary increase from today until {@code validTo} inclusive; returns the new effective limit. */
    Money addTemporaryIncrease(long customerId, BigDecimal amount, LocalDate validTo, String user, String reason);

    /** Default limit for customers of the category without their own, and the category's watch percent. */
    void setCategoryRule(long categoryId, BigDecimal defaultLimit, BigDecimal watchPercent, String user);

    void setNoCheck(long customerId, boolean noCheck, String reason, String user);

    /** Recomputes every exposure in SQL, repairs and logs drift, writes changed statuses. */
    Reconciliation reconcile();

    /** Recomputes and stores scores of one customer or (empty) of all; returns how many were scored. */
    int recomputeScores(Optional<Long> customerId);

    /** The latest score of the customer with each factor's value and contribution. */
    Optional<ScoreExplanation> explain(long customerId);

    /** The columns of the external score import: customer code, score 0–100, agency, date. */
    ImportSpec externalScoreSpec();

    /**
     * Stores every row of a parsed external score file in one transaction, or none: throws
     * {@link org.wanglai.api.ValidationException} with every row/field problem when any row is bad.
     *
     * @return the number of scores stored
     */
    int importExternalScores(ParsedImport parsed, String user);

    List<CreditAlert> openAlerts(int max);

    void acknowledge(long alertId, String user);

    /** APPLIED or PENDING (waiting for approval, with the request id). */
    record LimitChange(String state, Long requestId, Money oldLimit, Money newLimit) {
        public boolean pending() {
            return "PENDING".equals(state);
        }
    }

    record LimitRequest(long id, long customerId, Money oldLimit, Money newLimit, String requestedBy,
            java.time.LocalDateTime requestedAt, String reason) {
    }

    record Reconciliation(int customers, int drifted, int statusChanges, long millis) {
    }
}
