package org.wanglai.excel.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.wanglai.api.Money;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;

/**
 * One export: streams the rows of a report into an SXSSF sheet. The first sampled rows are held back until the
 * layout is known (column widths, and whether money columns mix currencies: then each money column gets a currency
 * column next to it; otherwise the currency shows in the header, e.g. "Revenue (CNY)"). Totals are summed exactly
 * (BigDecimal, per currency) while streaming and written as values.
 */
final class ReportWorkbookWriter {
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final XlsxReportExporter.Settings settings;
    private final Messages messages;
    private final Clock clock;
    private final ReportDefinition def;
    private final ReportQuery query;
    private final Locale locale;
    private final List<ReportColumn> columns;

    private SXSSFWorkbook wb;
    private SXSSFSheet sheet;
    private Styles styles;
    private final List<Object[]> held = new ArrayList<>();
    private boolean laidOut;
    private boolean currencyColumns;
    /** Per money column (by source index): the currency named in its header, when not mixed. */
    private String[] headerCurrency;
    private List<OutColumn> out;
    private int[] widths;
    private int headerRow;
    private int nextRow;
    private long dataRows;
    private final BigDecimal[] sums;
    private final List<Map<String, BigDecimal>> moneySums;
    private final Set<String> totalCurrencies = new LinkedHashSet<>();
    private ChartData chart;

