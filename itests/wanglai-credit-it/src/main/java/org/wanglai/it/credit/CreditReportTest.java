package org.wanglai.it.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

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
import org.wanglai.api.ValidationException;
import org.wanglai.api.report.ChartSpec;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportQuery;

/** The credit reports, called directly through Report.run as the web and Excel bundles would. */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class CreditReportTest {

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    @BeforeEach
    void up() throws Exception {
        CreditIt.up(ctx, cm);
    }

    private static Object[] byCode(List<Object[]> rows, String code) {
        return rows.stream().filter(r -> code.equals(r[0])).findFirst().orElseThrow(() -> new AssertionError(code));
    }

    @Test
    void monitorShowsTheExposureSplitStatusAndOverdue() throws Exception {
        ReportDefinition def = CreditIt.report(ctx, "credit.monitor").definition();
        assertThat(def.title().zh()).isEqualTo("信用监控");
        assertThat(def.columns()).allSatisfy(c -> assertThat(c.label().zh()).isNotBlank());
        List<Object[]> rows = CreditIt.rows(ctx, "credit.monitor", Map.of());
        assertThat(rows).hasSize(19);
        Object[] c1 = byCode(rows, "C001");
        assertThat(c1[3]).isEqualTo(Money.of("10000.00", "CNY"));
        assertThat(c1[4]).isEqualTo(Money.of("2000.00", "CNY"));
        assertThat(c1[5]).isEqualTo(Money.of("600.00", "CNY"));
        assertThat(c1[6]).isEqualTo(Money.of("400.00", "CNY"));
        Object[] c3 = byCode(rows, "C003");
        assertThat(c3[4]).isEqualTo(Money.of("4000.00", "CNY"));
        // total and utilisation include what passed checks reserve (the bypass test may have reserved 10)
        assertThat(((Money) c3[8]).amount()).isBetween(new java.math.BigDecimal("4000.00"), new java.math.BigDecimal("4010.00"));
        assertThat((java.math.BigDecimal) c3[9]).isGreaterThanOrEqualTo(new java.math.BigDecimal("1.3333"));
        assertThat(c3[10]).isEqualTo("HOLD");
        assertThat(c3[12]).isEqualTo(Money.of("4000.00", "CNY"));
        assertThat(c3[13]).isEqualTo(121L);
        assertThat(byCode(rows, "C005")[10]).isEqualTo("NO_CHECK");
        // a category subtree
        assertThat(CreditIt.rows(ctx, "credit.monitor", Map.of("category", "02"))).extracting(r -> r[0])
                .containsExactlyInAnyOrder("C003", "C005");
        // over limit: C003 only among the fixture's untouched customers
        assertThat(CreditIt.rows(ctx, "credit.over-limit", Map.of())).extracting(r -> r[0]).contains("C003")
                .doesNotContain("C001", "C005", "C013");
    }

    @Test
    void distributionsHaveChartsAndEveryBand() throws Exception {
        Report util = CreditIt.report(ctx, "credit.utilisation");
        assertThat(util.definition().chart()).map(ChartSpec::type).contains(ChartSpec.ChartType.BAR);
        List<Object[]> bands = CreditIt.rows(ctx, "credit.utilisation", Map.of()).stream()
                .filter(r -> "CNY".equals(r[1])).toList();
        assertThat(bands).extracting(r -> r[0]).containsExactly("0-50%", "50-80%", "80-90%", "90-100%", ">100%");
        assertThat(bands.stream().mapToLong(r -> (Long) r[2]).sum()).isGreaterThanOrEqualTo(9);
        assertThat((Long) bands.get(4)[2]).isGreaterThanOrEqualTo(1); // C003
        assertThat(CreditIt.rows(ctx, "credit.utilisation", Map.of())).anyMatch(r -> "USD".equals(r[1]));
        Report grades = CreditIt.report(ctx, "credit.grades");
        assertThat(grades.definition().chart()).map(ChartSpec::type).contains(ChartSpec.ChartType.PIE);
        assertThat(CreditIt.rows(ctx, "credit.grades", Map.of())).hasSize(6);
    }

    @Test
    void badParametersAreNamed() throws Exception {
        Report log = CreditIt.report(ctx, "credit.check-log");
        assertThatThrownBy(() -> log.run(new ReportQuery(Map.of("outcome", "MAYBE"), Locale.ENGLISH, "t"), r -> true))
                .isInstanceOf(ValidationException.class).hasMessageContaining("outcome");
        assertThatThrownBy(() -> log.run(new ReportQuery(Map.of("customer", "NOPE"), Locale.ENGLISH, "t"), r -> true))
                .isInstanceOf(ValidationException.class).hasMessageContaining("customer");
        assertThat(log.definition().role()).isEqualTo("accountant");
    }
}
