package org.wanglai.costing.internal.web;

import org.osgi.service.component.annotations.Component;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.web.WebPage;
import org.wanglai.api.web.WebUser;

/** The cost analysis page: pivot with drill-down and charts, whale curve, allocation runs and rules. */
@Component(service = WebPage.class)
public final class CostingPage implements WebPage {

    private final String script;

    public CostingPage() {
        this.script = WebPage.resource(CostingPage.class, "/pages/costing.js");
    }

    @Override
    public String id() {
        return "costing";
    }

    @Override
    public LocalizedText title() {
        return LocalizedText.of("客户成本分析", "Customer cost analysis");
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
        return "costing";
    }

    @Override
    public String script() {
        return script;
    }
}
