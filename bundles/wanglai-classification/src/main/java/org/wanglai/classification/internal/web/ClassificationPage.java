package org.wanglai.classification.internal.web;

import org.osgi.service.component.annotations.Component;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.web.WebPage;
import org.wanglai.api.web.WebUser;

/** The customer classification page: dashboard, rules editor, preview and apply, history, category tree, customer card. */
@Component(service = WebPage.class)
public final class ClassificationPage implements WebPage {

    private final String script;

    public ClassificationPage() {
        this.script = WebPage.resource(ClassificationPage.class, "/pages/classification.js");
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
