package org.wanglai.it.costing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.costing.CostAnalysis;
import org.wanglai.api.costing.CubeQuery;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.it.support.TestDatabase;

/**
 * The costing bundle is hot-deployed through FileInstall: removed, its services and reports disappear while the host
 * keeps working; put back, they return and find their rules, run history and facts where they were.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class HotDeployTest {
    static final YearMonth JAN = YearMonth.of(2025, 1);

    @InjectBundleContext
    BundleContext ctx;

    @Test
    void removeAndRedeployKeepsTheData(@InjectService ConfigurationAdmin cm) throws Exception {
        CostAnalysis costing = CostingSetup.ready(ctx, cm);
        HostDatabase db = CostingSetup.database(ctx, cm);
        costing.allocate(JAN, "it");
        int runs = costing.runs(null, null).size();
        BigDecimal facts = CostingSetup.scalar(db, "SELECT COUNT(*) FROM wl_cost_fact");
        assertThat(facts).isPositive();
        assertThat(CostingSetup.reportRef(ctx, "costing.whale")).isNotNull();

        CostingSetup.undeploy(ctx);
        TestDatabase.waitUntil(() -> ctx.getServiceReference(CostAnalysis.class) == null
                && CostingSetup.reportRef(ctx, "costing.whale") == null
                && CostingSetup.reportRef(ctx, "costing.profitability") == null, 20_000, "costing services gone");
        assertThat(CostingSetup.scalar(db, "SELECT COUNT(*) FROM erp_customer")).as("host unaffected")
                .isEqualByComparingTo("4");
        assertThat(CostingSetup.scalar(db, "SELECT COUNT(*) FROM wl_cost_fact")).isEqualByComparingTo(facts);

        CostingSetup.deploy(ctx);
        CostAnalysis back = TestDatabase.await(ctx, CostAnalysis.class, 30_000);
        assertThat(back.runs(null, null)).hasSize(runs);
        assertThat(back.rules()).containsExactlyElementsOf(CostingSetup.standardRules());
        assertThat(back.query(CubeQuery.of(List.of("year"), List.of("revenue"), JAN, JAN)).totals().get("revenue"))
                .isEqualByComparingTo("4600.00");
        assertThat(CostingSetup.report(ctx, "costing.whale")).isNotNull();
    }
}
