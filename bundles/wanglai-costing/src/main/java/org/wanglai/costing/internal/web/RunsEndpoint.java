package org.wanglai.costing.internal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.costing.AllocationRun;
import org.wanglai.api.costing.CostAnalysis;
import org.wanglai.api.costing.ReconciliationException;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;

/**
 * {@code GET /wanglai/api/costing/runs[?from=&to=]}: allocation history with reconciliation (viewer).
 * {@code POST} with {@code {"month":"2025-03"}} or {@code {"from":"2025-01","to":"2025-06"}}: allocates the month(s)
 * in order and stops at the first that does not reconcile (accountant); 409 {@code costing.not-reconciled} names
 * the pools.
 */
@Component(service = ApiEndpoint.class)
public final class RunsEndpoint implements ApiEndpoint {
    private static final int MAX_MONTHS = 60;

    private final CostAnalysis costing;

    @Activate
    public RunsEndpoint(@Reference CostAnalysis costing) {
        this.costing = costing;
    }

    @Override
    public String path() {
        return "costing/runs";
    }

    @Override
    public String role(String httpMethod) {
        return switch (httpMethod) {
            case "GET" -> WebUser.VIEWER;
            case "POST" -> WebUser.ACCOUNTANT;
            default -> null;
        };
    }

    @Override
    public Object handle(ApiRequest request) {
        if ("GET".equals(request.method())) {
            List<Object> out = new ArrayList<>();
            for (AllocationRun r : costing.runs(optional(request.param("from"), "from"),
                    optional(request.param("to"), "to"))) {
                out.add(CostingEndpoints.run(r));
            }
            return out;
        }
        CostingEndpoints.AllocateBody body = request.body(CostingEndpoints.AllocateBody.class);
        var first = body.month() != null ? CostingEndpoints.month(body.month(), "month", null)
                : CostingEndpoints.month(body.from(), "from", null);
        var last = body.month() != null ? first : CostingEndpoints.month(body.to(), "to", null);
        if (last.isBefore(first) || first.plusMonths(MAX_MONTHS).isBefore(last)) {
            throw new org.wanglai.api.ValidationException("to", "must be from 'from' up to " + MAX_MONTHS + " months later");
        }
        List<Object> out = new ArrayList<>();
        for (var m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            try {
                out.add(CostingEndpoints.run(costing.allocate(m, request.user().name())));
            } catch (ReconciliationException e) {
                throw new ApiException(409, "costing.not-reconciled",
                        (request.locale().getLanguage().equals("zh") ? m + " 分摊未能平衡，未写入任何数据：" : m + " does not reconcile, nothing was written: ")
                                + String.join("; ", e.problems()), List.copyOf(e.problems()));
            }
        }
        return Map.of("runs", out);
    }

    private static java.time.YearMonth optional(String text, String field) {
        return text == null || text.isBlank() ? null : CostingEndpoints.month(text, field, null);
    }
}
