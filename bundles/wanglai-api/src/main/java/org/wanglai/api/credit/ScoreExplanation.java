package org.wanglai.api.credit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.wanglai.api.LocalizedText;
import org.wanglai.api.Money;

/**
 * A stored credit score with its explanation: each factor's raw value and its contribution in points (the
 * contributions add up to the score; a factor without data has neither and its weight went to the others).
 */
public record ScoreExplanation(long customerId, LocalDate asOf, BigDecimal score, String grade,
        Money recommendedLimit, List<Factor> factors) {

    public ScoreExplanation {
        factors = List.copyOf(factors);
    }

    /** One factor: id (dso, late, share, worst, tenure, trend, external), label, value and contribution. */
    public record Factor(String id, LocalizedText label, BigDecimal value, BigDecimal contribution) {
    }
}
