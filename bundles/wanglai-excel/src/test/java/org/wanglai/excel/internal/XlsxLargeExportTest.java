package org.wanglai.excel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.Money;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportQuery;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * 1,000,000 rows x 12 columns exported with the heap capped at 128 MB (surefire execution "large-export", its own
 * JVM with -Xmx128m), then counted back with POI's SAX event API. Prints the time and the peak heap.
 */
class XlsxLargeExportTest {
    private static final Logger LOG = LoggerFactory.getLogger(XlsxLargeExportTest.class);
    static final int ROWS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void millionRowsInA128MbHeap() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertThat(maxHeap).as("this test must run with -Xmx128m").isLessThanOrEqualTo(140L * 1024 * 1024);

        List<ReportColumn> columns = List.of(
                ReportColumn.text("code", "客户编码", "Customer code"),
                ReportColumn.text("name", "客户名称", "Customer"),
                ReportColumn.text("region", "地区", "Region"),
                ReportColumn.of("invoices", "发票数", "Invoices", ColumnType.INTEGER, true),
                ReportColumn.of("revenue", "收入", "Revenue", ColumnType.MONEY, true),
                ReportColumn.of("open", "未收金额", "Open amount", ColumnType.MONEY, true),
                ReportColumn.of("margin", "毛利率", "Margin", ColumnType.PERCENT, false),
                ReportColumn.of("weight", "权重", "Weight", ColumnType.DECIMAL, true),
                ReportColumn.of("first", "首次开票", "First invoice", ColumnType.DATE, false),
                ReportColumn.of("last", "最近开票", "Last invoice", ColumnType.DATE, false),
                ReportColumn.of("score", "评分", "Score", ColumnType.DECIMAL, false),
                ReportColumn.text("note", "备注", "Note"));
        String[] regions = { "华东", "华南", "华北", "西南", "East", "=cmd" };
        LocalDate base = LocalDate.of(2020, 1, 1);
        Report report = new ListReport("bench.large", "大报表", "Large report", List.of(), columns, null, List.of()) {
            @Override
            public void run(ReportQuery query, org.wanglai.api.report.RowSink sink) {
                for (int i = 0; i < ROWS; i++) {
                    Object[] row = { "C" + (100000 + i), "客户 " + i, regions[i % regions.length], (long) (i % 97),
                            Money.of(BigDecimal.valueOf(i % 100000, 2), "CNY"),
                            Money.of(BigDecimal.valueOf(i % 777, 1), "CNY"), BigDecimal.valueOf(i % 1000, 3),
                            BigDecimal.valueOf(i % 13), base.plusDays(i % 1500), base.plusDays(i % 1800),
                            BigDecimal.valueOf(i % 5000, 2), i % 10 == 0 ? "note " + i : null };
                    if (!sink.row(row)) {
                        return;
                    }
                }
            }
        };

        resetPeaks();
        Path file = dir.resolve("large.xlsx");
        XlsxReportExporter exporter = new XlsxReportExporter(XlsxReportExporter.Settings.defaults(),
                Clock.systemDefaultZone());
        long start = System.nanoTime();
        long written;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            written = exporter.export(report, new ReportQuery(Map.of(), Locale.SIMPLIFIED_CHINESE, "bench"), out);
        }
        long exportMs = (System.nanoTime() - start) / 1_000_000;
        long exportPeak = peakHeap();

        start = System.nanoTime();
        long rows = countRows(file);
        long readMs = (System.nanoTime() - start) / 1_000_000;

        String summary = String.format(Locale.ROOT,
                "large export: %,d rows x %d columns in %,d ms, file %,d bytes, peak heap %,d MB of max %,d MB;"
                        + " counted back %,d sheet rows (SAX) in %,d ms, peak heap now %,d MB",
                written, columns.size(), exportMs, Files.size(file), exportPeak >> 20, maxHeap >> 20, rows, readMs,
                peakHeap() >> 20);
        LOG.info(summary);
        System.out.println(summary); // the build log shows the measurement

        assertThat(written).isEqualTo(ROWS);
        // title, generation time, header, the data rows and one totals row
        assertThat(rows).isEqualTo(ROWS + 4L);
        assertThat(exportPeak).isLessThanOrEqualTo(maxHeap);
    }

    private static long countRows(Path file) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            Iterator<InputStream> sheets = reader.getSheetsData();
            try (InputStream sheet = sheets.next()) {
                long[] count = { 0 };
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new DefaultHandler() {
                    @Override
                    public void startElement(String uri, String localName, String qName, Attributes atts) {
                        if ("row".equals(localName)) {
                            count[0]++;
                        }
                    }
                });
                xml.parse(new InputSource(sheet));
                return count[0];
            }
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
