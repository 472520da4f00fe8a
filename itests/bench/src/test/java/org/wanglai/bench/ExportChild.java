package org.wanglai.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.Money;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.excel.internal.XlsxReportExporter;

/**
 * One Excel export in its own JVM (started with {@code -Xmx128m} by {@link ExcelBench}): ours through the Excel
 * bundle's exporter, or the fastexcel baseline, over the same synthetic 1M × 12 rows, or the ageing report from the
 * bench database. A 100k-row export warms the JIT first; the heap peaks are reset before the measured export. Prints
 * one {@code BENCH-RESULT} line.
 */
public final class ExportChild {
    static final int WARMUP_ROWS = 100_000;
    static final String[] REGIONS = { "华东", "华南", "华北", "西南", "East", "=cmd" };
    static final LocalDate BASE = LocalDate.of(2020, 1, 1);

    static final List<ReportColumn> COLUMNS = List.of(
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

    /** Row {@code i} of the synthetic report: every column type, a formula-like text, empty cells. */
    static Object[] row(int i) {
        return new Object[] { "C" + (100000 + i), "客户 " + i, REGIONS[i % REGIONS.length], (long) (i % 97),
                Money.of(BigDecimal.valueOf(i % 100000, 2), "CNY"), Money.of(BigDecimal.valueOf(i % 777, 1), "CNY"),
                BigDecimal.valueOf(i % 1000, 3), BigDecimal.valueOf(i % 13), BASE.plusDays(i % 1500),
                BASE.plusDays(i % 1800), BigDecimal.valueOf(i % 5000, 2), i % 10 == 0 ? "note " + i : null };
    }

    static Report synthetic(int rows) {
        ReportDefinition def = new ReportDefinition("bench.large", "bench", LocalizedText.of("大报表", "Large report"),
                LocalizedText.of("基准", "Benchmark"), List.of(), COLUMNS, Optional.empty(), "viewer");
        return new Report() {
            @Override
            public ReportDefinition definition() {
                return def;
            }

            @Override
            public void run(ReportQuery query, RowSink sink) {
                for (int i = 0; i < rows; i++) {
                    if (!sink.row(row(i))) {
                        return;
                    }
                }
            }
        };
    }

    /** Rows written between two flushes of the fastexcel sheet: the rows it keeps in memory at most. */
    static final int FAST_BLOCK = 10_000;

    /**
     * The baseline: a minimal fastexcel writer of the same rows, typed and formatted. Text goes inline (as SXSSF
     * writes it; fastexcel's shared strings table would hold 2M distinct strings in memory), and each block of
     * {@link #FAST_BLOCK} rows gets its number formats as one range style per formatted column before it is flushed,
     * not one style call per cell (fastexcel's per-cell style setter keeps every styled cell in a map).
     */
    static long fastexcel(int rows, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "bench", "1.0");
        Worksheet ws = wb.newWorksheet("Report");
        for (int c = 0; c < COLUMNS.size(); c++) {
            ws.inlineString(0, c, COLUMNS.get(c).label().zh());
        }
        ws.range(0, 0, 0, COLUMNS.size() - 1).style().bold().set();
        int blockStart = 1;
        for (int i = 0; i < rows; i++) {
            Object[] v = row(i);
            int r = i + 1;
            for (int c = 0; c < v.length; c++) {
                Object x = v[c];
                if (x == null) {
                    continue;
                }
                switch (COLUMNS.get(c).type()) {
                    case TEXT -> ws.inlineString(r, c, (String) x);
                    case INTEGER -> ws.value(r, c, (Long) x);
                    case MONEY -> ws.value(r, c, ((Money) x).amount());
                    case PERCENT, DECIMAL -> ws.value(r, c, (BigDecimal) x);
                    case DATE -> ws.value(r, c, (LocalDate) x);
                    default -> throw new IllegalStateException();
                }
            }
            if (r % FAST_BLOCK == 0 || i == rows - 1) {
                formatBlock(ws, blockStart, r);
                ws.flush();
                blockStart = r + 1;
            }
        }
        ws.finish();
        wb.finish();
        return rows;
    }

    /** The number formats of rows {@code from..to}, one range style per formatted column. */
    private static void formatBlock(Worksheet ws, int from, int to) {
        for (int c = 0; c < COLUMNS.size(); c++) {
            String format = switch (COLUMNS.get(c).type()) {
                case MONEY -> "#,##0.00";
                case PERCENT -> "0.00%";
                case DATE -> "yyyy-mm-dd";
                default -> null;
            };
            if (format != null) {
                ws.range(from, c, to, c).style().format(format).set();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path file = Path.of(args[1]);
        int rows = Integer.parseInt(args[2]);
        XlsxReportExporter exporter = new XlsxReportExporter(Configs.of(XlsxReportExporter.Config.class, Map.of()));
        ReportQuery query = new ReportQuery(Map.of(), Locale.SIMPLIFIED_CHINESE, "bench");
        Plain plain = null;
        Report ageing = null;
        if (mode.equals("ageing")) {
            plain = new Plain(args[3], 2);
            ageing = AgeingBench.report(plain);
        }
        // warm-up
        Path warm = file.resolveSibling(file.getFileName() + ".warmup");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(warm), 1 << 16)) {
            switch (mode) {
                case "ours" -> exporter.export(synthetic(WARMUP_ROWS), query, out);
                case "fastexcel" -> fastexcel(WARMUP_ROWS, out);
                case "ageing" -> exporter.export(ageing, AgeingBench.QUERY, out);
                default -> throw new IllegalArgumentException(mode);
            }
        }
        Files.delete(warm);
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        long t0 = System.nanoTime();
        long written;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            written = switch (mode) {
                case "ours" -> exporter.export(synthetic(rows), query, out);
                case "fastexcel" -> fastexcel(rows, out);
                default -> exporter.export(ageing, AgeingBench.QUERY, out);
            };
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        if (plain != null) {
            plain.close();
        }
        System.out.printf(Locale.ROOT, "BENCH-RESULT ms=%.1f rows=%d peakHeapMb=%.1f fileBytes=%d maxHeapMb=%d%n", ms,
                written, peak / 1048576.0, Files.size(file), Runtime.getRuntime().maxMemory() >> 20);
        Files.delete(file);
    }

    private ExportChild() {
    }
}
