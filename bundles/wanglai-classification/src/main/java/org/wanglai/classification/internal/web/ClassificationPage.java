package org.wanglai.classification.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.web.WebPage;
import org.wanglai.api.web.WebUser;

/** The customer classification page: dashboard, rules editor, preview and apply, history, category tree, customer card. */
@Component(service = WebPage.class)
public final class ClassificationPage implements WebPage {

    private final String script;

    public ClassificationPage() {
        try (InputStream in = ClassificationPage.class.getResourceAsStream("/pages/classification.js")) {
            if (in == null) {
                throw new IllegalStateException("pages/classification.js missing from the classification bundle");
            }
            this.script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String id() {
        return "classification";
    }

    @Override
    public LocalizedText title() {
        return LocalizedText.of("客户分类", "Customer classification");
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
        return "classification";
    }

    @Override
    public String script() {
        return script;
    }
}
