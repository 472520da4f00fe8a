package org.wanglai.excel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.wanglai.api.Money;
import org.wanglai.api.ValidationException;
import org.wanglai.api.report.ChartSpec;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ParameterType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;

class XlsxReportExporterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-31T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private final XlsxReportExporter exporter = new XlsxReportExporter(XlsxReportExporter.Settings.defaults(), CLOCK);

    private static List<ReportColumn> columns() {
        return List.of(
                ReportColumn.text("code", "客户编码", "Customer code"),
                ReportColumn.text("name", "客户名称", "Customer"),
                ReportColumn.of("invoices", "发票数", "Invoices", ColumnType.INTEGER, true),
                ReportColumn.of("revenue", "收入", "Revenue", ColumnType.MONEY, true),
                ReportColumn.of("share", "占比", "Share", ColumnType.PERCENT, false),
                ReportColumn.of("weight", "权重", "Weight", ColumnType.DECIMAL, true),
                ReportColumn.of("lastInvoice", "最近开票日", "Last invoice", ColumnType.DATE, false));
    }

    private static Object[] row(String code, String name, long invoices, String revenue, String cur, String share,
            String weight, LocalDate last) {
        return new Object[] { code, name, invoices, Money.of(revenue, cur), new BigDecimal(share),
                new BigDecimal(weight), last };
    }

    private static ListReport revenueReport(List<Object[]> rows, ChartSpec chart) {
        return new ListReport("sales.revenue", "客户收入", "Customer revenue",
                List.of(ReportParameter.of("from", "起始日期", "From", ParameterType.DATE, true, null),
                        ReportParameter.choice("basis", "口径", "Basis", "invoice",
                                ReportParameter.Choice.of("invoice", "按开票", "By invoice"))),
                columns(), chart, rows);
    }

    private static ReportQuery query(Locale locale) {
        return new ReportQuery(Map.of("from", LocalDate.of(2025, 1, 1), "basis", "invoice"), locale, "anna");
    }

    private XSSFWorkbook export(Report report, Locale locale) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.export(report, query(locale), out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    private static int headerRowIndex(XSSFSheet sheet, String firstHeader) {
        for (Row r : sheet) {
            Cell c = r.getCell(0);
            if (c != null && c.getCellType() == CellType.STRING && c.getStringCellValue().equals(firstHeader)) {
                return r.getRowNum();
            }
        }
        throw new AssertionError("no header row starting with " + firstHeader);
    }

    @Test
    void writesTypedCellsFormatsHeaderTotalsFreezeAndFilter() throws IOException {
        List<Object[]> rows = List.of(
                row("C001", "华东贸易", 3, "1234.50", "CNY", "0.25", "1.5", LocalDate.of(2025, 3, 1)),
                row("C002", "Acme Ltd", 2, "765.50", "CNY", "0.125", "2.25", LocalDate.of(2025, 2, 14)));
        long written;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        written = exporter.export(revenueReport(rows, null), query(ZH), bytes);
        assertThat(written).isEqualTo(2);

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("客户收入");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("客户收入");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("起始日期: 2025-01-01");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("口径: 按开票");
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("生成时间: 2025-03-31 10:00:00");

            int h = headerRowIndex(sheet, "客户编码");
            Row header = sheet.getRow(h);
            assertThat(header.getCell(3).getStringCellValue()).isEqualTo("收入 (CNY)");
            assertThat(wb.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();

            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane).isNotNull();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat((int) pane.getHorizontalSplitPosition()).isEqualTo(h + 1);
            assertThat(sheet.getCTWorksheet().isSetAutoFilter()).isTrue();
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A" + (h + 1) + ":G" + (h + 3));

            Row first = sheet.getRow(h + 1);
            assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(first.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(2).getNumericCellValue()).isEqualTo(3d);
            assertThat(first.getCell(3).getNumericCellValue()).isEqualTo(1234.5d);
            assertThat(first.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(first.getCell(4).getNumericCellValue()).isEqualTo(0.25d);
            assertThat(first.getCell(4).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(first.getCell(6).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(first.getCell(6))).isTrue();
            assertThat(first.getCell(6).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(first.getCell(6).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2025, 3, 1));

            Row totals = sheet.getRow(h + 3);
            assertThat(totals.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(totals.getCell(2).getNumericCellValue()).isEqualTo(5d);
            assertThat(totals.getCell(3).getNumericCellValue()).isEqualTo(2000d);
            assertThat(totals.getCell(5).getNumericCellValue()).isEqualTo(3.75d);
            assertThat(totals.getCell(4)).as("percent is not summed").isNull();
            assertThat((Object) sheet.getRow(h + 4)).isNull();

            assertThat(sheet.getColumnWidth(1)).isGreaterThanOrEqualTo(8 * 256);
            assertThat(wb.getNumberOfSheets()).isEqualTo(1);
        }
    }

    @Test
    void englishHeadersForAnEnglishReader() throws IOException {
        List<Object[]> rows = new ArrayList<>();
        rows.add(row("C001", "A", 1, "10.00", "USD", "0.5", "1", LocalDate.of(2025, 1, 2)));
        try (XSSFWorkbook wb = export(revenueReport(rows, null), Locale.ENGLISH)) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("Customer revenue");
            int h = headerRowIndex(sheet, "Customer code");
            assertThat(sheet.getRow(h).getCell(3).getStringCellValue()).isEqualTo("Revenue (USD)");
            assertThat(sheet.getRow(h + 2).getCell(0).getStringCellValue()).isEqualTo("Total");
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).startsWith("Generated: ");
        }
    }

    @Test
    void mixedCurrenciesGetACurrencyColumnAndOneTotalPerCurrency() throws IOException {
        List<Object[]> rows = List.of(
                row("C001", "A", 1, "100.10", "CNY", "0.1", "1", null),
                row("C002", "B", 1, "50.00", "USD", "0.1", "1", null),
                row("C003", "C", 1, "0.90", "CNY", "0.1", "1", null),
                row("C004", "D", 1, "1000", "JPY", "0.1", "1", null));
        try (XSSFWorkbook wb = export(revenueReport(rows, null), Locale.ENGLISH)) {
            XSSFSheet sheet = wb.getSheetAt(0);
            int h = headerRowIndex(sheet, "Customer code");
            Row header = sheet.getRow(h);
            assertThat(header.getCell(3).getStringCellValue()).isEqualTo("Revenue");
            assertThat(header.getCell(4).getStringCellValue()).isEqualTo("Currency");
            assertThat(header.getCell(5).getStringCellValue()).isEqualTo("Share");
            assertThat(sheet.getRow(h + 2).getCell(4).getStringCellValue()).isEqualTo("USD");
            assertThat(sheet.getRow(h + 4).getCell(3).getCellStyle().getDataFormatString()).isEqualTo("#,##0");

            Row cny = sheet.getRow(h + 5);
            Row usd = sheet.getRow(h + 6);
            Row jpy = sheet.getRow(h + 7);
            assertThat(cny.getCell(0).getStringCellValue()).isEqualTo("Total (CNY)");
            assertThat(cny.getCell(3).getNumericCellValue()).isEqualTo(101d);
            assertThat(cny.getCell(4).getStringCellValue()).isEqualTo("CNY");
            assertThat(cny.getCell(2).getNumericCellValue()).as("non-money totals once").isEqualTo(4d);
            assertThat(usd.getCell(0).getStringCellValue()).isEqualTo("Total (USD)");
            assertThat(usd.getCell(3).getNumericCellValue()).isEqualTo(50d);
            assertThat(usd.getCell(2)).isNull();
            assertThat(jpy.getCell(3).getNumericCellValue()).isEqualTo(1000d);
        }
    }

    @Test
    void aLateForeignCurrencyShowsItsCodeInTheCellFormat() throws IOException {
        XlsxReportExporter small = new XlsxReportExporter(new XlsxReportExporter.Settings(10, 2, 500), CLOCK);
        List<Object[]> rows = List.of(
                row("C001", "A", 1, "1.00", "CNY", "0.1", "1", null),
                row("C002", "B", 1, "2.00", "CNY", "0.1", "1", null),
                row("C003", "C", 1, "3.00", "EUR", "0.1", "1", null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        small.export(revenueReport(rows, null), query(Locale.ENGLISH), out);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = wb.getSheetAt(0);
            int h = headerRowIndex(sheet, "Customer code");
            assertThat(sheet.getRow(h).getCell(3).getStringCellValue()).isEqualTo("Revenue (CNY)");
            assertThat(sheet.getRow(h + 3).getCell(3).getCellStyle().getDataFormatString())
                    .isEqualTo("#,##0.00 \"EUR\"");
            assertThat(sheet.getRow(h + 4).getCell(3).getNumericCellValue()).isEqualTo(3d);
            assertThat(sheet.getRow(h + 5).getCell(0).getStringCellValue()).isEqualTo("Total (EUR)");
            assertThat(sheet.getRow(h + 5).getCell(3).getNumericCellValue()).isEqualTo(3d);
        }
    }

    @Test
    void formulaLikeTextStaysTextWithItsOriginalValue() throws IOException {
        String[] nasty = { "=1+2", "+SUM(A1:A9)", "-2+3", "@cmd", "\tTAB", "=HYPERLINK(\"http://x\",\"y\")" };
        List<Object[]> rows = new ArrayList<>();
        for (String n : nasty) {
            rows.add(row("C1", n, 1, "1", "CNY", "0", "0", null));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.export(revenueReport(rows, null), query(ZH), out);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = wb.getSheetAt(0);
            int h = headerRowIndex(sheet, "客户编码");
            for (int i = 0; i < nasty.length; i++) {
                Cell c = sheet.getRow(h + 1 + i).getCell(1);
                assertThat(c.getCellType()).isEqualTo(CellType.STRING);
                assertThat(c.getStringCellValue()).isEqualTo(nasty[i]);
                assertThat(c.getCellStyle().getQuotePrefixed()).isTrue();
            }
            assertThat(sheet.getRow(h + 1).getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
        }
        assertThat(SheetXml.entry(out.toByteArray(), "xl/worksheets/sheet1.xml")).doesNotContain("<f>")
                .doesNotContain("<f ");
    }

    @Test
    void sheetNamesAreValidForNastyTitles() throws IOException {
        assertThat(CellTexts.sheetName("应收/账龄 [2025]: 明细*?\\", "x")).isEqualTo("应收_账龄 _2025__ 明细___");
        assertThat(CellTexts.sheetName("'quoted'", "x")).isEqualTo("quoted");
        assertThat(CellTexts.sheetName("History", "fallback")).isEqualTo("fallback");
        assertThat(CellTexts.sheetName("   ", "fallback")).isEqualTo("fallback");
        String longTitle = "A very long report title that does not fit into thirty-one characters";
        assertThat(CellTexts.sheetName(longTitle, "x")).hasSize(31);

        ListReport report = new ListReport("odd.title", "账龄/明细:[全部]*?'很长很长很长很长很长很长很长很长很长很长很长很长'",
                "x", List.of(), columns(), null, List.of());
        try (XSSFWorkbook wb = export(report, ZH)) {
            String name = wb.getSheetAt(0).getSheetName();
            assertThat(name.length()).isLessThanOrEqualTo(31);
            assertThat(name).doesNotContainPattern("[\\[\\]:*?/\\\\]");
        }
    }

    @Test
    void chartSheetWhenTheReportDeclaresAChart() throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(row("C" + i, "客户" + i, i, i + ".00", "CNY", "0.01", "1", null));
        }
        for (ChartSpec.ChartType type : ChartSpec.ChartType.values()) {
            ChartSpec chart = new ChartSpec(type, "name", List.of("revenue", "invoices"));
            try (XSSFWorkbook wb = export(revenueReport(rows, chart), ZH)) {
                assertThat(wb.getNumberOfSheets()).isEqualTo(2);
                XSSFSheet sheet = wb.getSheet("图表");
                assertThat(sheet).as(type.name()).isNotNull();
                assertThat(sheet.getDrawingPatriarch().getCharts()).hasSize(1);
                String xml = sheet.getDrawingPatriarch().getCharts().get(0).getCTChart().toString();
                assertThat(xml).contains(switch (type) {
                case BAR -> "barChart";
                case LINE -> "lineChart";
                case PIE -> "pieChart";
                });
                assertThat(xml).contains("图表!$A$2:$A$31");
                assertThat(sheet.getRow(30).getCell(0).getStringCellValue()).isEqualTo("客户29");
                assertThat(sheet.getRow(30).getCell(1).getNumericCellValue()).isEqualTo(29d);
            }
        }
    }

    @Test
    void emptyReportStillHasHeaderFilterAndNoTotals() throws IOException {
        try (XSSFWorkbook wb = export(revenueReport(List.of(), null), Locale.ENGLISH)) {
            XSSFSheet sheet = wb.getSheetAt(0);
            int h = headerRowIndex(sheet, "Customer code");
            assertThat(sheet.getRow(h).getCell(3).getStringCellValue()).isEqualTo("Revenue");
            assertThat((Object) sheet.getRow(h + 1)).isNull();
            assertThat(sheet.getCTWorksheet().isSetAutoFilter()).isTrue();
        }
    }

    @Test
    void aReportThatRejectsItsParametersWritesNothing() {
        Report failing = new ListReport("x.fail", "失败", "Fail", List.of(), columns(), null, List.of()) {
            @Override
            public void run(ReportQuery query, org.wanglai.api.report.RowSink sink) {
                throw new ValidationException("from", "is required");
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> exporter.export(failing, query(ZH), out)).isInstanceOf(ValidationException.class);
        assertThat(out.size()).isZero();
    }

    @Test
    void fileNameIsReportIdAndDate() {
        assertThat(exporter.fileName(revenueReport(List.of(), null), query(ZH)))
                .isEqualTo("sales.revenue-20250331.xlsx");
    }
}
