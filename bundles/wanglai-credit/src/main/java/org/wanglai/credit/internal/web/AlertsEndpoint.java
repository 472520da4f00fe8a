package org.wanglai.credit.internal.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.ValidationException;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.credit.internal.CreditService;

/**
 * {@code /wanglai/api/credit/alerts}: GET the open (unacknowledged) alerts, newest first ({@code ?max=200});
 * POST {@code /<id>/acknowledge} (accountants) closes one, recording who and when.
 */
@Component(service = ApiEndpoint.class)
public final class AlertsEndpoint implements ApiEndpoint {
    private final CreditService credit;

    @Activate
    public AlertsEndpoint(@Reference CreditService credit) {
        this.credit = credit;
    }

    @Override
    public String path() {
        return "credit/alerts";
    }

    @Override
    public String role(String method) {
        return switch (method) {
            case "GET" -> WebUser.VIEWER;
            case "POST" -> WebUser.ACCOUNTANT;
            default -> null;
        };
    }

    @Override
    public Object handle(ApiRequest r) {
        if ("GET".equals(r.method())) {
            int max = 200;
            String m = r.param("max");
            if (m != null && !m.isBlank()) {
                try {
                    max = Integer.parseInt(m.trim());
                } catch (NumberFormatException e) {
                    throw new ValidationException("max", "must be a number from 1 to 1000");
                }
                if (max < 1 || max > 1000) {
                    throw new ValidationException("max", "must be a number from 1 to 1000");
                }
            }
            return credit.openAlerts(max).stream().map(a -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("id", a.id());
                x.put("customer", String.valueOf(credit.code(a.customerId())));
                x.put("type", a.type());
                x.put("createdAt", a.createdAt().toString());
                x.put("message", a.message().in(r.locale()));
                return x;
            }).toList();
        }
        String[] parts = r.pathRemainder().split("/");
        if (parts.length != 2 || !"acknowledge".equals(parts[1])) {
            throw new ApiException(404, "credit.unknown-action", "use POST /credit/alerts/<id>/acknowledge");
        }
        long id;
        try {
            id = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("credit.bad-alert-id", "not an alert number: '" + parts[0] + "'");
        }
        credit.acknowledge(id, r.user().name());
        return Map.of("acknowledged", id);
    }
}
