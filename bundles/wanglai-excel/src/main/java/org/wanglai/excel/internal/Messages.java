package org.wanglai.excel.internal;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundle's user-facing texts in English and Simplified Chinese ({@code messages*.properties} next to this class).
 *
 * <p>Import problems travel in {@link org.wanglai.api.ValidationError} with an English message (the API has no
 * locale when parsing). {@link #localize(String, Locale)} recognises such a message by its English pattern and renders
 * the same key and arguments in the reader's language; messages from elsewhere are returned unchanged.
 */
final class Messages {
    private static final String BASE = "org.wanglai.excel.internal.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle en;
    private final ResourceBundle zh;
    private final List<Recogniser> recognisers;

    Messages() {
        ClassLoader loader = Messages.class.getClassLoader();
        this.en = ResourceBundle.getBundle(BASE, Locale.ROOT, loader, NO_FALLBACK);
        this.zh = ResourceBundle.getBundle(BASE, Locale.SIMPLIFIED_CHINESE, loader, NO_FALLBACK);
        List<Recogniser> r = new ArrayList<>();
        for (String key : Collections.list(en.getKeys())) {
            if (key.startsWith("error.") || key.startsWith("file.")) {
                r.add(new Recogniser(key, regexOf(en.getString(key))));
            }
        }
        this.recognisers = List.copyOf(r);
    }

    static boolean chinese(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage());
    }

    String text(Locale locale, String key, Object... args) {
        ResourceBundle b = chinese(locale) ? zh : en;
        String pattern = b.getString(key);
        return args.length == 0 ? unquote(pattern) : new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    String english(String key, Object... args) {
        return text(Locale.ROOT, key, args);
    }

    /** Both languages, for file-level problems raised before any locale is known. */
    String bilingual(String key, Object... args) {
        String e = english(key, args);
        String c = text(Locale.SIMPLIFIED_CHINESE, key, args);
        return e.equals(c) ? e : e + " / " + c;
    }

    /** An English import problem rendered in {@code locale}; unknown messages come back as they are. */
    String localize(String englishMessage, Locale locale) {
        if (!chinese(locale) || englishMessage == null) {
            return englishMessage;
        }
        for (Recogniser r : recognisers) {
            Matcher m = r.pattern.matcher(englishMessage);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = m.group(i + 1);
                }
                return text(locale, r.key, args);
            }
        }
        return englishMessage;
    }

    /** A MessageFormat pattern whose arguments are plain strings, as a regex with one group per argument. */
    private static Pattern regexOf(String pattern) {
        String plain = pattern.replace("''", "'");
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("\\{(\\d)}").matcher(plain);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(plain.substring(last, m.start()))).append("(.*)");
            last = m.end();
        }
        regex.append(Pattern.quote(plain.substring(last)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String unquote(String pattern) {
        return pattern.replace("''", "'");
    }

    private record Recogniser(String key, Pattern pattern) {
    }
}