    ReportWorkbookWriter(XlsxReportExporter.Settings settings, Messages messages, Clock clock, ReportDefinition def,
            ReportQuery query) {
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
        this.def = def;
        this.query = query;
        this.locale = query.locale();
        this.columns = def.columns();
        this.sums = new BigDecimal[columns.size()];
        this.moneySums = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            moneySums.add(new LinkedHashMap<>());
        }
    }

    long write(Report report, OutputStream target) throws IOException {
        wb = new SXSSFWorkbook(null, settings.rowWindow(), true, false);
        try {
            wb.setCompressTempFiles(true);
            styles = new Styles(wb);
            sheet = wb.createSheet(CellTexts.sheetName(def.title().in(locale), def.id()));
            writeTop();
            chart = def.chart().map(c -> new ChartData(def, c, settings.chartRows(), locale)).orElse(null);
            report.run(query, values -> {
                accept(values);
                return true;
            });
            if (!laidOut) {
                layOut();
            }
            writeTotals();
            finishSheet();
            if (chart != null && chart.size() > 0) {
                chart.writeSheet(wb, CellTexts.sheetName(messages.text(locale, "export.chart"), "Chart"), styles);
            }
            wb.write(target);
            target.flush();
            return dataRows;
        } finally {
            wb.dispose();
            wb.close();
        }
    }

    private void accept(Object[] values) {
        if (values == null || values.length != columns.size()) {
            throw new IllegalStateException("report " + def.id() + " sent a row with "
                    + (values == null ? 0 : values.length) + " values for " + columns.size() + " columns");
        }
        if (chart != null) {
            chart.accept(values);
        }
        if (laidOut) {
            writeRow(values);
            return;
        }
        held.add(values.clone());
        if (held.size() >= Math.max(1, settings.sampleRows())) {
            layOut();
        }
    }

    private void writeTop() {
        Row title = sheet.createRow(nextRow++);
        title.setHeightInPoints(22);
        text(title, 0, def.title().in(locale), styles.title);
        for (ReportParameter p : def.parameters()) {
            Row r = sheet.createRow(nextRow++);
            text(r, 0, p.label().in(locale) + ": " + parameterText(p, query.parameters().get(p.id())), styles.plain);
        }
        Row gen = sheet.createRow(nextRow++);
        text(gen, 0, messages.text(locale, "export.generated") + ": " + LocalDateTime.now(clock).format(GENERATED),
                styles.plain);
        nextRow++; // one empty row above the table
    }

    private String parameterText(ReportParameter p, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof YearMonth m) {
            return m.toString();
        }
        for (ReportParameter.Choice c : p.choices()) {
            if (c.value().equals(String.valueOf(value))) {
                return c.label().in(locale);
            }
        }
        return String.valueOf(value);
    }

    /** Decides the columns from the held rows, writes the header and the held rows. */
    private void layOut() {
        laidOut = true;
        headerCurrency = new String[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).type() != ColumnType.MONEY) {
                continue;
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Object[] row : held) {
                if (row[c] instanceof Money m) {
                    seen.add(m.currencyCode());
                }
            }
            if (seen.size() > 1) {
                currencyColumns = true;
            } else if (seen.size() == 1) {
                headerCurrency[c] = seen.iterator().next();
            }
        }
        out = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            ReportColumn col = columns.get(c);
            String label = col.label().in(locale);
            if (col.type() == ColumnType.MONEY && currencyColumns) {
                out.add(new OutColumn(c, false, label));
                out.add(new OutColumn(c, true, messages.text(locale, "export.currency")));
            } else if (col.type() == ColumnType.MONEY && headerCurrency[c] != null) {
                out.add(new OutColumn(c, false, label + " (" + headerCurrency[c] + ")"));
            } else {
                out.add(new OutColumn(c, false, label));
            }
        }
        widths = new int[out.size()];
        headerRow = nextRow++;
        Row header = sheet.createRow(headerRow);
        for (int i = 0; i < out.size(); i++) {
            text(header, i, out.get(i).header(), styles.header);
            widths[i] = CellTexts.displayWidth(out.get(i).header()) + 2; // room for the filter button
        }
        for (Object[] row : held) {
            writeRow(row);
        }
        held.clear();
    }

    private void writeRow(Object[] values) {
        Row row = sheet.createRow(nextRow++);
        boolean sample = dataRows < settings.sampleRows();
        for (int i = 0; i < out.size(); i++) {
            OutColumn oc = out.get(i);
            ReportColumn col = columns.get(oc.source());
            Object v = values[oc.source()];
            if (v == null) {
                continue;
            }
            String shown = oc.currency() ? currencyCell(row, i, v) : valueCell(row, i, col, v);
            if (sample && shown != null) {
                widths[i] = Math.max(widths[i], CellTexts.displayWidth(shown));
            }
        }
        for (int c = 0; c < columns.size(); c++) {
            ReportColumn col = columns.get(c);
            if (col.total() && values[c] != null) {
                addToTotal(c, col, values[c]);
            }
        }
        dataRows++;
    }

    private String currencyCell(Row row, int i, Object v) {
        if (v instanceof Money m) {
            text(row, i, m.currencyCode(), styles.plain);
            return m.currencyCode();
        }
        return null;
    }

    /** Writes one typed cell and returns the text it shows (approximately), for the column width. */
    private String valueCell(Row row, int i, ReportColumn col, Object v) {
        switch (col.type()) {
        case INTEGER:
            if (v instanceof Number n) {
                number(row, i, n.doubleValue(), styles.integer);
                return grouped(n.toString());
            }
            break;
        case DECIMAL:
            if (v instanceof Number n) {
                number(row, i, n.doubleValue(), styles.decimal);
                return grouped(decimal(n).setScale(2, Money.ROUNDING).toPlainString());
            }
            break;
        case PERCENT:
            if (v instanceof Number n) {
                number(row, i, n.doubleValue(), styles.percent);
                return "100.0%";
            }
            break;
        case MONEY:
            if (v instanceof Money m) {
                String cur = m.currencyCode();
                boolean inHeader = currencyColumns || cur.equals(headerCurrency[columnOf(i)]);
                number(row, i, m.amount().doubleValue(), styles.money(m.currency(), !inHeader, false));
                return grouped(m.amount().toPlainString()) + (inHeader ? "" : " " + cur);
            }
            if (v instanceof Number n) {
                number(row, i, n.doubleValue(), styles.money(null, false, false));
                return grouped(decimal(n).setScale(2, Money.ROUNDING).toPlainString());
            }
            break;
        case DATE:
            if (v instanceof LocalDate d) {
                Cell cell = row.createCell(i);
                cell.setCellValue(d);
                cell.setCellStyle(styles.date);
                return "0000-00-00";
            }
            if (v instanceof LocalDateTime d) {
                Cell cell = row.createCell(i);
                cell.setCellValue(d.toLocalDate());
                cell.setCellStyle(styles.date);
                return "0000-00-00";
            }
            break;
        default:
            break;
        }
        String s = String.valueOf(v);
        text(row, i, s, styles.plain);
        return s;
    }

    private int columnOf(int outIndex) {
        return out.get(outIndex).source();
    }

    private void addToTotal(int c, ReportColumn col, Object v) {
        switch (col.type()) {
        case INTEGER, DECIMAL -> {
            if (v instanceof Number n) {
                sums[c] = sums[c] == null ? decimal(n) : sums[c].add(decimal(n));
            }
        }
        case MONEY -> {
            if (v instanceof Money m) {
                moneySums.get(c).merge(m.currencyCode(), m.amount(), BigDecimal::add);
                totalCurrencies.add(m.currencyCode());
            } else if (v instanceof Number n) {
                moneySums.get(c).merge("", decimal(n), BigDecimal::add);
                totalCurrencies.add("");
            }
        }
        default -> {
            // PERCENT and TEXT/DATE columns are not summed
        }
        }
    }

    private void writeTotals() {
        boolean any = columns.stream().anyMatch(ReportColumn::total);
        if (!any || dataRows == 0) {
            return;
        }
        List<String> currencies = new ArrayList<>(totalCurrencies);
        if (currencies.isEmpty()) {
            currencies.add(null);
        }
        int labelColumn = -1;
        for (int i = 0; i < out.size(); i++) {
            if (!columns.get(out.get(i).source()).total() && !out.get(i).currency()) {
                labelColumn = i;
                break;
            }
        }
        boolean several = currencies.size() > 1;
        for (int k = 0; k < currencies.size(); k++) {
            String cur = currencies.get(k);
            Row row = sheet.createRow(nextRow++);
            if (labelColumn >= 0) {
                String label = several && cur != null && !cur.isEmpty()
                        ? messages.text(locale, "export.totalIn", cur)
                        : messages.text(locale, "export.total");
                text(row, labelColumn, label, styles.totalLabel);
            }
            for (int i = 0; i < out.size(); i++) {
                OutColumn oc = out.get(i);
                ReportColumn col = columns.get(oc.source());
                if (!col.total()) {
                    continue;
                }
                if (col.type() == ColumnType.MONEY) {
                    BigDecimal sum = cur == null ? null : moneySums.get(oc.source()).get(cur);
                    if (sum == null) {
                        continue;
                    }
                    if (oc.currency()) {
                        text(row, i, cur, styles.totalLabel);
                    } else {
                        java.util.Currency currency = cur.isEmpty() ? null : java.util.Currency.getInstance(cur);
                        boolean inHeader = currencyColumns || cur.equals(headerCurrency[oc.source()]);
                        number(row, i, sum.doubleValue(), styles.money(currency, !inHeader, true));
                    }
                } else if (k == 0 && sums[oc.source()] != null
                        && (col.type() == ColumnType.INTEGER || col.type() == ColumnType.DECIMAL)) {
                    number(row, i, sums[oc.source()].doubleValue(),
                            col.type() == ColumnType.INTEGER ? styles.totalInteger : styles.totalDecimal);
                }
            }
        }
    }

    private void finishSheet() {
        int lastCol = out.size() - 1;
        int lastDataRow = headerRow + (int) Math.max(dataRows, 0);
        sheet.createFreezePane(0, headerRow + 1);
        sheet.setAutoFilter(new CellRangeAddress(headerRow, lastDataRow, 0, lastCol));
        for (int i = 0; i < out.size(); i++) {
            sheet.setColumnWidth(i, CellTexts.columnWidth(widths[i]));
        }
    }

    private static void text(Row row, int col, String value, CellStyle style) {
        Cell cell = row.createCell(col);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    /** A text cell that a spreadsheet would read as a formula keeps Excel's quote prefix: it stays text. */
    private void text(Row row, int col, String value, Styles.TextStyle style) {
        text(row, col, value, CellTexts.needsQuotePrefix(value) ? style.quoted() : style.normal());
    }

    private static void number(Row row, int col, double value, CellStyle style) {
        Cell cell = row.createCell(col);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        return new BigDecimal(n.toString());
    }

    private static String grouped(String plain) {
        int digits = plain.indexOf('.') < 0 ? plain.length() : plain.indexOf('.');
        return plain + ",".repeat(Math.max(0, (digits - 1) / 3));
    }

    private record OutColumn(int source, boolean currency, String header) {
    }

    /** The workbook's cell styles, each created once per export. */
    static final class Styles {
        record TextStyle(CellStyle normal, CellStyle quoted) {
        }

        private final SXSSFWorkbook wb;
        final TextStyle title;
        final TextStyle plain;
        final TextStyle header;
        final TextStyle totalLabel;
        final CellStyle integer;
        final CellStyle decimal;
        final CellStyle percent;
        final CellStyle date;
        final CellStyle totalInteger;
        final CellStyle totalDecimal;
        private final Font bold;
        private final Map<String, CellStyle> moneyStyles = new HashMap<>();

        Styles(SXSSFWorkbook wb) {
            this.wb = wb;
            Font titleFont = wb.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 14);
            bold = wb.createFont();
            bold.setBold(true);
            title = textStyle(titleFont, false);
            plain = textStyle(null, false);
            header = textStyle(bold, true);
            totalLabel = textStyle(bold, false);
            integer = numeric("#,##0", null);
            decimal = numeric("#,##0.00", null);
            percent = numeric("0.0%", null);
            date = numeric("yyyy-mm-dd", null);
            totalInteger = numeric("#,##0", bold);
            totalDecimal = numeric("#,##0.00", bold);
            money(null, false, false);
            money(null, false, true);
        }

        private TextStyle textStyle(Font font, boolean header) {
            CellStyle normal = wb.createCellStyle();
            if (font != null) {
                normal.setFont(font);
            }
            if (header) {
                normal.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
                normal.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                normal.setBorderBottom(BorderStyle.THIN);
                normal.setVerticalAlignment(VerticalAlignment.CENTER);
            }
            CellStyle quoted = wb.createCellStyle();
            quoted.cloneStyleFrom(normal);
            quoted.setQuotePrefixed(true);
            return new TextStyle(normal, quoted);
        }

        CellStyle numeric(String format, Font font) {
            CellStyle s = wb.createCellStyle();
            s.setDataFormat(wb.createDataFormat().getFormat(format));
            if (font != null) {
                s.setFont(font);
            }
            return s;
        }

        /**
         * Money format with the currency's decimals; {@code showCode} appends the ISO code (for an amount whose
         * currency differs from the one named in the header). At most one style per currency and variant.
         */
        CellStyle money(java.util.Currency currency, boolean showCode, boolean total) {
            int scale = currency == null ? 2 : Money.scaleOf(currency);
            String code = showCode && currency != null ? currency.getCurrencyCode() : "";
            String key = scale + "|" + code + "|" + total;
            return moneyStyles.computeIfAbsent(key, k -> {
                String format = "#,##0" + (scale > 0 ? "." + "0".repeat(scale) : "")
                        + (code.isEmpty() ? "" : " \"" + code + "\"");
                return numeric(format, total ? bold : null);
            });
        }
    }
}
