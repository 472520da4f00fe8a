package org.wanglai.credit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ScoreCalculatorTest {
    private final ScoreCalculator calc = new ScoreCalculator(
            "dso=20,late=25,share=15,worst=15,tenure=10,trend=5,external=10", "90,80,70,60,45",
            "AAA=3,AA=2.5,A=2,B=1.5,C=1,D=0");

    private static BigDecimal d(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    @Test
    void perfectBehaviourWithAWeakExternalScore() {
        ScoreCalculator.Result r = calc.score(new ScoreCalculator.Inputs(d("30"), d("0"), d("0"), d("0"), d("60"),
                d("1.2"), d("40"), d("12345.67")));
        // 90 points from the six behaviour factors + 10 x 40% = 94.0
        assertThat(r.score()).isEqualByComparingTo("94.0");
        assertThat(r.grade()).isEqualTo("AAA");
        assertThat(r.contributions().get(ScoreCalculator.Factor.EXTERNAL)).isEqualByComparingTo("4.0");
        // 3 months of average sales, rounded to thousands
        assertThat(r.recommendedLimit()).isEqualByComparingTo("37000.00");
    }

    @Test
    void absentFactorsDropOutAndTheOthersAreRenormalised() {
        ScoreCalculator.Result r = calc.score(new ScoreCalculator.Inputs(d("120"), d("0"), d("0"), d("0"), d("60"),
                d("1.2"), null, d("1000")));
        // 70 of the remaining 90 weight points score 100, DSO scores 0: 7000 / 90 = 77.8
        assertThat(r.score()).isEqualByComparingTo("77.8");
        assertThat(r.grade()).isEqualTo("A");
        assertThat(r.contributions().get(ScoreCalculator.Factor.DSO)).isEqualByComparingTo("0.0");
        assertThat(r.contributions().get(ScoreCalculator.Factor.LATE)).isEqualByComparingTo("27.8");
        assertThat(r.contributions().get(ScoreCalculator.Factor.EXTERNAL)).isNull();
        assertThat(r.recommendedLimit()).isEqualByComparingTo("2000.00");
    }

    @Test
    void midpointsScoreHalfAndGradeC() {
        ScoreCalculator.Result r = calc.score(new ScoreCalculator.Inputs(d("75"), d("30"), d("0.25"), d("90"),
                d("30"), d("0.85"), d("50"), null));
        assertThat(r.score()).isEqualByComparingTo("50.0");
        assertThat(r.grade()).isEqualTo("C");
        assertThat(r.recommendedLimit()).isNull();
        assertThat(calc.score(new ScoreCalculator.Inputs(null, null, null, null, null, null, null, null))).isNull();
    }

    @Test
    void inputsFromAFactorRow() {
        LocalDate asOf = LocalDate.of(2026, 6, 30);
        LocalDate from = LocalDate.of(2025, 7, 1); // 365 days
        CreditMapper.FactorRow row = new CreditMapper.FactorRow(1, "CNY", LocalDate.of(2024, 6, 30), d("36500"),
                d("10000"), d("26500"), d("6000"), d("146000"), d("36500"), 10L, 3L, 45L, null);
        ScoreCalculator.Inputs in = ScoreCalculator.inputs(row, from, asOf);
        assertThat(in.dso()).isEqualByComparingTo("60.0"); // 6000 x 365 / 36500
        assertThat(in.avgDaysLate()).isEqualByComparingTo("4.0"); // 146000 / 36500
        assertThat(in.overdueShare()).isEqualByComparingTo("0.3");
        assertThat(in.worstDays()).isEqualByComparingTo("45");
        assertThat(in.tenureMonths()).isEqualByComparingTo("24");
        assertThat(in.trend()).isEqualByComparingTo("2.65");
        assertThat(in.monthlySales()).isEqualByComparingTo("3000.00"); // 36500 x 30 / 365
    }

    @Test
    void badSettingsNameTheSetting() {
        assertThatThrownBy(() -> new ScoreCalculator("dso=x", "90,80,70,60,45", "AAA=3,AA=2.5,A=2,B=1.5,C=1,D=0"))
                .hasMessageContaining("scoreWeights");
        assertThatThrownBy(() -> new ScoreCalculator("dso=1", "90,80,70,60", "AAA=3,AA=2.5,A=2,B=1.5,C=1,D=0"))
                .hasMessageContaining("gradeThresholds");
        assertThatThrownBy(() -> new ScoreCalculator("dso=1", "90,80,70,60,45", "AAA=3"))
                .hasMessageContaining("limitMultipliers");
    }
}
