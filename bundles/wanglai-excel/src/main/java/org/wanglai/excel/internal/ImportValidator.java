package org.wanglai.excel.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.wanglai.api.ValidationError;
import org.wanglai.api.imports.ImportColumn;
import org.wanglai.api.imports.ImportRow;
import org.wanglai.api.imports.ImportSpec;
import org.wanglai.api.imports.ParsedImport;

/**
 * Turns the rows of an uploaded table into typed, checked {@link ImportRow}s: the header is the first non-empty row
 * that names a column of the spec (matched by zh-CN or en text, ignoring case, spaces and a trailing required-marker
 * *; up to {@value #MAX_PREAMBLE} leading rows naming none, such as an exported report's title and parameters, are
 * skipped; without such a row the first row is the header and its missing columns the problem), then every
 * non-empty row is parsed per column type and checked (required, range, length, unique in the file). Customer codes
 * are collected and looked up in the host once for the whole file, at the end.
 */
final class ImportValidator implements TableSink {
    /** At most this many leading rows naming no column are skipped while looking for the header row. */
    static final int MAX_PREAMBLE = 10;
    private static final Pattern YMD = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?(?:[ T].*)?");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    private final ImportSpec spec;
    private final Messages messages;
    private List<String> headers;
    private int headerRow;
    /** Per spec column: its index in the file, or -1 when the (optional) column is absent. */
    private int[] columnAt;
    private final List<ImportRow> rows = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<Integer, Map<String, Integer>> firstRowOf = new HashMap<>();
    private final Map<String, List<int[]>> customerCells = new LinkedHashMap<>();
    private int dataRows;
    private FileProblem fileProblem;
    /** Leading rows that name no column (a report's title, parameters, generation time), skipped before the header. */
    private int preamble;
    private int firstRow;
    private List<String> firstCells;

    ImportValidator(ImportSpec spec, Messages messages) {
        this.spec = spec;
        this.messages = messages;
    }

