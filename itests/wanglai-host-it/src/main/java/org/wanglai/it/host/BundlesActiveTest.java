package org.wanglai.it.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.it.support.TestDatabase;

@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class BundlesActiveTest {

    @InjectBundleContext
    BundleContext ctx;

    @Test
    void everyBundleIsActive(@InjectService ConfigurationAdmin cm) throws Exception {
        TestDatabase.configure(ctx, cm);
        List<String> notActive = new ArrayList<>();
        for (Bundle b : ctx.getBundles()) {
            boolean fragment = (b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != expected) {
                notActive.add(b.getSymbolicName() + " " + b.getVersion() + " state " + b.getState());
            }
        }
        assertThat(notActive).as("bundles not active").isEmpty();
        assertThat(ctx.getBundles()).extracting(Bundle::getSymbolicName)
                .contains("wanglai-api", "wanglai-host", "com.h2database", "org.postgresql.jdbc");
    }
}
