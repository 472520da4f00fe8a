package org.wanglai.it.web.sample;

import org.osgi.service.component.annotations.Component;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.web.WebPage;
import org.wanglai.api.web.WebUser;

/** A capability page that embeds the generic report view. */
@Component(service = WebPage.class)
public final class SamplePage implements WebPage {

    @Override
    public String id() {
        return "web-sample";
    }

    @Override
    public LocalizedText title() {
        return LocalizedText.of("示例页面", "Sample page");
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
        return "sample";
    }

    @Override
    public String script() {
        return WebPage.resource(SamplePage.class, "/pages/web-sample.js");
    }
}
