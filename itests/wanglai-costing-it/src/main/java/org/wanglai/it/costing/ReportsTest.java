package org.wanglai.it.costing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.wanglai.api.costing.CostAnalysis;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportQuery;

/** Every costing report, run directly through the Report service on the fixture (January and February 2025). */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class ReportsTest {
    static final YearMonth JAN = YearMonth.of(2025, 1);
    static final YearMonth FEB = YearMonth.of(2025, 2);

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    CostAnalysis costing;

    @BeforeEach
    void setUp() throws Exception {
        costing = CostingSetup.ready(ctx, cm);
        costing.allocate(JAN, "it");
        costing.allocate(FEB, "it");
    }

    private List<Object[]> run(String id, Map<String, Object> extra, Locale locale) throws Exception {
        Report report = CostingSetup.report(ctx, id);
        assertThat(report.definition().id()).isEqualTo(id);
        Map<String, Object> params = new HashMap<>(Map.of("from", JAN, "to", FEB));
        params.putAll(extra);
        List<Object[]> rows = new ArrayList<>();
        report.run(new ReportQuery(params, locale, "it"), row -> {
            assertThat(row).hasSameSizeAs(report.definition().columns().toArray());
            rows.add(row);
            return true;
        });
        return rows;
    }

    private static BigDecimal amount(Object money) {
        return ((Money) money).amount();
    }

    @Test
    void profitabilityRanksCustomersByNetProfit() throws Exception {
        List<Object[]> rows = run("costing.profitability", Map.of(), Locale.SIMPLIFIED_CHINESE);
        assertThat(rows).extracting(r -> r[1]).containsExactly("C004 深圳丁商店", "C001 上海甲公司", "C003 杭州丙商店",
                "C002 广州乙公司");
        assertThat(rows.get(0)[0]).isEqualTo(1L);
        assertThat(amount(rows.get(0)[9])).isEqualByComparingTo("370.50");
        assertThat(rows.get(1)[2]).isEqualTo("0101 华东批发");
        assertThat(amount(rows.get(3)[8])).as("financing of C002").isEqualByComparingTo("14.80");
    }

    @Test
    void whaleCurveAccumulatesToTheTotalProfit() throws Exception {
        List<Object[]> rows = run("costing.whale", Map.of(), Locale.ENGLISH);
        assertThat(rows).extracting(r -> amount(r[3])).containsExactly(new BigDecimal("370.50"),
                new BigDecimal("515.49"), new BigDecimal("290.49"), new BigDecimal("-44.31"));
        assertThat((BigDecimal) rows.get(3)[4]).isEqualByComparingTo("1.0000");
        assertThat((BigDecimal) rows.get(1)[5]).isEqualByComparingTo("0.5000");
    }

    @Test
    void trendComparesWithThePreviousPeriodAndYear() throws Exception {
        List<Object[]> rows = run("costing.trend", Map.of("grain", "month"), Locale.ENGLISH);
        assertThat(rows).extracting(r -> r[0]).containsExactly("2025-01", "2025-02");
        assertThat(amount(rows.get(0)[1])).isEqualByComparingTo("4600.00");
        assertThat(rows.get(0)[6]).as("no January 2024 to compare with").isNull();
        // February revenue 100 vs January 4600: -97.83%
        assertThat((BigDecimal) rows.get(1)[7]).isEqualByComparingTo("-0.9783");
        List<Object[]> quarters = run("costing.trend", Map.of("grain", "quarter"), Locale.SIMPLIFIED_CHINESE);
        assertThat(quarters).extracting(r -> r[0]).containsExactly("2025年第1季度");
        assertThat(amount(quarters.get(0)[4])).isEqualByComparingTo("-44.31");
        assertThatThrownBy(() -> run("costing.trend", Map.of("grain", "week"), Locale.ENGLISH))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void seasonalityChannelRegionAndMatrix() throws Exception {
        List<Object[]> season = run("costing.seasonality", Map.of(), Locale.ENGLISH);
        assertThat(season).extracting(r -> r[0]).containsExactly("Jan", "Feb");
        // average month 2350.00: January 4600 / 2350 = 1.96, February 100 / 2350 = 0.04
        assertThat(season).extracting(r -> r[4]).containsExactly(new BigDecimal("1.96"), new BigDecimal("0.04"));

        List<Object[]> channels = run("costing.channel-roi", Map.of(), Locale.ENGLISH);
        assertThat(channels).extracting(r -> r[0]).containsExactly("Online", "Agent");
        // Online: revenue 2700, cost-to-serve 500.01 + 550.00 + 10.00 + 15.00 + 14.80 = 1089.81
        assertThat(amount(channels.get(0)[4])).isEqualByComparingTo("1089.81");
        assertThat((BigDecimal) channels.get(0)[6]).isEqualByComparingTo("2.4775");

        List<Object[]> regions = run("costing.region", Map.of(), Locale.SIMPLIFIED_CHINESE);
        assertThat(regions).extracting(r -> r[0]).containsExactlyInAnyOrder("华东", "华南");

        List<Object[]> matrix = run("costing.matrix", Map.of("level", "1"), Locale.ENGLISH);
        assertThat(matrix).extracting(r -> r[0] + " × " + r[1]).contains("01 Wholesale × Raw materials",
                "02 Retail × Packaging", "01 Wholesale × (customer-level cost, no product)");
        BigDecimal revenue = matrix.stream().map(r -> amount(r[3])).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(revenue).isEqualByComparingTo("4700.00");
    }

    @Test
    void everyReportHasBilingualLabelsAndAChartWhereItHelps() throws Exception {
        for (String id : List.of("costing.profitability", "costing.whale", "costing.trend", "costing.seasonality",
                "costing.channel-roi", "costing.region", "costing.matrix")) {
            Report r = CostingSetup.report(ctx, id);
            assertThat(r.definition().capability()).isEqualTo("costing");
            assertThat(r.definition().title().zh()).isNotBlank().isNotEqualTo(r.definition().title().en());
            assertThat(r.definition().columns()).allSatisfy(c -> assertThat(c.label().zh()).isNotBlank());
        }
        assertThat(CostingSetup.report(ctx, "costing.whale").definition().chart()).isPresent();
        assertThat(CostingSetup.report(ctx, "costing.profitability").definition().role()).isEqualTo("accountant");
    }
}
