package org.wanglai.web.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The platform's own user-facing messages, from {@code messages.properties} (en) and {@code messages_zh.properties}. */
public final class Messages {

    private static final String BUNDLE = "org.wanglai.web.internal.messages";
    private final ClassLoader loader;

    public Messages(ClassLoader loader) {
        this.loader = loader;
    }

    public String get(Locale locale, String key, Object... args) {
        Locale l = locale != null && "zh".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT;
        try {
            ResourceBundle b = ResourceBundle.getBundle(BUNDLE, l, loader,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            String pattern = b.getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, l).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
