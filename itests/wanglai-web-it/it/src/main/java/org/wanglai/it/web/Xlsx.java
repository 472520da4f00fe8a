package org.wanglai.it.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the cell texts of an .xlsx file with the JDK only (zip + XML), so that the test does not need POI. */
final class Xlsx {
    private Xlsx() {
    }

    /** Every worksheet (by entry name) as rows of cell texts, a column's gap filled with "". */
    static Map<String, List<List<String>>> read(byte[] file) throws Exception {
        Map<String, byte[]> entries = new HashMap<>();
        // ZipFile reads the central directory, so entries streamed with data descriptors are read right.
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("wanglai-it", ".xlsx");
        try {
            java.nio.file.Files.write(tmp, file);
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(tmp.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    try (java.io.InputStream in = zip.getInputStream(e)) {
                        entries.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
        if (!entries.containsKey("[Content_Types].xml") || !entries.containsKey("xl/workbook.xml")) {
            throw new IOException("not an xlsx file");
        }
        List<String> shared = new ArrayList<>();
        if (entries.containsKey("xl/sharedStrings.xml")) {
            NodeList si = parse(entries.get("xl/sharedStrings.xml")).getElementsByTagName("si");
            for (int i = 0; i < si.getLength(); i++) {
                shared.add(si.item(i).getTextContent());
            }
        }
        Map<String, List<List<String>>> sheets = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (!e.getKey().matches("xl/worksheets/sheet\\d+\\.xml")) {
                continue;
            }
            List<List<String>> rows = new ArrayList<>();
            NodeList rowNodes = parse(e.getValue()).getElementsByTagName("row");
            for (int r = 0; r < rowNodes.getLength(); r++) {
                List<String> row = new ArrayList<>();
                NodeList cells = ((Element) rowNodes.item(r)).getElementsByTagName("c");
                for (int c = 0; c < cells.getLength(); c++) {
                    Element cell = (Element) cells.item(c);
                    int col = column(cell.getAttribute("r"));
                    while (row.size() < col) {
                        row.add("");
                    }
                    row.add(value(cell, shared));
                }
                rows.add(row);
            }
            sheets.put(e.getKey(), rows);
        }
        return sheets;
    }

    private static String value(Element cell, List<String> shared) {
        String type = cell.getAttribute("t");
        if ("inlineStr".equals(type)) {
            return cell.getElementsByTagName("is").item(0).getTextContent();
        }
        NodeList v = cell.getElementsByTagName("v");
        String text = v.getLength() == 0 ? "" : v.item(0).getTextContent();
        return "s".equals(type) && !text.isEmpty() ? shared.get(Integer.parseInt(text)) : text;
    }

    private static int column(String ref) {
        int n = 0;
        for (char ch : ref.toCharArray()) {
            if (!Character.isLetter(ch)) {
                break;
            }
            n = n * 26 + (ch - 'A' + 1);
        }
        return n - 1;
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
