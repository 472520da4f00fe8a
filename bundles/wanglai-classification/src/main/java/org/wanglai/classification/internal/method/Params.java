package org.wanglai.classification.internal.method;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.wanglai.api.ValidationException;

/** The settings of a dimension's method ({@code key=value} lines), read with checks that name the setting. */
public final class Params {
    private final String dimension;
    private final Map<String, String> values;

    public Params(String dimension, String text) {
        this.dimension = dimension;
        Properties p = new Properties();
        if (text != null) {
            try {
                p.load(new StringReader(text));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> m.put(k.toString().trim(), v.toString().trim()));
        this.values = m;
    }

    public static Params of(String dimension, Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return new Params(dimension, b.toString());
    }

    public String text(String key, String fallback) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? fallback : v;
    }

    public BigDecimal decimal(String key, String fallback) {
        String v = text(key, fallback);
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new ValidationException(dimension + "." + key, "'" + v + "' is not a number");
        }
    }

    public int integer(String key, int fallback, int min, int max) {
        String v = text(key, String.valueOf(fallback));
        int i;
        try {
            i = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ValidationException(dimension + "." + key, "'" + v + "' is not a whole number");
        }
        if (i < min || i > max) {
            throw new ValidationException(dimension + "." + key, "must be between " + min + " and " + max + ", was " + i);
        }
        return i;
    }

    /** Settings whose key starts with {@code prefix}, keyed by the rest of the key, in key order. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        return m;
    }

    public Map<String, String> all() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public String dimension() {
        return dimension;
    }
}
