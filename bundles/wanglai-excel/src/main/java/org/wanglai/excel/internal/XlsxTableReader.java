package org.wanglai.excel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams the first sheet of an .xlsx with SAX (POI's event API): only the shared strings and styles are held in
 * memory, never the sheet. POI's XML readers refuse DOCTYPE declarations, so external entities are never expanded,
 * and its zip reader refuses entries that inflate beyond the limits in {@link PoiLimits}.
 *
 * <p>Cells come out as text: numbers in plain notation, date-formatted numbers as ISO dates (yyyy-mm-dd).
 */
final class XlsxTableReader {
    private XlsxTableReader() {
    }

    static void read(Path file, TableSink sink) throws IOException, FileProblem {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new FileProblem("file.noSheet");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new SheetHandler(strings, styles, sink));
                xml.parse(new InputSource(sheet));
            }
        } catch (InvalidFormatException | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException e) {
            throw classify(e);
        } catch (OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            throw classify(e);
        } catch (IOException e) {
            throw classify(e);
        }
    }

    /** Names the problem of a workbook POI could not read: zip bomb, DOCTYPE, or simply not a workbook. */
    static FileProblem classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Zip bomb") || m.contains("exceeds the max") || m.contains("MaxEntrySize")) {
                return new FileProblem("file.zipBomb");
            }
            if (m.contains("DOCTYPE") || m.contains("doctype") || m.contains("entity")) {
                return new FileProblem("file.doctype");
            }
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (reason.length() > 200) {
            reason = reason.substring(0, 200) + "...";
        }
        return new FileProblem("file.corrupt", reason);
    }

    private static final class SheetHandler extends DefaultHandler {
        private final ReadOnlySharedStringsTable strings;
        private final StylesTable styles;
        private final TableSink sink;
        private final StringBuilder value = new StringBuilder();
        private final StringBuilder inline = new StringBuilder();
        private List<String> cells;
        private int rowNumber;
        private int column;
        private String type;
        private String style;
        private boolean inValue;
        private boolean inInline;
        private boolean inInlineText;

        SheetHandler(ReadOnlySharedStringsTable strings, StylesTable styles, TableSink sink) {
            this.strings = strings;
            this.styles = styles;
            this.sink = sink;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            switch (localName) {
            case "row" -> {
                String r = atts.getValue("r");
                rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
                cells = new ArrayList<>();
                column = -1;
            }
            case "c" -> {
                String ref = atts.getValue("r");
                column = ref == null ? column + 1 : new CellReference(ref).getCol();
                type = atts.getValue("t");
                style = atts.getValue("s");
                value.setLength(0);
                inline.setLength(0);
            }
            case "v" -> {
                inValue = true;
                value.setLength(0);
            }
            case "is" -> inInline = true;
            case "t" -> inInlineText = inInline;
            default -> {
                // other elements (formulas, extensions) carry nothing to import
            }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue) {
                value.append(ch, start, length);
            } else if (inInlineText) {
                inline.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
            case "v" -> inValue = false;
            case "t" -> inInlineText = false;
            case "is" -> inInline = false;
            case "c" -> {
                String text = cellText();
                if (text != null && cells != null && column >= 0) {
                    while (cells.size() <= column) {
                        cells.add(null);
                    }
                    cells.set(column, text);
                }
            }
            case "row" -> {
                sink.row(rowNumber, cells);
                cells = null;
            }
            default -> {
            }
            }
        }

        private String cellText() {
            String v = value.toString();
            if (type == null || type.equals("n")) {
                return v.isEmpty() ? null : number(v);
            }
            return switch (type) {
            case "s" -> v.isEmpty() ? null : strings.getItemAt(Integer.parseInt(v.trim())).getString();
            case "inlineStr" -> inline.toString();
            case "b" -> "1".equals(v) ? "TRUE" : "FALSE";
            case "d" -> v.length() >= 10 ? v.substring(0, 10) : v;
            default -> v; // "str" (formula result) and "e" (error text such as #N/A)
            };
        }

        private String number(String v) {
            if (style != null && !style.isEmpty()) {
                XSSFCellStyle s = styles.getStyleAt(Integer.parseInt(style));
                if (s != null && DateUtil.isADateFormat(s.getDataFormat(), s.getDataFormatString())) {
                    try {
                        double d = Double.parseDouble(v);
                        if (DateUtil.isValidExcelDate(d)) {
                            return DateUtil.getLocalDateTime(d).toLocalDate().toString();
                        }
                    } catch (NumberFormatException e) {
                        return v;
                    }
                }
            }
            try {
                BigDecimal b = new BigDecimal(v);
                return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return v;
            }
        }
    }
}
