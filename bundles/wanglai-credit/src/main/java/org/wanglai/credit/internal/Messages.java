package org.wanglai.credit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.wanglai.api.LocalizedText;

/** The user-facing texts of this bundle, from {@code messages_en.properties} and {@code messages_zh.properties}. */
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

    LocalizedText text(String key, Object... args) {
        return LocalizedText.of(format(zh, key, args, Locale.SIMPLIFIED_CHINESE), format(en, key, args, Locale.ENGLISH));
    }

    private static String format(Properties p, String key, Object[] args, Locale locale) {
        String pattern = p.getProperty(key);
        if (pattern == null) {
            throw new IllegalStateException("missing message " + key);
        }
        return new MessageFormat(pattern, locale).format(args);
    }
}
