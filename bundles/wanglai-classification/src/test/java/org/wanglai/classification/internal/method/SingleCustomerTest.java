package org.wanglai.classification.internal.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wanglai.classification.internal.Fixtures.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.wanglai.classification.internal.metrics.CustomerMetrics;

/**
 * A model fitted on a population gives one customer, from that customer's metrics alone, exactly what the
 * population method gives it: the basis of the cheap customer card.
 */
class SingleCustomerTest {

    /** Populations with many ties (coarse values), customers without orders and missing metrics. */
    private static List<CustomerMetrics> population(long seed, int n) {
        Random r = new Random(seed);
        List<CustomerMetrics> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            boolean active = r.nextInt(6) != 0;
            long orders = active ? 1 + r.nextInt(12) : 0;
            String revenue = active ? String.valueOf(1000 * (1 + r.nextInt(20))) : "0";
            String h1 = String.valueOf(r.nextInt(3) * 500);
            String h2 = String.valueOf(r.nextInt(3) * 500);
            long due = r.nextInt(4);
            long late = due == 0 ? 0 : r.nextInt((int) due + 1);
            out.add(customer(i, revenue, String.valueOf(r.nextInt(5) * 100), orders, active ? 1 + r.nextInt(40) * 5 : null,
                    h1, h2, due, late, late * r.nextInt(30), 30 + r.nextInt(900)));
        }
        return out;
    }

    @Test
    void kMeansModelPutsEveryCustomerInTheClusterLloydGaveIt() {
        for (long seed = 1; seed <= 12; seed++) {
            List<CustomerMetrics> pop = population(seed, 40 + (int) seed * 37);
            for (String features : List.of("revenue,orders", "revenue,days_since_last_order,trend,late_share")) {
                Params p = new Params("cluster", "k=" + (2 + seed % 5) + "\nseed=" + seed + "\nrestarts=3\nfeatures=" + features);
                KMeans.Model model = KMeans.fit(pop, p);
                Map<Long, Integer> lloyd = model.lloydClusters();
                assertThat(lloyd).hasSize(pop.size());
                for (CustomerMetrics m : pop) {
                    assertThat(Integer.parseInt(model.evaluate(m).detail()))
                            .as("customer %d, seed %d, features %s", m.customerId(), seed, features)
                            .isEqualTo(lloyd.get(m.customerId()));
                }
                assertThat(KMeans.classify(pop, p).profiles()).isEqualTo(model.profiles());
            }
        }
    }

    @Test
    void rfmAndWeightedModelsScoreOneCustomerLikeTheWholePopulation() {
        List<CustomerMetrics> pop = population(7, 300);
        Params rfm = new Params("rfm", "high_score=3");
        Params weighted = new Params("weighted_class",
                "weight.revenue=0.5\nweight.orders=0.3\nweight.late_share=-0.2\nthreshold.CORE=70\nthreshold.POTENTIAL=40");
        Map<Long, Computed> rfmAll = Rfm.classify(pop, rfm);
        Map<Long, Computed> weightedAll = Weighted.classify(pop, weighted);
        Rfm.Model rfmModel = Rfm.fit(pop, rfm);
        Weighted.Model weightedModel = Weighted.fit(pop, weighted);
        for (CustomerMetrics m : pop) {
            // A fresh metrics object, as the restricted metrics statement returns it.
            CustomerMetrics alone = new CustomerMetrics(m.row(), m.asOf());
            assertThat(rfmModel.evaluate(alone)).isEqualTo(rfmAll.get(m.customerId()));
            assertThat(weightedModel.evaluate(alone)).isEqualTo(weightedAll.get(m.customerId()));
        }
        assertThat(rfmAll.values()).extracting(Computed::detail).contains("000", "555", "111");
    }
}
