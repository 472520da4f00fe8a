package org.wanglai.credit.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;

import org.osgi.service.component.annotations.Component;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.web.WebPage;
import org.wanglai.api.web.WebUser;

/**
 * The credit control page: monitor with utilisation bars, customer credit card with the score explanation chart,
 * pending limit approvals, alerts, external score import and the check log. Its texts come from the resource
 * bundles {@code pages/credit_zh.properties} and {@code pages/credit_en.properties}, put into the script where it
 * says {@code STRINGS}.
 */
@Component(service = WebPage.class)
public final class CreditPage implements WebPage {
    private static final String PLACEHOLDER = "/*STRINGS*/{}";
    private final String script;

    public CreditPage() {
        String js = WebPage.resource(CreditPage.class, "/pages/credit.js");
        if (!js.contains(PLACEHOLDER)) {
            throw new IllegalStateException("pages/credit.js lacks the strings placeholder " + PLACEHOLDER);
        }
        Properties zh = properties("/pages/credit_zh.properties");
        Properties en = properties("/pages/credit_en.properties");
        if (!zh.keySet().equals(en.keySet())) {
            TreeSet<Object> diff = new TreeSet<>(zh.keySet());
            diff.addAll(en.keySet());
            diff.removeIf(k -> zh.containsKey(k) && en.containsKey(k));
            throw new IllegalStateException("credit page strings differ between zh and en: " + diff);
        }
        this.script = js.replace(PLACEHOLDER, "{ zh: " + json(zh) + ", en: " + json(en) + " }");
    }

    private static Properties properties(String resource) {
        Properties p = new Properties();
        try (InputStream in = CreditPage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource.substring(1) + " missing from the credit bundle");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** A JSON object of the properties, keys sorted. */
    static String json(Properties p) {
        StringBuilder b = new StringBuilder("{");
        for (String k : new TreeSet<>(p.stringPropertyNames())) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(quote(k)).append(": ").append(quote(p.getProperty(k)));
        }
        return b.append('}').toString();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<' -> b.append("\\u003c"); // never "</script>" or "<!--" in a module source
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public String id() {
        return "credit";
    }

    @Override
    public LocalizedText title() {
        return LocalizedText.of("信用控制", "Credit control");
    }

    @Override
    public String role() {
        return WebUser.VIEWER;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String group() {
        return "credit";
    }

    @Override
    public String script() {
        return script;
    }
}