    @Override
    public void row(int rowNumber, List<String> cells) {
        if (fileProblem != null || blank(cells)) {
            return;
        }
        if (headers == null) {
            if (!namesAColumn(cells)) {
                if (firstCells == null) {
                    firstRow = rowNumber;
                    firstCells = cells;
                }
                if (++preamble <= MAX_PREAMBLE) {
                    return;
                }
                // no header within the first rows: the first row is the header, and its missing columns the problem
                header(firstRow, firstCells);
                return;
            }
            header(rowNumber, cells);
            return;
        }
        dataRows++;
        if (dataRows > spec.maxRows()) {
            return; // keep counting, for the message
        }
        List<String> raw = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            raw.add(i < cells.size() && cells.get(i) != null ? cells.get(i) : "");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int c = 0; c < spec.columns().size(); c++) {
            if (columnAt[c] >= 0) {
                check(rowNumber, c, raw.get(columnAt[c]), values);
            }
        }
        rows.add(new ImportRow(rowNumber, values, raw));
    }

    private void header(int rowNumber, List<String> cells) {
        headerRow = rowNumber;
        headers = new ArrayList<>();
        for (String c : cells) {
            headers.add(c == null ? "" : c.strip());
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String key = normalise(headers.get(i));
            if (!key.isEmpty() && seen.putIfAbsent(key, i) != null && matches(key)) {
                fileProblem = new FileProblem(rowNumber, "file.duplicateColumn", headers.get(i));
                return;
            }
        }
        columnAt = new int[spec.columns().size()];
        List<ImportColumn> missing = new ArrayList<>();
        for (int c = 0; c < spec.columns().size(); c++) {
            ImportColumn col = spec.columns().get(c);
            Integer zh = seen.get(normalise(col.header().zh()));
            Integer en = seen.get(normalise(col.header().en()));
            columnAt[c] = zh != null ? zh : en != null ? en : -1;
            if (columnAt[c] < 0 && col.required()) {
                missing.add(col);
            }
        }
        if (!missing.isEmpty()) {
            ImportColumn m = missing.get(0);
            fileProblem = new FileProblem(rowNumber, "file.missingColumn", m.header().zh(), m.header().en());
            if (missing.size() > 1) {
                List<FileProblem> all = new ArrayList<>();
                for (ImportColumn col : missing) {
                    all.add(new FileProblem(rowNumber, "file.missingColumn", col.header().zh(), col.header().en()));
                }
                fileProblem = new MultiProblem(all);
            }
        }
    }

    /** Whether any cell of the row is one of the spec's column headers (in Chinese or English). */
    private boolean namesAColumn(List<String> cells) {
        for (String c : cells) {
            String key = normalise(c);
            if (!key.isEmpty() && matches(key)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(String key) {
        for (ImportColumn col : spec.columns()) {
            if (key.equals(normalise(col.header().zh())) || key.equals(normalise(col.header().en()))) {
                return true;
            }
        }
        return false;
    }

    static String normalise(String header) {
        if (header == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '\uFEFF') {
                b.append(c);
            }
        }
        String s = b.toString().toLowerCase(Locale.ROOT);
        while (s.endsWith("*") || s.endsWith("＊")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private void check(int rowNumber, int c, String rawText, Map<String, Object> values) {
        ImportColumn col = spec.columns().get(c);
        String text = clean(rawText);
        if (text.isEmpty()) {
            if (col.required()) {
                problem(rowNumber, c, "error.required");
            }
            return;
        }
        Object value;
        switch (col.type()) {
        case INTEGER -> {
            BigDecimal d = number(text);
            if (d == null || d.stripTrailingZeros().scale() > 0 || d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                problem(rowNumber, c, "error.notInteger", text);
                return;
            }
            if (!inRange(rowNumber, c, col, d)) {
                return;
            }
            value = d.longValueExact();
        }
        case DECIMAL, MONEY, PERCENT -> {
            BigDecimal d = col.type() == org.wanglai.api.report.ColumnType.PERCENT ? percent(text) : number(text);
            if (d == null) {
                problem(rowNumber, c, "error.notNumber", text);
                return;
            }
            if (!inRange(rowNumber, c, col, d)) {
                return;
            }
            value = d;
        }
        case DATE -> {
            LocalDate d = date(text);
            if (d == null) {
                problem(rowNumber, c, "error.notDate", text);
                return;
            }
            value = d;
        }
        default -> {
            if (text.codePointCount(0, text.length()) > col.maxLength()) {
                problem(rowNumber, c, "error.tooLong", String.valueOf(col.maxLength()));
                return;
            }
            value = text;
        }
        }
        if (col.unique()) {
            String key = value instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : value.toString();
            Integer first = firstRowOf.computeIfAbsent(c, k -> new HashMap<>()).putIfAbsent(key, rowNumber);
            if (first != null) {
                problem(rowNumber, c, "error.duplicate", text, String.valueOf(first));
                return;
            }
        }
        if (col.customerCode()) {
            customerCells.computeIfAbsent(value.toString(), k -> new ArrayList<>()).add(new int[] { rowNumber, c });
        }
        values.put(col.id(), value);
    }

    private boolean inRange(int rowNumber, int c, ImportColumn col, BigDecimal d) {
        if (col.min() != null && d.compareTo(col.min()) < 0) {
            problem(rowNumber, c, "error.min", col.min().toPlainString());
            return false;
        }
        if (col.max() != null && d.compareTo(col.max()) > 0) {
            problem(rowNumber, c, "error.max", col.max().toPlainString());
            return false;
        }
        return true;
    }

    private void problem(int rowNumber, int c, String key, Object... args) {
        problems.add(new Problem(rowNumber, columnAt[c], headers.get(columnAt[c]), messages.english(key, args)));
    }

    /**
     * The result, after the customer codes of the whole file were looked up with {@code idsByCodes} (called once,
     * and only when the spec has a customer column and the file has codes).
     */
    ParsedImport finish(Function<Set<String>, Map<String, Long>> idsByCodes) throws FileProblem {
        if (fileProblem != null) {
            throw fileProblem;
        }
        if (headers == null && firstCells != null) {
            header(firstRow, firstCells);
            if (fileProblem != null) {
                throw fileProblem;
            }
        }
        if (headers == null) {
            throw new FileProblem("file.empty");
        }
        if (dataRows > spec.maxRows()) {
            throw new FileProblem("file.rows", String.format(Locale.ROOT, "%,d", dataRows),
                    String.format(Locale.ROOT, "%,d", spec.maxRows()));
        }
        if (!customerCells.isEmpty()) {
            Map<String, Long> known = idsByCodes.apply(new LinkedHashSet<>(customerCells.keySet()));
            List<ImportRow> fixed = new ArrayList<>(rows.size());
            Map<Integer, Set<String>> drop = new HashMap<>();
            for (Map.Entry<String, List<int[]>> e : customerCells.entrySet()) {
                if (known.containsKey(e.getKey())) {
                    continue;
                }
                for (int[] cell : e.getValue()) {
                    problem(cell[0], cell[1], "error.unknownCustomer", e.getKey());
                    drop.computeIfAbsent(cell[0], k -> new java.util.HashSet<>()).add(spec.columns().get(cell[1]).id());
                }
            }
            for (ImportRow r : rows) {
                Set<String> ids = drop.get(r.rowNumber());
                if (ids == null) {
                    fixed.add(r);
                } else {
                    Map<String, Object> v = new LinkedHashMap<>(r.values());
                    v.keySet().removeAll(ids);
                    fixed.add(new ImportRow(r.rowNumber(), v, r.raw()));
                }
            }
            rows.clear();
            rows.addAll(fixed);
        }
        problems.sort(Comparator.comparingInt(Problem::row).thenComparingInt(Problem::column));
        List<ValidationError> errors = new ArrayList<>(problems.size());
        for (Problem p : problems) {
            errors.add(new ValidationError(p.row(), p.header(), p.message()));
        }
        return new ParsedImport(spec, headers, rows, errors);
    }

    int headerRow() {
        return headerRow;
    }

    private static boolean blank(List<String> cells) {
        if (cells == null) {
            return true;
        }
        for (String c : cells) {
            if (c != null && !clean(c).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        return s.replace('\u00A0', ' ').replace('\u3000', ' ').strip();
    }

    /** A number as people type it: 1,234.50, ¥1234.5, (12.00) for -12. */
    static BigDecimal number(String text) {
        String t = text.replace(",", "").replace(" ", "");
        boolean negative = false;
        if (t.startsWith("(") && t.endsWith(")")) {
            negative = true;
            t = t.substring(1, t.length() - 1);
        }
        if (!t.isEmpty() && "¥￥$€£".indexOf(t.charAt(0)) >= 0) {
            t = t.substring(1);
        }
        if (t.isEmpty() || !t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        BigDecimal d = new BigDecimal(t);
        return negative ? d.negate() : d;
    }

    /** 12.5% is 0.125; a plain number is already a ratio (what a percent-formatted Excel cell holds). */
    static BigDecimal percent(String text) {
        String t = text.strip();
        if (t.endsWith("%") || t.endsWith("％")) {
            BigDecimal d = number(t.substring(0, t.length() - 1).strip());
            return d == null ? null : d.movePointLeft(2);
        }
        return number(t);
    }

    static LocalDate date(String text) {
        Matcher m = YMD.matcher(text);
        try {
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            }
            if (text.length() == 8 && text.chars().allMatch(Character::isDigit)) {
                return LocalDate.parse(text, COMPACT);
            }
        } catch (java.time.DateTimeException e) {
            return null;
        }
        return null;
    }

    private record Problem(int row, int column, String header, String message) {
    }

    /** Several file-level problems at once (e.g. every missing column). */
    static final class MultiProblem extends FileProblem {
        private static final long serialVersionUID = 1L;
        private final transient List<FileProblem> problems;

        MultiProblem(List<FileProblem> problems) {
            super(problems.get(0).row(), problems.get(0).key(), problems.get(0).args());
            this.problems = List.copyOf(problems);
        }

        List<FileProblem> problems() {
            return problems;
        }
    }
}
