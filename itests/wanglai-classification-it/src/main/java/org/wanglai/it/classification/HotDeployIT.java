package org.wanglai.it.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.classification.Classification;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.it.support.TestDatabase;

/**
 * Hot swap: the classification bundle removed from the watched folder takes its services and reports with it while
 * the host services keep serving; put back, they return and its history is still there.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class HotDeployIT {
    @InjectBundleContext
    BundleContext ctx;

    @Test
    void removeAndReAddKeepsTheHistory(@InjectService ConfigurationAdmin cm) throws Exception {
        Classification cls = Capability.ensure(ctx, cm);
        HostCustomers customers = TestDatabase.await(ctx, HostCustomers.class, 10_000);
        long a = customers.findByCode("D004").orElseThrow().id();
        // A lock and its removal leave history rows without disturbing the ordered runs of ClassificationIT.
        cls.lock(a, "amount", "SMALL", "hot deploy check", "tester");
        cls.unlock(a, "amount", "tester");
        int history = cls.history(a).size();
        assertThat(history).isPositive();
        assertThat(Capability.report(ctx, "classification.summary")).isNotNull();
        long count = customers.count();

        Files.delete(Capability.deployed(ctx));
        TestDatabase.waitUntil(() -> Capability.bundle(ctx).isEmpty()
                && Capability.service(ctx, Classification.class, null) == null
                && Capability.report(ctx, "classification.summary") == null, 30_000, "classification removed");
        assertThat(customers.count()).as("the host keeps serving").isEqualTo(count);

        Capability.deploy(ctx);
        Classification back = TestDatabase.await(ctx, Classification.class, 30_000);
        TestDatabase.waitUntil(() -> Capability.report(ctx, "classification.summary") != null, 30_000, "reports back");
        assertThat(back.history(a)).as("history survives the swap").hasSize(history);
        assertThat(back.valueOf(a, "amount")).contains("SMALL");
    }
}
