package org.wanglai.it.excel;

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
import org.wanglai.api.imports.ImportReader;
import org.wanglai.api.report.ReportExporter;
import org.wanglai.it.support.TestDatabase;

@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class ExcelBundleTest {

    @InjectBundleContext
    BundleContext ctx;

    @Test
    void excelBundleIsActiveWithPoiEmbeddedAndItsServicesRegistered(@InjectService ConfigurationAdmin cm)
            throws Exception {
        TestDatabase.configure(ctx, cm);
        List<String> notActive = new ArrayList<>();
        Bundle excel = null;
        for (Bundle b : ctx.getBundles()) {
            boolean fragment = (b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            if (b.getState() != (fragment ? Bundle.RESOLVED : Bundle.ACTIVE)) {
                notActive.add(b.getSymbolicName() + " " + b.getVersion() + " state " + b.getState());
            }
            if ("wanglai-excel".equals(b.getSymbolicName())) {
                excel = b;
            }
        }
        assertThat(notActive).as("bundles not active").isEmpty();
        assertThat(excel).isNotNull();
        assertThat(excel.getHeaders().get("Bundle-ClassPath")).contains("lib/poi.jar", "lib/poi-ooxml.jar",
                "lib/poi-ooxml-lite.jar", "lib/xmlbeans.jar");
        assertThat(ctx.getBundles()).extracting(Bundle::getSymbolicName).contains(
                "org.apache.commons.commons-compress", "org.apache.commons.commons-io",
                "org.apache.commons.commons-codec", "org.apache.commons.commons-collections4",
                "org.apache.commons.math3", "org.apache.logging.log4j.api");
        assertThat(TestDatabase.await(ctx, ReportExporter.class, 10_000)).isNotNull();
        assertThat(TestDatabase.await(ctx, ImportReader.class, 10_000)).isNotNull();
    }
}
