package org.wanglai.api.credit;

import java.util.List;
import java.util.Objects;

import org.wanglai.api.CreditStatus;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.Money;

/**
 * The answer to a {@link CreditCheckRequest}: the outcome with every reason, the exposure the check saw (including
 * the document when the rule adds it), the effective limit, the customer's status and the id of the check log entry
 * ({@code 0} when no log was written, e.g. for {@link #unavailable}).
 */
public record CreditDecision(Outcome outcome, List<CreditReason> reasons, Money exposure, Money limit,
        CreditStatus status, long checkId) {

    /** PASS: complete the document. WARN: complete it, tell the user. BLOCK: do not complete it. */
    public enum Outcome {
        PASS, WARN, BLOCK
    }

    public static final String UNAVAILABLE = "credit.unavailable";

    public CreditDecision {
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(exposure, "exposure");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(status, "status");
    }

    public boolean passes() {
        return outcome != Outcome.BLOCK;
    }

    /**
     * What a caller answers when no {@link CreditControl} service is present (credit bundle stopped or being
     * redeployed): its configured policy, {@code allow} (WARN) or deny (BLOCK), always with the reason
     * {@value #UNAVAILABLE} and never an exception.
     */
    public static CreditDecision unavailable(Money amount, boolean allow) {
        CreditReason reason = new CreditReason(UNAVAILABLE, LocalizedText.of(
                allow ? "信用控制服务不可用，按策略放行" : "信用控制服务不可用，按策略拒绝",
                allow ? "Credit service unavailable: allowed by policy" : "Credit service unavailable: denied by policy"));
        Money zero = Money.zero(amount.currency());
        return new CreditDecision(allow ? Outcome.WARN : Outcome.BLOCK, List.of(reason), zero, zero,
                org.wanglai.api.CreditStatus.NO_CHECK, 0);
    }
}
