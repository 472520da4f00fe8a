package org.wanglai.classification.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/** The user-facing texts of the classification API, from {@code messages_en.properties} and {@code messages_zh.properties}. */
final class Messages {
    private final Properties en;
    private final Properties zh;

    Messages() {
        this.en = load("messages_en.properties");
        this.zh = load("messages_zh.properties");
    }

    private static Properties load(String name) {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
        return p;
    }

    /** The message {@code key} in the request's language (zh for Chinese, en otherwise). */
    String get(Locale locale, String key, Object... args) {
        boolean zhLang = locale != null && "zh".equals(locale.getLanguage());
        String pattern = (zhLang ? zh : en).getProperty(key);
        if (pattern == null) {
            throw new IllegalStateException("missing message " + key);
        }
        return new MessageFormat(pattern, zhLang ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH).format(args);
    }
}
