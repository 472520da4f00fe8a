package org.wanglai.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * P4: 1,000,000 rows × 12 columns to .xlsx through the Excel bundle's exporter (SXSSF) against a minimal fastexcel
 * writer of the same rows, each export in a fresh JVM limited to {@code -Xmx128m}; and the ageing report exported
 * the same way. Time and peak heap come from the child ({@link ExportChild}).
 */
final class ExcelBench {
    private static final Logger LOG = LoggerFactory.getLogger(ExcelBench.class);
    static final int ROWS = 1_000_000;
    static final int PROFILE_ROWS = 200_000;
    private static final Pattern RESULT = Pattern.compile(
            "BENCH-RESULT ms=([0-9.]+) rows=(\\d+) peakHeapMb=([0-9.]+) fileBytes=(\\d+) maxHeapMb=(\\d+)");

    record Child(double ms, long rows, double peakHeapMb, long fileBytes) {
    }

    static Child child(Path work, String mode, String jdbcUrl, Path jfr) throws Exception {
        return child(work, mode, jdbcUrl, jfr, ROWS);
    }

    static Child child(Path work, String mode, String jdbcUrl, Path jfr, int rows) throws Exception {
        Files.createDirectories(work);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        if (jfr != null) {
            cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ExportChild.class.getName(), mode,
                work.resolve(mode + ".xlsx").toString(), String.valueOf(rows)));
        if (jdbcUrl != null) {
            cmd.add(jdbcUrl);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Child result = null;
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                Matcher m = RESULT.matcher(line);
                if (m.find()) {
                    result = new Child(Double.parseDouble(m.group(1)), Long.parseLong(m.group(2)),
                            Double.parseDouble(m.group(3)), Long.parseLong(m.group(4)));
                } else {
                    out.append(line).append('\n');
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0 || result == null) {
            throw new IllegalStateException("Export child '" + mode + "' failed (exit " + rc + "):\n" + out);
        }
        LOG.info("Excel {}: {} rows in {} ms, peak heap {} MB, {} bytes", mode, result.rows(), Math.round(result.ms()),
                result.peakHeapMb(), result.fileBytes());
        return result;
    }

    static void run(BenchDatabase pg, Results results, int repeats, Path work, Profiler profiler) throws Exception {
        double[] ours = new double[repeats];
        double[] fast = new double[repeats];
        double oursPeak = 0;
        double fastPeak = 0;
        long oursBytes = 0;
        long fastBytes = 0;
        // alternate so that a change in the machine's load hits both alike
        for (int i = 0; i < repeats; i++) {
            Child o = child(work, "ours", null, null);
            Child f = child(work, "fastexcel", null, null);
            ours[i] = o.ms();
            fast[i] = f.ms();
            oursPeak = Math.max(oursPeak, o.peakHeapMb());
            fastPeak = Math.max(fastPeak, f.peakHeapMb());
            oursBytes = o.fileBytes();
            fastBytes = f.fileBytes();
        }
        Samples o = new Samples(ours);
        Samples f = new Samples(fast);
        Results.Row row = results.ratio("P4", "Excel export 1,000,000 rows × 12 columns, -Xmx128m", o, f, 2.0,
                String.format(Locale.ROOT, "ours = XlsxReportExporter (SXSSF; title, header, typed and formatted cells,"
                        + " formula-safe text, totals row), file %,d bytes; baseline = minimal fastexcel writer"
                        + " of the same rows (bold header, inline text, typed cells, number/date formats set as one"
                        + " range style per column and 10k-row block), file %,d bytes. Each run is a fresh JVM with"
                        + " -Xmx128m after a 100k-row warm-up.", oursBytes, fastBytes));
        if (!row.met()) {
            // one more export of ours under JFR, of a fifth of the rows to keep the run short
            Path jfr = work.resolve("excel-ours.jfr");
            child(work, "ours", null, jfr, PROFILE_ROWS);
            results.add(note(row, String.format(Locale.ROOT, "Recorded in one more export of ours of %,d rows in"
                    + " its own JVM (JFR settings \"profile\", main thread). ", PROFILE_ROWS)
                    + Profiler.summarize(jfr, "main")));
        }
        results.add(new Results.Row("P4m", "Excel export 1M × 12: peak heap", oursPeak,
                String.format(Locale.ROOT, "%.0f MB", oursPeak), fastPeak, String.format(Locale.ROOT, "%.0f MB",
                        fastPeak), "MB", oursPeak / fastPeak, "completes in -Xmx128m", oursPeak <= 128,
                "Per export the peaks of the heap pools (eden, survivor, old; reset after the warm-up) added up,"
                        + " the highest over the measured exports of each. The pools peak at different times, so the"
                        + " sum can exceed the 128 MB limit; both exports completing under -Xmx128m is the test."));
        Child a = child(work, "ageing", pg.jdbcUrl(), null);
        results.info("P3x", "Ageing report to Excel (" + a.rows() + " customer rows), -Xmx128m", a.ms(),
                String.format(Locale.ROOT, "%s, peak heap %.0f MB", Samples.ms(a.ms()), a.peakHeapMb()), "ms", "–",
                "AgeingReport streamed from PostgreSQL through XlsxReportExporter in a fresh JVM with -Xmx128m"
                        + " (after one warm-up export in the same JVM).");
    }

    /** The same row with a profile summary appended to its note. */
    static Results.Row note(Results.Row r, String more) {
        return new Results.Row(r.id() + "-profile", r.operation() + ": where the time goes", null, "see note", null,
                "–", "", null, "–", null, more);
    }

    private ExcelBench() {
    }
}
