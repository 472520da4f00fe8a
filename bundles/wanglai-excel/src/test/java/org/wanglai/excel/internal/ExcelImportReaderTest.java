package org.wanglai.excel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.api.imports.ImportColumn;
import org.wanglai.api.imports.ImportRow;
import org.wanglai.api.imports.ImportSpec;
import org.wanglai.api.imports.ParsedImport;
import org.wanglai.api.report.ColumnType;

class ExcelImportReaderTest {
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private final FakeCustomers customers = new FakeCustomers("C001", "C002", "C003");
    private final ExcelImportReader reader = new ExcelImportReader(customers, 20);

    static ImportSpec spec(int maxRows) {
        return new ImportSpec("credit.limits", LocalizedText.of("信用额度导入", "Credit limit import"), List.of(
                ImportColumn.customer("customer", "客户编码", "Customer code", true),
                ImportColumn.number("limit", "信用额度", "Credit limit", ColumnType.MONEY, true, BigDecimal.ZERO,
                        new BigDecimal("10000000")),
                ImportColumn.number("watch", "预警比例", "Watch ratio", ColumnType.PERCENT, false, BigDecimal.ZERO,
                        BigDecimal.ONE),
                ImportColumn.number("days", "账期天数", "Payment days", ColumnType.INTEGER, false, BigDecimal.ZERO,
                        new BigDecimal("365")),
                ImportColumn.date("from", "生效日期", "Valid from", true),
                new ImportColumn("note", LocalizedText.of("备注", "Note"), ColumnType.TEXT, false, null, null, 10,
                        false, false)),
                maxRows);
    }

