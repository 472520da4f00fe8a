package org.wanglai.excel.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.wanglai.api.ValidationError;
import org.wanglai.api.imports.ImportColumn;
import org.wanglai.api.imports.ImportRow;
import org.wanglai.api.imports.ParsedImport;
import org.wanglai.api.report.ColumnType;

/**
 * The uploaded rows again, at their original row numbers, with an "Errors" column after the last one: cells with a
 * problem are filled red and carry a comment, rows without problems stay so that the user fixes the sheet and uploads
 * it again (the extra column is ignored on upload). A second sheet sums up and lists every problem.
 */
final class ErrorWorkbookWriter {
    /** Comments are kept in memory until the workbook is written: past this many, the Errors column must do. */
    static final int MAX_COMMENTS = 5_000;
    static final int MAX_SUMMARY_LINES = 100_000;
    private static final byte[] BAD_FILL = { (byte) 0xFF, (byte) 0xC7, (byte) 0xCE };
    private static final byte[] BAD_TEXT = { (byte) 0x9C, 0x00, 0x06 };

    private final Messages messages;
    private final ParsedImport parsed;
    private final Locale locale;

    ErrorWorkbookWriter(Messages messages, ParsedImport parsed, Locale locale) {
        this.messages = messages;
        this.parsed = parsed;
        this.locale = locale;
    }

