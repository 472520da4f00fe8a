package org.wanglai.excel.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.wanglai.api.imports.ImportColumn;
import org.wanglai.api.imports.ImportSpec;

/**
 * The empty workbook users fill in: headers in the reader's language (required ones bold on a yellow fill), a comment
 * on each header saying what the column takes, and column formats (text columns as Excel text so that codes keep
 * their leading zeros; dates, amounts and percentages formatted).
 */
final class TemplateWriter {
    private final Messages messages;
    private final ImportSpec spec;
    private final Locale locale;

    TemplateWriter(Messages messages, ImportSpec spec, Locale locale) {
        this.messages = messages;
        this.spec = spec;
        this.locale = locale;
    }

    void write(OutputStream out) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet(CellTexts.sheetName(spec.title().in(locale), "Import"));
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle required = wb.createCellStyle();
            required.setFont(bold);
            required.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            required.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            CellStyle optional = wb.createCellStyle();
            optional.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            optional.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            CellStyle text = format(wb, "@");
            CellStyle date = format(wb, "yyyy-mm-dd");
            CellStyle integer = format(wb, "0");
            CellStyle decimal = format(wb, "#,##0.00########");
            CellStyle money = format(wb, "#,##0.00");
            CellStyle percent = format(wb, "0.0%");

            Row header = sheet.createRow(0);
            XSSFDrawing drawing = sheet.createDrawingPatriarch();
            for (int i = 0; i < spec.columns().size(); i++) {
                ImportColumn col = spec.columns().get(i);
                String label = col.header().in(locale);
                Cell cell = header.createCell(i);
                cell.setCellValue(label);
                cell.setCellStyle(col.required() ? required : optional);
                ClientAnchor anchor = wb.getCreationHelper().createClientAnchor();
                anchor.setCol1(i);
                anchor.setCol2(i + 3);
                anchor.setRow1(0);
                anchor.setRow2(4);
                Comment comment = drawing.createCellComment(anchor);
                comment.setString(new XSSFRichTextString(describe(col)));
                cell.setCellComment(comment);
                sheet.setDefaultColumnStyle(i, switch (col.type()) {
                case DATE -> date;
                case INTEGER -> integer;
                case DECIMAL -> decimal;
                case MONEY -> money;
                case PERCENT -> percent;
                default -> text;
                });
                sheet.setColumnWidth(i, CellTexts.columnWidth(Math.max(12, CellTexts.displayWidth(label) + 2)));
            }
            sheet.createFreezePane(0, 1);
            wb.write(out);
            out.flush();
        }
    }

    /** What a column takes, in the reader's language. */
    String describe(ImportColumn col) {
        List<String> parts = new ArrayList<>();
        parts.add(messages.text(locale, col.required() ? "template.required" : "template.optional"));
        switch (col.type()) {
        case DATE -> parts.add(messages.text(locale, "template.date"));
        case INTEGER -> parts.add(messages.text(locale, "template.integer"));
        case DECIMAL -> parts.add(messages.text(locale, "template.decimal"));
        case MONEY -> parts.add(messages.text(locale, "template.money"));
        case PERCENT -> parts.add(messages.text(locale, "template.percent"));
        default -> parts.add(messages.text(locale, "template.text", String.valueOf(col.maxLength())));
        }
        if (col.customerCode()) {
            parts.add(messages.text(locale, "template.customer"));
        }
        if (col.unique()) {
            parts.add(messages.text(locale, "template.unique"));
        }
        if (col.min() != null) {
            parts.add(messages.text(locale, "template.min", col.min().toPlainString()));
        }
        if (col.max() != null) {
            parts.add(messages.text(locale, "template.max", col.max().toPlainString()));
        }
        return String.join("\n", parts);
    }

    private static CellStyle format(XSSFWorkbook wb, String format) {
        CellStyle s = wb.createCellStyle();
        s.setDataFormat(wb.createDataFormat().getFormat(format));
        return s;
    }
}
