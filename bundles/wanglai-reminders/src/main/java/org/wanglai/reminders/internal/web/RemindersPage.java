package org.wanglai.reminders.internal.web;

import org.osgi.service.component.annotations.Component;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.web.WebPage;
import org.wanglai.api.web.WebUser;

/** The reminders page: ageing with drill-down to the customer payment card, run review and approval, inbox. */
@Component(service = WebPage.class)
public final class RemindersPage implements WebPage {
    private final String script;

    public RemindersPage() {
        this.script = WebPage.resource(RemindersPage.class, "/pages/reminders.js");
    }

    @Override
    public String id() {
        return "reminders";
    }

    @Override
    public LocalizedText title() {
        return LocalizedText.of("账龄与催款", "Ageing and reminders");
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
        return "reminders";
    }

    @Override
    public String script() {
        return script;
    }
}
