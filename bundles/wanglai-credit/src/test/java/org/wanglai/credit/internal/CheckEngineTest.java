package org.wanglai.credit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wanglai.api.CreditStatus;
import org.wanglai.api.DocumentType;
import org.wanglai.api.Money;
import org.wanglai.api.credit.CreditDecision.Outcome;
import org.wanglai.api.credit.CreditReason;

class CheckEngineTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private final CheckEngine engine = new CheckEngine(new Messages());

    static DocRule rule(DocumentType t) {
        return switch (t) {
            case ORDER -> DocRule.parse("orderRule", DocRule.DEFAULT_ORDER);
            case SHIPMENT -> DocRule.parse("shipmentRule", DocRule.DEFAULT_SHIPMENT);
            case INVOICE -> DocRule.parse("invoiceRule", DocRule.DEFAULT_INVOICE);
            case REFUND -> DocRule.parse("refundRule", DocRule.DEFAULT_REFUND);
            default -> throw new IllegalArgumentException();
        };
    }

    /** limit 1000, watch 90%, given committed exposure; no reservations, no overdue. */
    static Snapshot snap(String limit, String committed, boolean stop) {
        return new Snapshot("C1", CNY, new BigDecimal(limit), BigDecimal.valueOf(90), new BigDecimal(committed),
                BigDecimal.ZERO, BigDecimal.ZERO, stop, false, BigDecimal.ZERO, 0, null);
    }

    private CheckEngine.Verdict decide(Snapshot s, DocumentType t, String amount) {
        return engine.decide(s, rule(t), Money.of(amount, "CNY"));
    }

    /** Status x document type x amount edges, with limit 1000 and watch line 900. */
    @ParameterizedTest(name = "{0} committed {1}, {2} {3} -> {4}")
    @CsvSource({
        // status OK (committed 0)
        "OK, 0, ORDER, 900.00, PASS, ''",
        "OK, 0, ORDER, 900.01, WARN, credit.watch",
        "OK, 0, ORDER, 1000.00, WARN, credit.watch",
        "OK, 0, ORDER, 1000.01, BLOCK, credit.would-exceed-limit",
        "OK, 0, SHIPMENT, 5000.00, PASS, ''",
        "OK, 0, INVOICE, 5000.00, PASS, ''",
        "OK, 0, REFUND, 5000.00, PASS, ''",
        // WATCH (committed 950)
        "WATCH, 950, ORDER, 50.00, WARN, credit.watch",
        "WATCH, 950, ORDER, 50.01, BLOCK, credit.would-exceed-limit",
        "WATCH, 950, SHIPMENT, 100.00, PASS, ''",
        "WATCH, 950, INVOICE, 100.00, PASS, ''",
        "WATCH, 950, REFUND, 100.00, PASS, ''",
        // HOLD (committed 1000.01)
        "HOLD, 1000.01, ORDER, 1.00, BLOCK, credit.status-hold+credit.would-exceed-limit",
        "HOLD, 1000.01, ORDER, 0.00, PASS, ''",
        "HOLD, 1000.01, SHIPMENT, 1.00, BLOCK, credit.status-hold",
        "HOLD, 1000.01, INVOICE, 1.00, PASS, ''",
        "HOLD, 1000.01, REFUND, 1.00, BLOCK, credit.status-hold",
        // exactly at the limit is not Hold
        "WATCH, 1000.00, SHIPMENT, 1.00, PASS, ''",
        "WATCH, 1000.00, ORDER, 0.01, BLOCK, credit.would-exceed-limit",
    })
    void matrix(CreditStatus status, String committed, DocumentType type, String amount, Outcome outcome,
            String codes) {
        Snapshot s = snap("1000", committed, false);
        assertThat(s.status()).isEqualTo(status);
        CheckEngine.Verdict v = decide(s, type, amount);
        assertThat(v.outcome()).isEqualTo(outcome);
        assertThat(String.join("+", v.reasons().stream().map(CreditReason::code).toList())).isEqualTo(codes);
    }

    @ParameterizedTest
    @CsvSource({ "ORDER, 0.00", "ORDER, 10.00", "SHIPMENT, 10.00", "INVOICE, 10.00", "REFUND, 10.00" })
    void stopBlocksEveryDocumentTypeWhateverTheLimit(DocumentType type, String amount) {
        for (String limit : new String[] { "0", "1000", "99999999" }) {
            CheckEngine.Verdict v = decide(snap(limit, "0", true), type, amount);
            assertThat(v.status()).isEqualTo(CreditStatus.STOP);
            assertThat(v.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(v.reasons()).extracting(CreditReason::code).contains("credit.status-stop");
        }
    }

    @Test
    void limitZeroOrNoCheckIsNotChecked() {
        CheckEngine.Verdict v = decide(snap("0", "5000000", false), DocumentType.ORDER, "99999999.00");
        assertThat(v.status()).isEqualTo(CreditStatus.NO_CHECK);
        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        Snapshot noCheck = new Snapshot("C1", CNY, new BigDecimal("1000"), BigDecimal.valueOf(90),
                new BigDecimal("5000"), BigDecimal.ZERO, BigDecimal.ZERO, false, true, BigDecimal.ZERO, 0, null);
        CheckEngine.Verdict marked = engine.decide(noCheck, rule(DocumentType.ORDER), Money.of("1.00", "CNY"));
        assertThat(marked.outcome()).isEqualTo(Outcome.PASS);
        assertThat(marked.reasons()).extracting(r -> r.code()).containsExactly("credit.not-checked");
        assertThat(v.reasons()).extracting(r -> r.code()).containsExactly("credit.not-checked");
        // a checked customer's passing order has no such reason
        assertThat(decide(snap("1000", "0", false), DocumentType.ORDER, "1.00").reasons()).isEmpty();
    }

    @Test
    void anOrderInAnotherCurrencyIsBlockedAShipmentIsNot() {
        CheckEngine.Verdict v = decide(snap("1000", "0", false), DocumentType.ORDER, "1.00".toString());
        assertThat(v.outcome()).isEqualTo(Outcome.PASS);
        v = engine.decide(snap("1000", "0", false), rule(DocumentType.ORDER), Money.of("1.00", "USD"));
        assertThat(v.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(v.reasons()).extracting(CreditReason::code).containsExactly("credit.currency-mismatch");
        assertThat(v.reserve()).isFalse();
        assertThat(engine.decide(snap("1000", "0", false), rule(DocumentType.SHIPMENT), Money.of("1.00", "USD"))
                .outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void reservationsOfOtherDocumentsCountAndTheDocumentsOwnCountedAmountDoesNot() {
        Snapshot s = new Snapshot("C1", CNY, new BigDecimal("1000"), BigDecimal.valueOf(90), new BigDecimal("500"),
                new BigDecimal("400"), BigDecimal.ZERO, false, false, BigDecimal.ZERO, 0, null);
        CheckEngine.Verdict v = engine.decide(s, rule(DocumentType.ORDER), Money.of("100.01", "CNY"));
        assertThat(v.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(v.exposureSeen()).isEqualByComparingTo("1000.01");
        assertThat(v.reasons().get(0).message().en()).contains("over the limit 1000.00 CNY by 0.01 CNY");
        // a re-opened order already counted with 300 in the committed 900, re-checked at 350
        Snapshot reopened = new Snapshot("C1", CNY, new BigDecimal("1000"), BigDecimal.valueOf(90),
                new BigDecimal("900"), BigDecimal.ZERO, new BigDecimal("300"), false, false, BigDecimal.ZERO, 0, null);
        v = engine.decide(reopened, rule(DocumentType.ORDER), Money.of("350", "CNY"));
        assertThat(v.exposureSeen()).isEqualByComparingTo("950");
        assertThat(v.outcome()).isEqualTo(Outcome.WARN);
        assertThat(v.reserve()).isTrue();
    }

    @Test
    void overdueAndGradeRules() {
        DocRule r = DocRule.parse("orderRule",
                "amount=add; stop=block; hold=block; exceed=block; watch=warn; overdue-days=60:warn; overdue-amount=500:block; grade=B:warn");
        Snapshot s61 = new Snapshot("C1", CNY, new BigDecimal("100000"), BigDecimal.valueOf(90), BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, false, false, new BigDecimal("500.00"), 61, "A");
        CheckEngine.Verdict v = engine.decide(s61, r, Money.of("10", "CNY"));
        assertThat(v.outcome()).isEqualTo(Outcome.WARN);
        assertThat(v.reasons()).extracting(CreditReason::code).containsExactly("credit.overdue-days");
        assertThat(v.reasons().get(0).message().zh()).contains("61 天");
        Snapshot worse = new Snapshot("C1", CNY, new BigDecimal("100000"), BigDecimal.valueOf(90), BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, false, false, new BigDecimal("500.01"), 60, "C");
        v = engine.decide(worse, r, Money.of("10", "CNY"));
        assertThat(v.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(v.reasons()).extracting(CreditReason::code).containsExactly("credit.overdue-amount", "credit.grade-below");
    }

    @Test
    void badRuleSettingsNameTheSetting() {
        assertThatThrownBy(() -> DocRule.parse("orderRule", "stop=maybe")).hasMessageContaining("orderRule")
                .hasMessageContaining("maybe");
        assertThatThrownBy(() -> DocRule.parse("invoiceRule", "overdue-days=60")).hasMessageContaining("invoiceRule")
                .hasMessageContaining("threshold:action");
        assertThatThrownBy(() -> DocRule.parse("refundRule", "grade=Z:warn")).hasMessageContaining("grade");
        assertThatThrownBy(() -> DocRule.parse("refundRule", "colour=red")).hasMessageContaining("unknown rule 'colour'");
    }
}
