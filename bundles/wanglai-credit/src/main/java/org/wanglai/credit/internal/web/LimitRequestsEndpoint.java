package org.wanglai.credit.internal.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.credit.CreditAdmin.LimitChange;
import org.wanglai.api.credit.CreditAdmin.LimitRequest;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.credit.internal.CreditService;

/**
 * {@code /wanglai/api/credit/limit-requests}: GET the limit raises waiting for approval (accountants and approvers);
 * POST
 * {@code /<id>/approve} or {@code /<id>/reject} with {@code {"note": ...}} needs the approver role (setting
 * {@code approverRole}, default {@code credit-approver}), and the approver must be another user than the requester.
 */
@Component(service = ApiEndpoint.class)
public final class LimitRequestsEndpoint implements ApiEndpoint {
    private final CreditService credit;

    public record NoteBody(String note) {
    }

    @Activate
    public LimitRequestsEndpoint(@Reference CreditService credit) {
        this.credit = credit;
    }

    @Override
    public String path() {
        return "credit/limit-requests";
    }

    @Override
    public String role(String method) {
        return switch (method) {
            case "GET" -> WebUser.VIEWER; // narrowed in handle: accountants and approvers
            case "POST" -> credit.approverRole();
            default -> null;
        };
    }

    @Override
    public Object handle(ApiRequest r) {
        if ("GET".equals(r.method())) {
            if (!r.user().hasRole(WebUser.ACCOUNTANT) && !r.user().hasRole(credit.approverRole())) {
                throw ApiException.forbidden("auth.forbidden", "the pending limit raises are for accountants and the role '"
                        + credit.approverRole() + "'");
            }
            return credit.pendingRequests().stream().map(p -> {
                Map<String, Object> m = request(p);
                m.put("customer", String.valueOf(credit.code(p.customerId())));
                return m;
            }).toList();
        }
        String[] parts = r.pathRemainder().split("/");
        if (parts.length != 2) {
            throw new ApiException(404, "credit.unknown-action", "use POST /credit/limit-requests/<id>/(approve|reject)");
        }
        long id;
        try {
            id = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("credit.bad-request-id", "not a request number: '" + parts[0] + "'");
        }
        NoteBody b = r.body(NoteBody.class);
        String user = r.user().name();
        switch (parts[1]) {
            case "approve": {
                LimitChange c = credit.approve(id, user, b.note());
                return Map.of("state", c.state(), "requestId", id, "oldLimit", c.oldLimit(), "newLimit", c.newLimit());
            }
            case "reject":
                credit.reject(id, user, b.note());
                return Map.of("state", "REJECTED", "requestId", id);
            default:
                throw new ApiException(404, "credit.unknown-action", "unknown action '" + parts[1] + "'");
        }
    }

    static Map<String, Object> request(LimitRequest p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("customerId", p.customerId());
        m.put("oldLimit", p.oldLimit());
        m.put("newLimit", p.newLimit());
        m.put("requestedBy", p.requestedBy());
        m.put("requestedAt", p.requestedAt().toString());
        m.put("reason", p.reason() == null ? "" : p.reason());
        return m;
    }
}