    void write(OutputStream out) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(null, 200, true, false);
        try {
            wb.setCompressTempFiles(true);
            Styles s = new Styles(wb);
            List<String> headers = parsed.headers();
            ImportColumn[] specOf = specColumns(headers);
            Map<Integer, List<ValidationError>> byRow = new LinkedHashMap<>();
            for (ValidationError e : parsed.errors()) {
                byRow.computeIfAbsent(e.row(), k -> new ArrayList<>()).add(e);
            }

            SXSSFSheet sheet = wb.createSheet(CellTexts.sheetName(parsed.spec().title().in(locale), "Import"));
            int errorCol = headers.size();
            int[] widths = new int[errorCol + 1];
            Row header = sheet.createRow(0);
            for (int i = 0; i < headers.size(); i++) {
                text(header.createCell(i), headers.get(i), s.header, s.headerQuoted);
                widths[i] = CellTexts.displayWidth(headers.get(i));
            }
            String errorsLabel = messages.text(locale, "errors.column");
            text(header.createCell(errorCol), errorsLabel, s.errorHeader, s.errorHeader);
            widths[errorCol] = 40;

            Drawing<?> drawing = sheet.createDrawingPatriarch();
            int comments = 0;
            int rowsWithErrors = 0;
            int lastRow = 0;
            for (ImportRow r : parsed.rows()) {
                int index = Math.max(r.rowNumber() - 1, lastRow + 1);
                lastRow = index;
                Row row = sheet.createRow(index);
                List<ValidationError> errors = byRow.getOrDefault(r.rowNumber(), List.of());
                Map<Integer, List<String>> cellErrors = new HashMap<>();
                List<String> lines = new ArrayList<>();
                for (ValidationError e : errors) {
                    String message = messages.localize(e.message(), locale);
                    int col = columnOf(e.field(), headers, specOf);
                    if (col >= 0) {
                        cellErrors.computeIfAbsent(col, k -> new ArrayList<>()).add(message);
                    }
                    lines.add(e.field() == null || e.field().isEmpty() ? message : e.field() + ": " + message);
                }
                for (int i = 0; i < r.raw().size(); i++) {
                    String raw = r.raw().get(i);
                    Cell cell = row.createCell(i);
                    List<String> problems = cellErrors.get(i);
                    if (problems != null) {
                        text(cell, raw, s.bad, s.badQuoted);
                        if (comments < MAX_COMMENTS) {
                            comment(wb, drawing, cell, String.join("\n", problems));
                            comments++;
                        }
                    } else {
                        value(cell, raw, i < specOf.length ? specOf[i] : null, r, s);
                    }
                    if (index < 200 && raw != null) {
                        widths[i] = Math.max(widths[i], CellTexts.displayWidth(raw));
                    }
                }
                if (!lines.isEmpty()) {
                    rowsWithErrors++;
                    text(row.createCell(errorCol), String.join("; ", lines), s.errorText, s.errorTextQuoted);
                }
            }
            sheet.createFreezePane(0, 1);
            for (int i = 0; i <= errorCol; i++) {
                sheet.setColumnWidth(i, CellTexts.columnWidth(widths[i]));
            }
            summary(wb, s, rowsWithErrors);
            wb.write(out);
            out.flush();
        } finally {
            wb.dispose();
            wb.close();
        }
    }

    private void summary(SXSSFWorkbook wb, Styles s, int rowsWithErrors) {
        SXSSFSheet sheet = wb.createSheet(CellTexts.sheetName(messages.text(locale, "errors.summary"), "Summary"));
        int r = 0;
        text(sheet.createRow(r++).createCell(0),
                messages.text(locale, "errors.title", parsed.spec().title().in(locale)), s.header, s.headerQuoted);
        labelled(sheet.createRow(r++), messages.text(locale, "errors.rows"), parsed.rows().size(), s);
        labelled(sheet.createRow(r++), messages.text(locale, "errors.rowsWithErrors"), rowsWithErrors, s);
        labelled(sheet.createRow(r++), messages.text(locale, "errors.count"), parsed.errors().size(), s);
        text(sheet.createRow(r++).createCell(0), messages.text(locale, "errors.hint"), s.plain, s.plainQuoted);
        r++;
        Row head = sheet.createRow(r++);
        text(head.createCell(0), messages.text(locale, "errors.row"), s.header, s.headerQuoted);
        text(head.createCell(1), messages.text(locale, "errors.field"), s.header, s.headerQuoted);
        text(head.createCell(2), messages.text(locale, "errors.message"), s.header, s.headerQuoted);
        int lines = 0;
        for (ValidationError e : parsed.errors()) {
            if (lines++ >= MAX_SUMMARY_LINES) {
                text(sheet.createRow(r++).createCell(0), "… +" + (parsed.errors().size() - MAX_SUMMARY_LINES),
                        s.plain, s.plainQuoted);
                break;
            }
            Row row = sheet.createRow(r++);
            if (e.row() > 0) {
                Cell c = row.createCell(0);
                c.setCellValue(e.row());
            }
            text(row.createCell(1), e.field() == null ? "" : e.field(), s.plain, s.plainQuoted);
            text(row.createCell(2), messages.localize(e.message(), locale), s.plain, s.plainQuoted);
        }
        sheet.setColumnWidth(0, CellTexts.columnWidth(24));
        sheet.setColumnWidth(1, CellTexts.columnWidth(20));
        sheet.setColumnWidth(2, CellTexts.columnWidth(60));
    }

    private static void labelled(Row row, String label, long value, Styles s) {
        text(row.createCell(0), label, s.plain, s.plainQuoted);
        row.createCell(1).setCellValue(value);
    }

    /** A valid value keeps its type and format; anything else is written back as the text the user typed. */
    private static void value(Cell cell, String raw, ImportColumn col, ImportRow row, Styles s) {
        Object v = col == null ? null : row.values().get(col.id());
        if (v instanceof LocalDate d) {
            cell.setCellValue(d);
            cell.setCellStyle(s.date);
        } else if (v instanceof Long l) {
            cell.setCellValue(l);
            cell.setCellStyle(s.integer);
        } else if (v instanceof BigDecimal b && col.type() != ColumnType.TEXT) {
            cell.setCellValue(b.doubleValue());
            cell.setCellStyle(col.type() == ColumnType.PERCENT ? s.percent : s.decimal);
        } else if (raw != null && !raw.isEmpty()) {
            text(cell, raw, s.plain, s.plainQuoted);
        } else {
            cell.setBlank();
        }
    }

    private ImportColumn[] specColumns(List<String> headers) {
        ImportColumn[] specOf = new ImportColumn[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            String h = ImportValidator.normalise(headers.get(i));
            for (ImportColumn col : parsed.spec().columns()) {
                if (!h.isEmpty() && (h.equals(ImportValidator.normalise(col.header().zh()))
                        || h.equals(ImportValidator.normalise(col.header().en())))) {
                    specOf[i] = col;
                    break;
                }
            }
        }
        return specOf;
    }

    /** The file column an error is about: by header text, or by the spec column's id or headers. */
    private static int columnOf(String field, List<String> headers, ImportColumn[] specOf) {
        if (field == null) {
            return -1;
        }
        int exact = headers.indexOf(field);
        if (exact >= 0) {
            return exact;
        }
        String f = ImportValidator.normalise(field);
        for (int i = 0; i < headers.size(); i++) {
            ImportColumn col = specOf[i];
            if (f.equals(ImportValidator.normalise(headers.get(i))) || (col != null && (field.equals(col.id())
                    || f.equals(ImportValidator.normalise(col.header().zh()))
                    || f.equals(ImportValidator.normalise(col.header().en()))))) {
                return i;
            }
        }
        return -1;
    }

    private static void comment(SXSSFWorkbook wb, Drawing<?> drawing, Cell cell, String text) {
        ClientAnchor anchor = wb.getCreationHelper().createClientAnchor();
        // the comment is created at the anchor's first cell: anchor it at the cell it belongs to
        anchor.setCol1(cell.getColumnIndex());
        anchor.setCol2(cell.getColumnIndex() + 3);
        anchor.setRow1(cell.getRowIndex());
        anchor.setRow2(cell.getRowIndex() + 3);
        Comment c = drawing.createCellComment(anchor);
        c.setString(new XSSFRichTextString(text));
        cell.setCellComment(c);
    }

    private static void text(Cell cell, String value, CellStyle normal, CellStyle quoted) {
        cell.setCellValue(value == null ? "" : value);
        cell.setCellStyle(CellTexts.needsQuotePrefix(value) ? quoted : normal);
    }

    /** Created once per workbook. */
    private static final class Styles {
        final CellStyle header;
        final CellStyle headerQuoted;
        final CellStyle errorHeader;
        final CellStyle plain;
        final CellStyle plainQuoted;
        final CellStyle bad;
        final CellStyle badQuoted;
        final CellStyle errorText;
        final CellStyle errorTextQuoted;
        final CellStyle date;
        final CellStyle integer;
        final CellStyle decimal;
        final CellStyle percent;

        Styles(SXSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            XSSFFont badFont = (XSSFFont) wb.createFont();
            badFont.setColor(new XSSFColor(BAD_TEXT, null));
            XSSFFont badBold = (XSSFFont) wb.createFont();
            badBold.setColor(new XSSFColor(BAD_TEXT, null));
            badBold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            headerQuoted = quoted(wb, header);
            errorHeader = wb.createCellStyle();
            errorHeader.setFont(badBold);
            plain = wb.createCellStyle();
            plainQuoted = quoted(wb, plain);
            XSSFCellStyle b = (XSSFCellStyle) wb.createCellStyle();
            b.setFillForegroundColor(new XSSFColor(BAD_FILL, null));
            b.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            b.setFont(badFont);
            bad = b;
            badQuoted = quoted(wb, bad);
            errorText = wb.createCellStyle();
            errorText.setFont(badFont);
            errorTextQuoted = quoted(wb, errorText);
            date = format(wb, "yyyy-mm-dd");
            integer = format(wb, "0");
            decimal = format(wb, "#,##0.00########");
            percent = format(wb, "0.0%");
        }

        private static CellStyle quoted(SXSSFWorkbook wb, CellStyle base) {
            CellStyle q = wb.createCellStyle();
            q.cloneStyleFrom(base);
            q.setQuotePrefixed(true);
            return q;
        }

        private static CellStyle format(SXSSFWorkbook wb, String format) {
            CellStyle c = wb.createCellStyle();
            c.setDataFormat(wb.createDataFormat().getFormat(format));
            return c;
        }
    }
}
