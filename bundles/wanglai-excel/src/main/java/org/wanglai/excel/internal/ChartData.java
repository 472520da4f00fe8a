package org.wanglai.excel.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.wanglai.api.Money;
import org.wanglai.api.report.ChartSpec;
import org.wanglai.api.report.ReportDefinition;

/**
 * The chart of a report: the first rows' categories and values (at most the configured number) are kept while the
 * data sheet streams, then written to a small chart sheet and drawn there with POI's XDDF charts, which reference
 * that sheet's cells.
 */
final class ChartData {
    private final ChartSpec spec;
    private final int limit;
    private final int categoryIndex;
    private final int[] valueIndexes;
    private final String categoryLabel;
    private final String[] valueLabels;
    private final String title;
    private final List<String> categories = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();

    ChartData(ReportDefinition def, ChartSpec spec, int limit, Locale locale) {
        this.spec = spec;
        this.limit = limit;
        this.categoryIndex = def.columnIndex(spec.categoryColumn());
        this.categoryLabel = def.columns().get(categoryIndex).label().in(locale);
        this.valueIndexes = new int[spec.valueColumns().size()];
        this.valueLabels = new String[valueIndexes.length];
        for (int i = 0; i < valueIndexes.length; i++) {
            valueIndexes[i] = def.columnIndex(spec.valueColumns().get(i));
            valueLabels[i] = def.columns().get(valueIndexes[i]).label().in(locale);
        }
        this.title = def.title().in(locale);
    }

    void accept(Object[] row) {
        if (categories.size() >= limit) {
            return;
        }
        Object c = row[categoryIndex];
        categories.add(c == null ? "" : c.toString());
        double[] v = new double[valueIndexes.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(row[valueIndexes[i]]);
        }
        values.add(v);
    }

    int size() {
        return categories.size();
    }

    private static double number(Object v) {
        if (v instanceof Money m) {
            return m.amount().doubleValue();
        }
        if (v instanceof BigDecimal b) {
            return b.doubleValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return 0d;
    }

    void writeSheet(SXSSFWorkbook wb, String sheetName, ReportWorkbookWriter.Styles styles) {
        SXSSFSheet sheet = wb.createSheet(sheetName);
        Row header = sheet.createRow(0);
        cell(header, 0, categoryLabel, styles.header);
        for (int i = 0; i < valueLabels.length; i++) {
            cell(header, i + 1, valueLabels[i], styles.header);
        }
        int n = categories.size();
        for (int r = 0; r < n; r++) {
            Row row = sheet.createRow(r + 1);
            cell(row, 0, categories.get(r), styles.plain);
            double[] v = values.get(r);
            for (int i = 0; i < v.length; i++) {
                Cell cell = row.createCell(i + 1);
                cell.setCellValue(v[i]);
                cell.setCellStyle(styles.decimal);
            }
        }
        sheet.setColumnWidth(0, CellTexts.columnWidth(Math.max(12, CellTexts.displayWidth(categoryLabel))));
        for (int i = 0; i < valueLabels.length; i++) {
            sheet.setColumnWidth(i + 1, CellTexts.columnWidth(Math.max(12, CellTexts.displayWidth(valueLabels[i]))));
        }

        XSSFSheet xs = wb.getXSSFWorkbook().getSheet(sheetName);
        XSSFDrawing drawing = xs.createDrawingPatriarch();
        int left = valueLabels.length + 2;
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, left, 1, left + 12, 25);
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);

        String[] cats = categories.toArray(new String[0]);
        XDDFDataSource<String> catSource = XDDFDataSourcesFactory.fromArray(cats, range(sheetName, 0, n));
        XDDFChartData data;
        switch (spec.type()) {
        case PIE -> {
            data = chart.createData(ChartTypes.PIE, null, null);
            data.setVaryColors(true);
        }
        case LINE -> data = chart.createData(ChartTypes.LINE, categoryAxis(chart), valueAxis(chart));
        default -> {
            data = chart.createData(ChartTypes.BAR, categoryAxis(chart), valueAxis(chart));
            ((XDDFBarChartData) data).setBarDirection(BarDirection.COL);
        }
        }
        int seriesCount = spec.type() == ChartSpec.ChartType.PIE ? 1 : valueLabels.length;
        for (int i = 0; i < seriesCount; i++) {
            Double[] v = new Double[n];
            for (int r = 0; r < n; r++) {
                v[r] = values.get(r)[i];
            }
            XDDFNumericalDataSource<Double> valSource = XDDFDataSourcesFactory.fromArray(v, range(sheetName, i + 1, n));
            XDDFChartData.Series series = data.addSeries(catSource, valSource);
            series.setTitle(valueLabels[i], new CellReference(sheetName, 0, i + 1, true, true));
        }
        chart.plot(data);
    }

    private static XDDFCategoryAxis categoryAxis(XSSFChart chart) {
        return chart.createCategoryAxis(AxisPosition.BOTTOM);
    }

    private static XDDFValueAxis valueAxis(XSSFChart chart) {
        XDDFValueAxis axis = chart.createValueAxis(AxisPosition.LEFT);
        axis.setCrosses(AxisCrosses.AUTO_ZERO);
        return axis;
    }

    private static String range(String sheetName, int column, int rows) {
        CellRangeAddress r = new CellRangeAddress(1, rows, column, column);
        return r.formatAsString(sheetName, true);
    }

    private static void cell(Row row, int col, String text, ReportWorkbookWriter.Styles.TextStyle style) {
        Cell cell = row.createCell(col);
        cell.setCellValue(text);
        cell.setCellStyle(CellTexts.needsQuotePrefix(text) ? style.quoted() : style.normal());
    }
}
