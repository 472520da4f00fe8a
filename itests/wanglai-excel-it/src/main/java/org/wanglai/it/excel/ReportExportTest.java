package org.wanglai.it.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.Money;
import org.wanglai.api.report.ChartSpec;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportExporter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;

/** A report registered by this test bundle (whiteboard) is rendered by the Excel bundle's exporter inside Felix. */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class ReportExportTest {

    @InjectBundleContext
    BundleContext ctx;

    static final class RevenueReport implements Report {
        @Override
        public ReportDefinition definition() {
            return new ReportDefinition("it.revenue", "it", LocalizedText.of("客户收入", "Customer revenue"),
                    LocalizedText.of("测试", "test"), List.of(),
                    List.of(ReportColumn.text("name", "客户名称", "Customer"),
                            ReportColumn.of("revenue", "收入", "Revenue", ColumnType.MONEY, true),
                            ReportColumn.of("day", "日期", "Day", ColumnType.DATE, false)),
                    Optional.of(new ChartSpec(ChartSpec.ChartType.BAR, "name", List.of("revenue"))), "viewer");
        }

        @Override
        public void run(ReportQuery query, RowSink sink) {
            if (sink.row(new Object[] { "华东贸易", Money.of(new BigDecimal("1234.50"), "CNY"), LocalDate.of(2025, 1, 2) })) {
                sink.row(new Object[] { "=HYPERLINK(\"x\")", Money.of(new BigDecimal("765.50"), "CNY"), null });
            }
        }
    }

    @Test
    void exportsAWhiteboardReportToXlsx(@InjectService ReportExporter exporter) throws Exception {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("report.id", "it.revenue");
        ServiceRegistration<Report> reg = ctx.registerService(Report.class, new RevenueReport(), props);
        Path file = Files.createTempFile("it-report", ".xlsx");
        try {
            ServiceReference<Report> ref = ctx.getServiceReferences(Report.class, "(report.id=it.revenue)")
                    .iterator().next();
            Report report = ctx.getService(ref);
            ReportQuery query = new ReportQuery(Map.of(), Locale.SIMPLIFIED_CHINESE, "it");
            long rows;
            try (OutputStream out = Files.newOutputStream(file)) {
                rows = exporter.export(report, query, out);
            }
            ctx.ungetService(ref);
            assertThat(rows).isEqualTo(2);
            assertThat(exporter.fileName(report, query)).matches("it\\.revenue-\\d{8}\\.xlsx");

            String sheet = Xlsx.part(file, "xl/worksheets/sheet1.xml");
            assertThat(sheet).contains("客户收入", "收入 (CNY)", "华东贸易", "<v>1234.5</v>", "<v>2000.0</v>", "合计")
                    .contains("=HYPERLINK(&quot;x&quot;)").contains("state=\"frozen\"").contains("<autoFilter")
                    .doesNotContain("<f>");
            assertThat(Xlsx.part(file, "xl/styles.xml")).contains("quotePrefix=\"true\"").contains("numFmtId=\"4\"")
                    .contains("yyyy-mm-dd");
            assertThat(Xlsx.part(file, "xl/workbook.xml")).contains("name=\"客户收入\"").contains("name=\"图表\"");
            assertThat(Xlsx.part(file, "xl/charts/chart1.xml")).contains("barChart").contains("图表!$A$2:$A$3");
        } finally {
            reg.unregister();
            Files.deleteIfExists(file);
        }
    }
}
