package org.wanglai.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The result table: one row per figure, printed and written as Markdown and JSON. */
final class Results {

    /**
     * One figure. {@code ours}/{@code baseline} are the headline values in {@code unit} (the median unless said
     * otherwise); {@code ratio} is ours / baseline; {@code met} is null when there is no target.
     */
    record Row(String id, String operation, Double ours, String oursText, Double baseline, String baselineText,
            String unit, Double ratio, String target, Boolean met, String note) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> context = new LinkedHashMap<>();

    void context(String key, String value) {
        context.put(key, value);
    }

    /** Wall time of one section, listed in the context in the order the sections ran. */
    void sectionTime(String section, long seconds) {
        String t = section + " " + seconds + " s";
        context.merge("Section wall times", t, (a, b) -> a + ", " + b);
    }

    /** The section wall times so far, e.g. "classification 412 s, ageing 300 s". */
    String sectionTimes() {
        return context.getOrDefault("Section wall times", "none");
    }

    /** A figure compared with a baseline, with a target on the ratio ours / baseline (≤ maxRatio). */
    Row ratio(String id, String operation, Samples ours, Samples baseline, double maxRatio, String note) {
        double r = ours.median() / baseline.median();
        return add(new Row(id, operation, ours.median(), ours.describe(), baseline.median(), baseline.describe(), "ms",
                r, "ratio ≤ " + maxRatio, r <= maxRatio, note));
    }

    /** A figure compared with a baseline, without a target on the ratio. */
    Row compare(String id, String operation, Samples ours, Samples baseline, String note) {
        double r = ours.median() / baseline.median();
        return add(new Row(id, operation, ours.median(), ours.describe(), baseline.median(), baseline.describe(), "ms",
                r, "–", null, note));
    }

    /** A figure with an absolute target (value ≤ max) and no baseline. */
    Row absolute(String id, String operation, double value, String text, String unit, double max, String targetText,
            String note) {
        return add(new Row(id, operation, value, text, null, "–", unit, null, targetText, value <= max, note));
    }

    /** A figure reported for information. */
    Row info(String id, String operation, double value, String text, String unit, String baselineText, String note) {
        return add(new Row(id, operation, value, text, null, baselineText, unit, null, "–", null, note));
    }

    /** An operation that could not be measured, and why. */
    Row missing(String id, String operation, String target, String why) {
        return add(new Row(id, operation, null, "not measured", null, "–", "", null, target, null, why));
    }

    Row add(Row r) {
        rows.add(r);
        return r;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Wanglai benchmark results\n\n");
        for (Map.Entry<String, String> e : context.entrySet()) {
            b.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        b.append("\nMedian (min–max, n = runs after warm-up) unless the operation says otherwise.\n\n");
        b.append("| # | Operation | Ours | Baseline | Ratio | Target | Met? |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.id()).append(" | ").append(cell(r.operation())).append(" | ")
                    .append(cell(r.oursText())).append(" | ").append(cell(r.baselineText())).append(" | ")
                    .append(r.ratio() == null ? "–" : String.format(Locale.ROOT, "%.2f", r.ratio())).append(" | ")
                    .append(cell(r.target())).append(" | ").append(met(r)).append(" |\n");
        }
        b.append('\n');
        for (Row r : rows) {
            if (r.note() != null && !r.note().isBlank()) {
                b.append("- **").append(r.id()).append("** ").append(r.note()).append('\n');
            }
        }
        b.append("\n## Closing note\n\n").append(closingNote()).append('\n');
        return b.toString();
    }

    /** Which targets were missed or not measured; the profile rows say where the time goes. */
    String closingNote() {
        List<String> missed = new ArrayList<>();
        List<String> unmeasured = new ArrayList<>();
        int met = 0;
        for (Row r : rows) {
            if (r.oursText().equals("not measured")) {
                unmeasured.add(r.id() + " (" + r.note() + ")");
            } else if (Boolean.FALSE.equals(r.met())) {
                missed.add(r.id() + " " + r.oursText() + (r.ratio() == null ? ""
                        : String.format(Locale.ROOT, ", ratio %.2f", r.ratio())) + ", target " + r.target());
            } else if (Boolean.TRUE.equals(r.met())) {
                met++;
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(met).append(" target(s) met. ");
        b.append(missed.isEmpty() ? "No measured target missed." : "Missed: " + String.join("; ", missed) + ".");
        if (rows.stream().anyMatch(r -> r.id().endsWith("-profile"))) {
            b.append(" The rows ending in -profile give the JFR profile of one run of each missed target (each"
                    + " says which run; the .jfr files are in target/jfr and target/bench-work).");
        }
        if (!unmeasured.isEmpty()) {
            b.append(" Not measured: ").append(String.join("; ", unmeasured)).append('.');
        }
        return b.toString();
    }

    private static String met(Row r) {
        if (r.oursText().equals("not measured")) {
            return "not measured";
        }
        return r.met() == null ? "–" : r.met() ? "yes" : "**no**";
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    String json() {
        StringBuilder b = new StringBuilder("{\n  \"generatedAt\": ").append(str(Instant.now().toString()));
        b.append(",\n  \"context\": {");
        int i = 0;
        for (Map.Entry<String, String> e : context.entrySet()) {
            b.append(i++ == 0 ? "\n" : ",\n").append("    ").append(str(e.getKey())).append(": ").append(str(e.getValue()));
        }
        b.append("\n  },\n  \"closingNote\": ").append(str(closingNote()));
        b.append(",\n  \"results\": [");
        i = 0;
        for (Row r : rows) {
            b.append(i++ == 0 ? "\n" : ",\n").append("    {");
            b.append("\"id\": ").append(str(r.id()));
            b.append(", \"operation\": ").append(str(r.operation()));
            b.append(", \"ours\": ").append(num(r.ours()));
            b.append(", \"oursText\": ").append(str(r.oursText()));
            b.append(", \"baseline\": ").append(num(r.baseline()));
            b.append(", \"baselineText\": ").append(str(r.baselineText()));
            b.append(", \"unit\": ").append(str(r.unit()));
            b.append(", \"ratio\": ").append(num(r.ratio()));
            b.append(", \"target\": ").append(str(r.target()));
            b.append(", \"met\": ").append(r.met() == null ? "null" : r.met().toString());
            b.append(", \"note\": ").append(str(r.note()));
            b.append('}');
        }
        return b.append("\n  ]\n}\n").toString();
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bench-results.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("bench-results.json"), json(), StandardCharsets.UTF_8);
    }

    private static String num(Double d) {
        return d == null || d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.4f", d);
    }

    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
