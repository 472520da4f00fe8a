package org.wanglai.web.internal;

import java.util.Locale;

/** The two languages of the user interface. */
public final class Locales {
    public static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    public static final Locale EN = Locale.ENGLISH;

    private Locales() {
    }

    /** {@code zh-CN} or {@code en}, or null when {@code tag} is neither. */
    public static Locale parse(String tag) {
        if ("zh-CN".equalsIgnoreCase(tag) || "zh".equalsIgnoreCase(tag)) {
            return ZH;
        }
        if ("en".equalsIgnoreCase(tag) || "en-US".equalsIgnoreCase(tag) || "en-GB".equalsIgnoreCase(tag)) {
            return EN;
        }
        return null;
    }

    /** The language a browser prefers among ours; Chinese unless it asks for English first. */
    public static Locale fromAcceptLanguage(String header) {
        if (header != null) {
            for (String part : header.split(",")) {
                String tag = part.split(";")[0].trim();
                if (tag.regionMatches(true, 0, "zh", 0, 2)) {
                    return ZH;
                }
                if (tag.regionMatches(true, 0, "en", 0, 2)) {
                    return EN;
                }
            }
        }
        return ZH;
    }

    public static String tag(Locale l) {
        return "zh".equals(l.getLanguage()) ? "zh-CN" : "en";
    }
}
