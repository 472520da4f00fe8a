package org.wanglai.it.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.Money;
import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.api.credit.ScoreExplanation;
import org.wanglai.api.imports.ImportRow;
import org.wanglai.api.imports.ImportSpec;
import org.wanglai.api.imports.ParsedImport;

/** The score of C013 computed by hand in fixtures/credit.sql, and the all-or-nothing external score import. */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class CreditScoreTest {

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    CreditIt.Env env;

    @BeforeEach
    void up() throws Exception {
        env = CreditIt.up(ctx, cm);
    }

    private static ImportRow row(int n, String code, String score, String agency, String date) {
        return new ImportRow(n, Map.of("customer", code, "score", new BigDecimal(score), "agency", agency, "date",
                LocalDate.parse(date)), List.of(code, score, agency, date));
    }

    private static BigDecimal contribution(ScoreExplanation x, String id) {
        return x.factors().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow().contribution();
    }

    private static BigDecimal value(ScoreExplanation x, String id) {
        return x.factors().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow().value();
    }

    @Test
    void handComputedScoreAndImportedExternalScore() throws Exception {
        int historyBefore = CreditIt.rows(ctx, "credit.score-history", Map.of("customer", "C013")).size();
        assertThat(env.admin().recomputeScores(Optional.of(13L))).isEqualTo(1);
        ScoreExplanation x = env.admin().explain(13).orElseThrow();
        assertThat(x.asOf()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(value(x, "dso")).isEqualByComparingTo("91.3");
        assertThat(value(x, "late")).isEqualByComparingTo("10.0");
        assertThat(value(x, "share")).isEqualByComparingTo("0.6667");
        assertThat(value(x, "worst")).isEqualByComparingTo("30");
        assertThat(value(x, "tenure")).isEqualByComparingTo("24");
        assertThat(value(x, "trend")).isEqualByComparingTo("3.0");
        assertThat(value(x, "external")).isNull();
        assertThat(contribution(x, "dso")).isEqualByComparingTo("7.1");
        assertThat(contribution(x, "late")).isEqualByComparingTo("23.1");
        assertThat(contribution(x, "share")).isEqualByComparingTo("0.0");
        assertThat(contribution(x, "worst")).isEqualByComparingTo("13.9");
        assertThat(contribution(x, "tenure")).isEqualByComparingTo("4.4");
        assertThat(contribution(x, "trend")).isEqualByComparingTo("5.6");
        assertThat(x.score()).isEqualByComparingTo("54.1");
        assertThat(x.grade()).isEqualTo("C");
        assertThat(x.recommendedLimit()).isEqualTo(Money.of("3000.00", "CNY"));
        assertThat(x.factors().get(0).label().zh()).contains("DSO");

        ImportSpec spec = env.admin().externalScoreSpec();
        List<String> headers = List.of("客户编码", "评分", "评级机构", "评分日期");
        ParsedImport bad = new ParsedImport(spec, headers, List.of(row(2, "C013", "80", "Dagong", "2026-06-01"),
                row(3, "C999", "50", "X", "2026-06-01"), row(4, "C013", "120", "Y", "2026-06-01"),
                row(5, "C013", "70", "Z", "2026-07-15")), List.of());
        assertThatThrownBy(() -> env.admin().importExternalScores(bad, "alice")).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(e.errors()).extracting(ValidationError::row,
                        ValidationError::field).containsExactly(org.assertj.core.groups.Tuple.tuple(3, "customer"),
                                org.assertj.core.groups.Tuple.tuple(4, "score"),
                                org.assertj.core.groups.Tuple.tuple(5, "date")));
        assertThat(CreditIt.scalarLong(env.db(), "SELECT COUNT(*) FROM wl_cr_external_score WHERE customer_id = 13")).as("all or nothing").isZero();

        ParsedImport good = new ParsedImport(spec, headers, List.of(row(2, "C013", "80", "Dagong", "2026-06-01")), List.of());
        assertThat(env.admin().importExternalScores(good, "alice")).isEqualTo(1);
        env.admin().recomputeScores(Optional.of(13L));
        ScoreExplanation y = env.admin().explain(13).orElseThrow();
        assertThat(value(y, "external")).isEqualByComparingTo("80.0");
        assertThat(contribution(y, "external")).isEqualByComparingTo("8.0");
        assertThat(y.score()).isEqualByComparingTo("56.7");
        assertThat(env.control().currentGrades()).containsEntry(13L, "C");
        List<Object[]> history = CreditIt.rows(ctx, "credit.score-history", Map.of("customer", "C013"));
        assertThat(history).hasSize(historyBefore + 2);
        assertThat(history.get(0)[3]).isEqualTo(new BigDecimal("56.7"));
    }
}
