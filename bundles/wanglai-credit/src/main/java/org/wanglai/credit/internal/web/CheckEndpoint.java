package org.wanglai.credit.internal.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.DocumentType;
import org.wanglai.api.Money;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.api.credit.CreditCheckRequest;
import org.wanglai.api.credit.CreditDecision;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.credit.internal.CreditService;

/**
 * {@code POST /wanglai/api/credit/check}: the credit check the host ERP calls before completing a document (with a
 * bearer token or a browser session). Any signed-in user may ask for a check, as the ERP asks for every user who
 * completes a document; a bypass needs the configured bypass role and a reason and is logged with both.
 */
@Component(service = ApiEndpoint.class)
public final class CheckEndpoint implements ApiEndpoint {
    private final CreditService credit;

    /** The request body; {@code documentNo} is optional (the log shows it), {@code bypass} defaults to false. */
    public record CheckBody(String customer, String documentType, Long documentId, String documentNo, BigDecimal amount,
            String currency, Boolean bypass, String bypassReason) {
    }

    @Activate
    public CheckEndpoint(@Reference CreditService credit) {
        this.credit = credit;
    }

    @Override
    public String path() {
        return "credit/check";
    }

    @Override
    public String role(String method) {
        return "POST".equals(method) ? WebUser.VIEWER : null;
    }

    @Override
    public Object handle(ApiRequest r) {
        if (!r.pathRemainder().isEmpty()) {
            throw new ApiException(404, "credit.unknown-action", "use POST /wanglai/api/credit/check");
        }
        CheckBody b = r.body(CheckBody.class);
        List<ValidationError> errors = new ArrayList<>();
        if (b.customer() == null || b.customer().isBlank()) {
            errors.add(new ValidationError(0, "customer", "is required"));
        }
        DocumentType type = null;
        if (b.documentType() == null || b.documentType().isBlank()) {
            errors.add(new ValidationError(0, "documentType", "is required (ORDER, SHIPMENT, INVOICE or REFUND)"));
        } else {
            try {
                type = DocumentType.valueOf(b.documentType().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new ValidationError(0, "documentType", "must be ORDER, SHIPMENT, INVOICE or REFUND, was '"
                        + b.documentType() + "'"));
            }
        }
        if (b.documentId() == null || b.documentId() <= 0) {
            errors.add(new ValidationError(0, "documentId", "is required and positive"));
        }
        if (b.amount() == null) {
            errors.add(new ValidationError(0, "amount", "is required"));
        }
        Currency currency = null;
        if (b.currency() == null || !b.currency().trim().matches("[A-Za-z]{3}")) {
            errors.add(new ValidationError(0, "currency", "is required as an ISO 4217 code, e.g. CNY"));
        } else {
            try {
                currency = Currency.getInstance(b.currency().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new ValidationError(0, "currency", "unknown currency '" + b.currency() + "'"));
            }
        }
        if (b.documentNo() != null && b.documentNo().length() > 30) {
            errors.add(new ValidationError(0, "documentNo", "must be at most 30 characters"));
        }
        boolean bypass = Boolean.TRUE.equals(b.bypass());
        if (bypass && (b.bypassReason() == null || b.bypassReason().isBlank())) {
            errors.add(new ValidationError(0, "bypassReason", "is required for a bypass"));
        }
        if (bypass && b.bypassReason() != null && b.bypassReason().length() > 400) {
            errors.add(new ValidationError(0, "bypassReason", "must be at most 400 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (bypass && !r.user().hasRole(credit.bypassRole())) {
            throw ApiException.forbidden("credit.bypass-role", "a bypass needs the role '" + credit.bypassRole() + "'");
        }
        String code = b.customer().trim();
        long customerId = credit.customerId(code).orElseThrow(() -> new NotFoundException("customer", code));
        CreditCheckRequest request = new CreditCheckRequest(customerId, type, b.documentId(), b.documentNo(),
                new Money(b.amount(), currency), r.user().name(), bypass, bypass ? b.bypassReason().trim() : null);
        CreditDecision d = credit.check(request, bypass, false);
        return answer(code, request, d, r.locale());
    }

    static Map<String, Object> answer(String code, CreditCheckRequest request, CreditDecision d, Locale locale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decision", d.outcome().name());
        m.put("passes", d.passes());
        m.put("reasons", d.reasons().stream().map(x -> Map.of("code", x.code(), "message", x.message().in(locale)))
                .toList());
        m.put("exposure", d.exposure());
        m.put("limit", d.limit());
        m.put("status", d.status().name());
        m.put("checkId", d.checkId());
        m.put("customer", code);
        m.put("documentType", request.documentType().name());
        m.put("documentId", request.documentId());
        m.put("amount", request.amount());
        return m;
    }
}
