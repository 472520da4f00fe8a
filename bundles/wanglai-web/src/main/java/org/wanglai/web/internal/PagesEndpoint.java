package org.wanglai.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebPage;
import org.wanglai.api.web.WebUser;

/** {@code GET /wanglai/api/pages}: the capability pages the user may open and their navigation groups. */
@Component(service = ApiEndpoint.class)
public final class PagesEndpoint implements ApiEndpoint {

    private final PageRegistry registry;

    @Activate
    public PagesEndpoint(@Reference PageRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String path() {
        return "pages";
    }

    @Override
    public String role(String httpMethod) {
        return "GET".equals(httpMethod) ? WebUser.VIEWER : null;
    }

    @Override
    public Object handle(ApiRequest request) {
        List<Map<String, Object>> pages = new ArrayList<>();
        Set<String> groups = new LinkedHashSet<>();
        for (WebPage p : registry.visibleTo(request.user())) {
            pages.add(Map.of("id", p.id(), "title", p.title().in(request.locale()), "group", p.group(),
                    "order", p.order(), "script", "/wanglai/pages/" + p.id() + ".js"));
            groups.add(p.group());
        }
        return Map.of("pages", pages, "groups", new ArrayList<>(groups));
    }
}