    /** A workbook as a user would fill it: typed numeric, date and percent cells, headers in mixed languages. */
    static byte[] goodWorkbook() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("导入");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy/m/d"));
            CellStyle pct = wb.createCellStyle();
            pct.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
            Row h = sheet.createRow(0);
            String[] headers = { " 客户编码 ", "CREDIT LIMIT", "预警比例", "账期天数", "生效日期", "Note", "Ignored extra" };
            for (int i = 0; i < headers.length; i++) {
                h.createCell(i).setCellValue(headers[i]);
            }
            Row r1 = sheet.createRow(1);
            r1.createCell(0).setCellValue("C001");
            r1.createCell(1).setCellValue(50000.5);
            Cell p = r1.createCell(2);
            p.setCellValue(0.9);
            p.setCellStyle(pct);
            r1.createCell(3).setCellValue(30);
            Cell d = r1.createCell(4);
            d.setCellValue(LocalDate.of(2025, 4, 1));
            d.setCellStyle(date);
            r1.createCell(5).setCellValue("=cmd|x");
            r1.createCell(6).setCellValue("whatever");
            sheet.createRow(2); // an empty row is skipped
            Row r3 = sheet.createRow(3);
            r3.createCell(0).setCellValue("C002");
            r3.createCell(1).setCellValue("1,234.50");
            r3.createCell(2).setCellValue("85%");
            r3.createCell(4).setCellValue("2025/5/6");
            wb.write(out);
            return out.toByteArray();
        }
    }

    private ParsedImport parse(ImportSpec spec, String name, byte[] bytes) throws IOException {
        return reader.parse(spec, name, new ByteArrayInputStream(bytes));
    }

    @Test
    void goodXlsxYieldsTypedValuesAndLooksCustomersUpOnce() throws IOException {
        ParsedImport parsed = parse(spec(0), "limits.xlsx", goodWorkbook());
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.headers()).hasSize(7).startsWith("客户编码", "CREDIT LIMIT");
        assertThat(parsed.rows()).extracting(ImportRow::rowNumber).containsExactly(2, 4);
        ImportRow r1 = parsed.rows().get(0);
        assertThat(r1.get("customer", String.class)).isEqualTo("C001");
        assertThat(r1.get("limit", BigDecimal.class)).isEqualByComparingTo("50000.5");
        assertThat(r1.get("watch", BigDecimal.class)).isEqualByComparingTo("0.9");
        assertThat(r1.get("days", Long.class)).isEqualTo(30L);
        assertThat(r1.get("from", LocalDate.class)).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(r1.get("note", String.class)).isEqualTo("=cmd|x");
        assertThat(r1.raw()).hasSize(7);
        ImportRow r2 = parsed.rows().get(1);
        assertThat(r2.get("limit", BigDecimal.class)).isEqualByComparingTo("1234.50");
        assertThat(r2.get("watch", BigDecimal.class)).isEqualByComparingTo("0.85");
        assertThat(r2.values()).doesNotContainKey("days");
        assertThat(r2.get("from", LocalDate.class)).isEqualTo(LocalDate.of(2025, 5, 6));
        assertThat(customers.lookups).containsExactly(List.of("C001", "C002"));
    }

    @Test
    void goodCsvWithBomQuotesAndEnglishHeaders() throws IOException {
        String csv = "\uFEFFCustomer code,Credit limit,Watch ratio,Payment days,Valid from,Note\r\n"
                + "C001,\"12,500.00\",12.5%,45,2025-01-31,\"a, b\"\r\n"
                + "C003,300,,,2025/2/1,\"two\nlines\"\r\n";
        ParsedImport parsed = parse(spec(0), "limits.CSV", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).hasSize(2);
        ImportRow r = parsed.rows().get(0);
        assertThat(r.rowNumber()).isEqualTo(2);
        assertThat(r.get("limit", BigDecimal.class)).isEqualByComparingTo("12500");
        assertThat(r.get("watch", BigDecimal.class)).isEqualByComparingTo("0.125");
        assertThat(r.get("note", String.class)).isEqualTo("a, b");
        assertThat(parsed.rows().get(1).get("note", String.class)).isEqualTo("two\nlines");
        assertThat(parsed.rows().get(1).get("from", LocalDate.class)).isEqualTo(LocalDate.of(2025, 2, 1));
    }

    @Test
    void csvInGb18030WithSemicolons() throws IOException {
        String csv = "客户编码;信用额度;生效日期;备注\n C002 ;8000;2025-03-01;华东区\n";
        byte[] gb = csv.getBytes(CsvTableReader.GB18030);
        ParsedImport parsed = parse(spec(0), "额度.csv", gb);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).singleElement().satisfies(r -> {
            assertThat(r.get("customer", String.class)).isEqualTo("C002");
            assertThat(r.get("note", String.class)).isEqualTo("华东区");
        });
    }

    @Test
    void badRowsNameRowAndColumnAndKeepGoodValuesOut() throws IOException {
        String csv = "客户编码,信用额度,预警比例,账期天数,生效日期,备注\n"
                + "C001,100,0.5,30,2025-01-01,ok\n"
                + ",abc,150%,12.5,2025-02-30,this is far too long\n"
                + "C002,-1,,400,,\n";
        ParsedImport parsed = parse(spec(0), "x.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.errors()).containsExactly(
                new ValidationError(3, "客户编码", "is required"),
                new ValidationError(3, "信用额度", "'abc' is not a number"),
                new ValidationError(3, "预警比例", "must be at most 1"),
                new ValidationError(3, "账期天数", "'12.5' is not a whole number"),
                new ValidationError(3, "生效日期", "'2025-02-30' is not a date (use yyyy-mm-dd)"),
                new ValidationError(3, "备注", "is longer than 10 characters"),
                new ValidationError(4, "信用额度", "must be at least 0"),
                new ValidationError(4, "账期天数", "must be at most 365"),
                new ValidationError(4, "生效日期", "is required"));
        assertThat(parsed.rows().get(1).values()).isEmpty();
        assertThat(parsed.rows().get(1).raw()).containsExactly("", "abc", "150%", "12.5", "2025-02-30",
                "this is far too long");
    }

    @Test
    void duplicateAndUnknownCustomerCodes() throws IOException {
        String csv = "客户编码,信用额度,生效日期\nC001,1,2025-01-01\nX999,2,2025-01-01\nC001,3,2025-01-01\nX999,4,2025-01-01\n";
        ParsedImport parsed = parse(spec(0), "x.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.errors()).containsExactly(
                new ValidationError(3, "客户编码", "unknown customer code 'X999'"),
                new ValidationError(4, "客户编码", "duplicate value 'C001' (first in row 2)"),
                new ValidationError(5, "客户编码", "duplicate value 'X999' (first in row 3)"));
        assertThat(customers.lookups).containsExactly(List.of("C001", "X999"));
        assertThat(parsed.rows().get(1).values()).doesNotContainKey("customer").containsKey("limit");
    }

    @Test
    void errorWorkbookShowsEveryRowWithProblemsHighlightedInTheReadersLanguage() throws IOException {
        String csv = "客户编码,信用额度,生效日期,备注\nC001,100,2025-01-01,=1+1\nX999,abc,2025-01-01,\nC002,5,2025-01-02,\n";
        ParsedImport parsed = parse(spec(0), "x.csv", csv.getBytes(StandardCharsets.UTF_8));
        parsed = parsed.withErrors(List.of(new ValidationError(4, "limit", "exceeds the category ceiling")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.writeErrorWorkbook(parsed, ZH, out);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("信用额度导入");
            Row header = sheet.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("客户编码");
            assertThat(header.getCell(4).getStringCellValue()).isEqualTo("错误");

            Row good = sheet.getRow(1);
            assertThat(good.getCell(0).getStringCellValue()).isEqualTo("C001");
            assertThat(good.getCell(1).getNumericCellValue()).isEqualTo(100d);
            assertThat(good.getCell(3).getCellType()).isEqualTo(CellType.STRING);
            assertThat(good.getCell(3).getStringCellValue()).isEqualTo("=1+1");
            assertThat(good.getCell(3).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(good.getCell(4)).isNull();

            Row bad = sheet.getRow(2);
            XSSFCell code = (XSSFCell) bad.getCell(0);
            assertThat(code.getStringCellValue()).isEqualTo("X999");
            assertThat(((XSSFCellStyle) code.getCellStyle()).getFillForegroundColorColor().getRGB())
                    .containsExactly(0xFF, 0xC7, 0xCE);
            assertThat(code.getCellComment().getString().getString()).isEqualTo("客户编码“X999”不存在");
            assertThat(bad.getCell(1).getStringCellValue()).isEqualTo("abc");
            assertThat(bad.getCell(1).getCellComment().getString().getString()).isEqualTo("“abc”不是数字");
            assertThat(bad.getCell(4).getStringCellValue())
                    .isEqualTo("客户编码: 客户编码“X999”不存在; 信用额度: “abc”不是数字");

            Row third = sheet.getRow(3);
            assertThat(third.getCell(1).getCellComment().getString().getString())
                    .isEqualTo("exceeds the category ceiling");
            assertThat(third.getCell(4).getStringCellValue()).isEqualTo("limit: exceeds the category ceiling");

            XSSFSheet summary = wb.getSheetAt(1);
            assertThat(summary.getSheetName()).isEqualTo("汇总");
            assertThat(summary.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(3d);
            assertThat(summary.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(2d);
            assertThat(summary.getRow(3).getCell(1).getNumericCellValue()).isEqualTo(3d);
        }
        // the error workbook goes back in as it is: the Errors column is ignored, the same problems come out
        ParsedImport again = parse(spec(0), "fixed.xlsx", out.toByteArray());
        assertThat(again.errors()).extracting(ValidationError::row).containsExactly(3, 3);
        assertThat(again.rows().get(0).get("note", String.class)).isEqualTo("=1+1");
    }

    @Test
    void errorWorkbookInEnglish() throws IOException {
        String csv = "Customer code,Credit limit,Valid from\nX1,1,2025-01-01\n";
        ParsedImport parsed = parse(spec(0), "x.csv", csv.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.writeErrorWorkbook(parsed, Locale.ENGLISH, out);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(wb.getSheetAt(0).getRow(0).getCell(3).getStringCellValue()).isEqualTo("Errors");
            assertThat(wb.getSheetAt(0).getRow(1).getCell(3).getStringCellValue())
                    .isEqualTo("Customer code: unknown customer code 'X1'");
            assertThat(wb.getSheetName(1)).isEqualTo("Summary");
        }
    }

    @Test
    void titleRowsAboveTheHeaderAsInAnExportedReportAreSkipped() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("信用额度");
            sheet.createRow(0).createCell(0).setCellValue("信用额度导入");
            sheet.createRow(1).createCell(0).setCellValue("截止日期：2025-06-30");
            sheet.createRow(2).createCell(0).setCellValue("生成时间：2025-07-01 08:00");
            Row h = sheet.createRow(4);
            String[] headers = { "客户编码", "信用额度", "生效日期" };
            for (int i = 0; i < headers.length; i++) {
                h.createCell(i).setCellValue(headers[i]);
            }
            Row r = sheet.createRow(5);
            r.createCell(0).setCellValue("C003");
            r.createCell(1).setCellValue(800);
            r.createCell(2).setCellValue("2025-07-01");
            wb.write(out);
            ParsedImport parsed = parse(spec(0), "export.xlsx", out.toByteArray());
            assertThat(parsed.errors()).isEmpty();
            assertThat(parsed.rows()).singleElement().satisfies(row -> {
                assertThat(row.rowNumber()).isEqualTo(6);
                assertThat(row.get("limit", BigDecimal.class)).isEqualByComparingTo("800");
            });
        }
    }

    @Test
    void withoutAHeaderRowTheFirstRowIsNamedWithTheMissingColumns() {
        String csv = "C001,100,2025-01-01\nC002,200,2025-01-01\n";
        assertThatThrownBy(() -> parse(spec(0), "x.csv", csv.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("missing required column 客户编码 / Customer code")
                .satisfies(e -> assertThat(((ValidationException) e).errors()).allSatisfy(x -> assertThat(x.row()).isEqualTo(1)));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < ImportValidator.MAX_PREAMBLE + 5; i++) {
            many.append("C00").append(i).append(",100,2025-01-01\n");
        }
        assertThatThrownBy(() -> parse(spec(0), "x.csv", many.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors()).allSatisfy(x -> assertThat(x.row()).isEqualTo(1)));
    }

    @Test
    void missingRequiredColumnsAreNamedInBothLanguages() {
        String csv = "备注,Valid from\nx,2025-01-01\n";
        assertThatThrownBy(() -> parse(spec(0), "x.csv", csv.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("missing required column 客户编码 / Customer code")
                .satisfies(e -> assertThat(((ValidationException) e).errors()).hasSize(2));
    }

    @Test
    void tooManyRowsAreRefusedWithTheCount() {
        StringBuilder csv = new StringBuilder("客户编码,信用额度,生效日期\n");
        for (int i = 0; i < 5; i++) {
            csv.append("C001,1,2025-01-01\n");
        }
        assertThatThrownBy(() -> parse(spec(3), "x.csv", csv.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("the sheet has 5 rows; the limit is 3");
        assertThat(customers.lookups).isEmpty();
    }

    @Test
    void tooLargeFilesAreRefusedWhileReading() {
        ExcelImportReader small = new ExcelImportReader(customers, 1);
        byte[] big = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        assertThatThrownBy(() -> small.parse(spec(0), "x.csv", new ByteArrayInputStream(big)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("the file exceeds 1 MB");
    }

    @Test
    void randomBytesNamedXlsxAreNotAWorkbook() {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        junk[0] = 'x';
        assertThatThrownBy(() -> parse(spec(0), "limits.xlsx", junk)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not a valid .xlsx workbook");
        assertThatThrownBy(() -> parse(spec(0), "limits.pdf", junk)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not an .xlsx or .csv file");
        byte[] ole = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 };
        assertThatThrownBy(() -> parse(spec(0), "old.xls", ole)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("old .xls workbooks are not supported");
        byte[] zipJunk = java.util.Arrays.copyOf(new byte[] { 'P', 'K', 3, 4 }, 200);
        assertThatThrownBy(() -> parse(spec(0), "limits.xlsx", zipJunk)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not a valid .xlsx workbook");
    }

    @Test
    void zipBombIsRefused() throws IOException {
        byte[] bomb = Zips.replace(goodWorkbook(), "xl/worksheets/sheet1.xml", out -> {
            out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\"><sheetData>").getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 200; i++) {
                out.write(spaces);
            }
            out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(bomb.length).isLessThan(1024 * 1024);
        assertThatThrownBy(() -> parse(spec(0), "bomb.xlsx", bomb)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("possible zip bomb");
    }

    @Test
    void externalEntitiesAreRefused() throws IOException {
        String xxe = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>客户编码</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"
                + "</sheetData></worksheet>";
        byte[] evil = Zips.replace(goodWorkbook(), "xl/worksheets/sheet1.xml",
                out -> out.write(xxe.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> parse(spec(0), "evil.xlsx", evil)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void templateHasLocalisedHeadersCommentsAndColumnFormats() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.writeTemplate(spec(0), ZH, out);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("客户编码");
            assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("生效日期");
            assertThat(sheet.getRow(0).getCell(0).getCellComment().getString().getString())
                    .contains("必填").contains("ERP 中已存在的客户编码").contains("文件内不可重复");
            assertThat(sheet.getColumnStyle(4).getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(sheet.getColumnStyle(1).getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(sheet.getColumnStyle(0).getDataFormatString()).isEqualTo("@");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
        }
        // the filled template in English parses
        ByteArrayOutputStream en = new ByteArrayOutputStream();
        reader.writeTemplate(spec(0), Locale.ENGLISH, en);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(en.toByteArray()));
                ByteArrayOutputStream filled = new ByteArrayOutputStream()) {
            assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("Customer code");
            Row r = wb.getSheetAt(0).createRow(1);
            r.createCell(0).setCellValue("C003");
            r.createCell(1).setCellValue(10);
            r.createCell(4).setCellValue(LocalDate.of(2025, 6, 30));
            r.getCell(4).setCellStyle(wb.getSheetAt(0).getColumnStyle(4));
            wb.write(filled);
            ParsedImport parsed = parse(spec(0), "t.xlsx", filled.toByteArray());
            assertThat(parsed.errors()).isEmpty();
            assertThat(parsed.rows().get(0).get("from", LocalDate.class)).isEqualTo(LocalDate.of(2025, 6, 30));
        }
    }

    @Test
    void everyImportProblemTranslates() {
        Messages m = new Messages();
        String[][] cases = {
                { m.english("error.required"), "必填" },
                { m.english("error.notInteger", "x"), "“x”不是整数" },
                { m.english("error.duplicate", "C'1", "7"), "重复值“C'1”（首次出现在第 7 行）" },
                { m.english("error.unknownCustomer", "K9"), "客户编码“K9”不存在" },
                { m.english("error.tooLong", "30"), "超过 30 个字符" },
                { m.english("file.rows", "100,001", "100,000"), "工作表有 100,001 行，上限为 100,000 行" },
                { "something a capability said", "something a capability said" } };
        for (String[] c : cases) {
            assertThat(m.localize(c[0], ZH)).isEqualTo(c[1]);
            assertThat(m.localize(c[0], Locale.ENGLISH)).isEqualTo(c[0]);
        }
        assertThat(m.english("error.duplicate", "C'1", "7")).isEqualTo("duplicate value 'C'1' (first in row 7)");
    }
}
