package org.wanglai.it.reminders;

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
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.it.support.TestDatabase;

/**
 * The reminders bundle is hot-deployed through FileInstall: removed, its reports, statistics and channels vanish
 * while the host keeps working; dropped in again, they return and find their runs still in their tables.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class HotDeployTest {
    @InjectBundleContext
    BundleContext ctx;

    @Test
    void removeAndRedeployKeepsTheData(@InjectService ConfigurationAdmin cm) throws Throwable {
        HostDatabase db = Reminders.setUp(ctx, cm);
        Reminders.cmd(ctx, "rempreview", "2026-06-30", "hot.deploy");
        long runs = Reminders.scalar(db, "SELECT COUNT(*) FROM wl_rem_run").longValue();
        assertThat(runs).isPositive();
        HostCustomers customers = TestDatabase.await(ctx, HostCustomers.class, 10_000);
        long customerCount = customers.count();

        Files.delete(Reminders.deployed(ctx));
        TestDatabase.waitUntil(() -> Reminders.bundle(ctx).isEmpty() && Reminders.report(ctx, "reminders.ageing") == null
                && Reminders.commands(ctx) == null && ctx.getServiceReference(
                        org.wanglai.api.reminders.ReminderStatistics.class) == null, 30_000, "reminders removed");
        assertThat(customers.count()).as("host unaffected").isEqualTo(customerCount);

        Reminders.deploy(ctx);
        assertThat(Reminders.report(ctx, "reminders.forecast")).isNotNull();
        assertThat(ctx.getServiceReferences(org.wanglai.api.notify.DeliveryChannel.class, "(wanglai.channel=email)"))
                .isNotEmpty();
        assertThat(Reminders.scalar(db, "SELECT COUNT(*) FROM wl_rem_run").longValue()).as("runs kept").isEqualTo(runs);
        assertThat(Reminders.cmd(ctx, "rempolicies")).contains("STANDARD");
    }
}
