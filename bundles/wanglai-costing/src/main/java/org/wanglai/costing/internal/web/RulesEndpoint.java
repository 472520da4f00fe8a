package org.wanglai.costing.internal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.costing.AllocationRule;
import org.wanglai.api.costing.CostAnalysis;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;

/**
 * {@code GET /wanglai/api/costing/rules}: the allocation rules (viewer). {@code PUT} with {@code {"rules":[{"poolCode":
 * "SUPPORT","categoryCode":"03","driver":"DISPUTES","channelCode":null,"regionCode":null}, ...]}}: replaces them all
 * after validation; a 400 lists every problem by rule number and field (admin).
 */
@Component(service = ApiEndpoint.class)
public final class RulesEndpoint implements ApiEndpoint {

    private final CostAnalysis costing;

    @Activate
    public RulesEndpoint(@Reference CostAnalysis costing) {
        this.costing = costing;
    }

    @Override
    public String path() {
        return "costing/rules";
    }

    @Override
    public String role(String httpMethod) {
        return switch (httpMethod) {
            case "GET" -> WebUser.VIEWER;
            case "PUT" -> WebUser.ADMIN;
            default -> null;
        };
    }

    @Override
    public Object handle(ApiRequest request) {
        List<AllocationRule> rules = "PUT".equals(request.method())
                ? costing.saveRules(CostingEndpoints.rules(request.body(CostingEndpoints.RulesBody.class)), request.user().name())
                : costing.rules();
        List<Object> out = new ArrayList<>();
        for (AllocationRule r : rules) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("poolCode", r.poolCode());
            x.put("categoryCode", r.categoryCode());
            x.put("driver", r.driver().name());
            x.put("channelCode", r.channelCode());
            x.put("regionCode", r.regionCode());
            out.add(x);
        }
        return Map.of("rules", out);
    }
}
