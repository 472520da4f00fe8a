package org.wanglai.credit.internal.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.CreditStatus;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationException;
import org.wanglai.api.credit.CreditAdmin.LimitChange;
import org.wanglai.api.credit.CreditExposure;
import org.wanglai.api.credit.ScoreExplanation;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.credit.internal.CreditService;

/**
 * {@code /wanglai/api/credit/customers}: GET the monitor ({@code ?status=HOLD&code=C1&max=100}), GET {@code /<code>}
 * the customer's credit card (limit, temporary increases, exposure split, status and its history, limit history, score
 * with every factor, grade, recommended limit). Accountants change things with POST {@code /<code>/limit},
 * {@code /<code>/temporary}, {@code /<code>/stop}, {@code /<code>/release} and {@code /<code>/score} (recompute);
 * the acting user is the signed-in user, every change is audited with its reason.
 */
@Component(service = ApiEndpoint.class)
public final class CustomersEndpoint implements ApiEndpoint {
    private static final int HISTORY = 50;
    private final CreditService credit;

    public record LimitBody(BigDecimal limit, String reason) {
    }

    public record TemporaryBody(BigDecimal amount, LocalDate validTo, String reason) {
    }

    public record ReasonBody(String reason) {
    }

    @Activate
    public CustomersEndpoint(@Reference CreditService credit) {
        this.credit = credit;
    }

    @Override
    public String path() {
        return "credit/customers";
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
        String[] parts = r.pathRemainder().isEmpty() ? new String[0] : r.pathRemainder().split("/");
        if ("GET".equals(r.method())) {
            if (parts.length == 0) {
                return monitor(r);
            }
            if (parts.length == 1) {
                return card(parts[0], r.locale());
            }
            throw new ApiException(404, "credit.unknown-action", "use GET /credit/customers/<code>");
        }
        if (parts.length != 2) {
            throw new ApiException(404, "credit.unknown-action",
                    "use POST /credit/customers/<code>/(limit|temporary|stop|release|score)");
        }
        long id = customer(parts[0]);
        String user = r.user().name();
        switch (parts[1]) {
            case "limit": {
                LimitBody b = r.body(LimitBody.class);
                if (b.limit() == null) {
                    throw new ValidationException("limit", "is required (0 = not checked)");
                }
                LimitChange c = credit.setLimit(id, b.limit(), user, b.reason());
                return Map.of("state", c.state(), "requestId", c.requestId() == null ? 0L : c.requestId(),
                        "oldLimit", c.oldLimit(), "newLimit", c.newLimit());
            }
            case "temporary": {
                TemporaryBody b = r.body(TemporaryBody.class);
                return Map.of("effectiveLimit", credit.addTemporaryIncrease(id, b.amount(), b.validTo(), user, b.reason()));
            }
            case "stop":
            case "release": {
                ReasonBody b = r.body(ReasonBody.class);
                credit.setStop(id, "stop".equals(parts[1]), b.reason(), user);
                return Map.of("status", credit.exposure(id).map(e -> e.status().name()).orElse(""));
            }
            case "score":
                return Map.of("scored", credit.recomputeScores(Optional.of(id)));
            default:
                throw new ApiException(404, "credit.unknown-action", "unknown action '" + parts[1] + "'");
        }
    }

    private long customer(String code) {
        return credit.customerId(code).orElseThrow(() -> new NotFoundException("customer", code));
    }

    private Object monitor(ApiRequest r) {
        CreditStatus status = null;
        String s = r.param("status");
        if (s != null && !s.isBlank() && !"ALL".equalsIgnoreCase(s)) {
            try {
                status = CreditStatus.valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("status", "must be ALL, OK, WATCH, HOLD, STOP or NO_CHECK");
            }
        }
        int max = 100;
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
        CreditService.MonitorPage page = credit.monitor(status, r.param("code"), max);
        return Map.of("matched", page.matched(), "customers", page.lines());
    }

    private Object card(String code, Locale locale) {
        long id = customer(code);
        CreditExposure e = credit.exposure(id).orElseThrow(() -> new NotFoundException("customer", code));
        CreditService.CardHistory h = credit.history(id, HISTORY);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("customer", Map.of("id", id, "code", code, "name", h.customer() == null ? code : h.customer().name(),
                "category", h.customer() == null || h.customer().categoryCode() == null ? ""
                        : h.customer().categoryCode()));
        card.put("status", e.status().name());
        card.put("limit", e.limit());
        card.put("exposure", Map.of("receivables", e.receivables(), "openOrders", e.openOrders(), "shippedNotInvoiced",
                e.shippedNotInvoiced(), "reserved", e.reserved(), "total", e.total()));
        card.put("utilisation", e.utilisation());
        card.put("overdue", e.overdue());
        card.put("oldestOverdueDays", e.oldestOverdueDays());
        card.put("temporaryIncreases", h.temporary().stream().map(t -> Map.of("amount", t.amount(), "currency",
                t.currency().trim(), "validFrom", t.validFrom(), "validTo", t.validTo(), "reason",
                t.reason() == null ? "" : t.reason(), "by", t.createdBy())).toList());
        card.put("statusHistory", h.statuses().stream().map(x -> Map.of("at", x.changedAt().toString(), "from",
                x.oldStatus() == null ? "" : x.oldStatus().trim(), "to", x.newStatus().trim(), "reason",
                x.reason() == null ? "" : x.reason(), "by", x.changedBy() == null ? "" : x.changedBy())).toList());
        card.put("limitHistory", h.limits().stream().map(x -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", x.changedAt().toString());
            m.put("kind", x.kind());
            m.put("oldLimit", x.oldLimit());
            m.put("newLimit", x.newLimit());
            m.put("currency", x.currency().trim());
            m.put("by", x.changedBy());
            m.put("approvedBy", x.approvedBy() == null ? "" : x.approvedBy());
            m.put("reason", x.reason() == null ? "" : x.reason());
            return m;
        }).toList());
        Optional<ScoreExplanation> score = credit.explain(id);
        card.put("score", score.map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("asOf", s.asOf());
            m.put("score", s.score());
            m.put("grade", s.grade());
            m.put("recommendedLimit", s.recommendedLimit());
            m.put("factors", s.factors().stream().map(f -> {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("id", f.id());
                fm.put("label", f.label().in(locale));
                fm.put("value", f.value());
                fm.put("contribution", f.contribution());
                return fm;
            }).toList());
            return m;
        }).orElse(null));
        card.put("pendingRequests", credit.pendingRequests().stream().filter(p -> p.customerId() == id)
                .map(LimitRequestsEndpoint::request).toList());
        return card;
    }
}
