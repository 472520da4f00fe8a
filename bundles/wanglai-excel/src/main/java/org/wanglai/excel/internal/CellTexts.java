package org.wanglai.excel.internal;

/** Text rules shared by the export, the error workbook and the template. */
final class CellTexts {
    /** Excel's column width unit is 1/256 of a character; wider than this helps no one. */
    static final int MAX_WIDTH_CHARS = 60;
    static final int MIN_WIDTH_CHARS = 6;

    private CellTexts() {
    }

    /**
     * Whether a text would be taken as a formula (or a DDE/command prefix) by a spreadsheet when typed or re-imported:
     * such cells are written with Excel's quote prefix so that they stay text.
     */
    static boolean needsQuotePrefix(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Approximate display width in characters: East Asian wide characters count twice. */
    static int displayWidth(String text) {
        if (text == null) {
            return 0;
        }
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }

    /** Column width in Excel units for a text of {@code chars} display characters, with padding and bounds. */
    static int columnWidth(int chars) {
        int c = Math.max(MIN_WIDTH_CHARS, Math.min(MAX_WIDTH_CHARS, chars + 2));
        return c * 256;
    }

    /**
     * A valid sheet name from a title: at most 31 characters, none of {@code []:*?/\}, not starting or ending with an
     * apostrophe, not blank, not Excel's reserved "History".
     */
    static String sheetName(String title, String fallback) {
        StringBuilder b = new StringBuilder();
        String t = title == null ? "" : title;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ("[]:*?/\\".indexOf(c) >= 0 || Character.isISOControl(c)) {
                b.append('_');
            } else {
                b.append(c);
            }
        }
        String name = b.toString().strip();
        while (name.startsWith("'")) {
            name = name.substring(1);
        }
        if (name.length() > 31) {
            int end = 31;
            if (Character.isHighSurrogate(name.charAt(end - 1))) {
                end--;
            }
            name = name.substring(0, end);
        }
        while (name.endsWith("'")) {
            name = name.substring(0, name.length() - 1);
        }
        name = name.strip();
        if (name.isEmpty() || name.equalsIgnoreCase("History")) {
            return fallback;
        }
        return name;
    }
}
