package org.wanglai.classification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wanglai.classification.internal.Computation.Change;
import org.wanglai.classification.internal.db.ClsMapper;
import org.wanglai.classification.internal.method.Computed;

/** What apply treats as unchanged, and the fingerprint that ties an apply to its preview. */
class ApplyDiffTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 6, 30, 12, 0);

    private static ClsMapper.NewAssignment row(String value, String detail, String score, String reason) {
        return new ClsMapper.NewAssignment(7, "weighted_class", value, detail, score == null ? null : new BigDecimal(score),
                reason, 99, NOW);
    }

    private static ClsMapper.StoredAssignment stored(String value, String detail, String score, String reason) {
        return new ClsMapper.StoredAssignment(7L, "weighted_class", value, detail, score == null ? null : new BigDecimal(score),
                reason);
    }

    @Test
    void aRowIsUnchangedWhenValueDetailReasonAndScoreAtTheColumnScaleAreEqual() {
        // The column is NUMERIC(18,4): 60.00004 is stored as 60.0000.
        assertThat(ClassificationEngine.same(stored("CORE", "555", "60.0000", "score 60.00"),
                row("CORE", "555", "60.00004", "score 60.00"))).isTrue();
        assertThat(ClassificationEngine.same(stored("CORE", null, null, "rule 10"), row("CORE", null, null, "rule 10"))).isTrue();
    }

    @Test
    void anyDifferenceMakesTheRowChanged() {
        ClsMapper.StoredAssignment old = stored("CORE", "555", "60.0000", "score 60.00");
        assertThat(ClassificationEngine.same(old, row("POTENTIAL", "555", "60.0000", "score 60.00"))).isFalse();
        assertThat(ClassificationEngine.same(old, row("CORE", "554", "60.0000", "score 60.00"))).isFalse();
        assertThat(ClassificationEngine.same(old, row("CORE", "555", "60.0001", "score 60.00"))).isFalse();
        assertThat(ClassificationEngine.same(old, row("CORE", "555", null, "score 60.00"))).isFalse();
        assertThat(ClassificationEngine.same(old, row("CORE", "555", "60.0000", "score 60.01"))).isFalse();
        assertThat(ClassificationEngine.same(stored("CORE", null, null, "r"), row("CORE", null, "1", "r"))).isFalse();
    }

    @Test
    void theFingerprintDependsOnTheSetOfMovesNotOnTheirOrder() {
        Change a = new Change(1, "A001", "value_tier", null, "VIP", Computed.of("VIP", "rule 10"));
        Change b = new Change(2, "B002", "value_tier", "VIP", "MAJOR", Computed.of("MAJOR", "rule 20"));
        Change b2 = new Change(2, "B002", "value_tier", "VIP", "NORMAL", Computed.of("NORMAL", "rule 30"));
        String ab = ClassificationEngine.fingerprint(List.of(a, b));
        assertThat(ab).hasSize(64).isEqualTo(ClassificationEngine.fingerprint(List.of(b, a)));
        assertThat(ClassificationEngine.fingerprint(List.of(a, b2))).isNotEqualTo(ab);
        assertThat(ClassificationEngine.fingerprint(List.of(a))).isNotEqualTo(ab);
        assertThat(ClassificationEngine.fingerprint(List.of())).isNotEqualTo(ab);
    }
}
