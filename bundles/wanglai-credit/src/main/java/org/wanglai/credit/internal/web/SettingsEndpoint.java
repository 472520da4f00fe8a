package org.wanglai.credit.internal.web;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationException;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.credit.internal.CreditService;

/**
 * {@code /wanglai/api/credit/settings}, administrators only: GET {@code /categories} every customer category with its
 * default limit (and currency), watch percent and "no check"; POST {@code /categories/<code>}
 * {@code {defaultLimit, currency, watchPercent, noCheck, reason}} sets them; POST {@code /customers/<code>/no-check}
 * {@code {noCheck, reason}} marks one customer; GET {@code /history?max=100} the settings changes, newest first.
 */
@Component(service = ApiEndpoint.class)
public final class SettingsEndpoint implements ApiEndpoint {
    private final CreditService credit;

    public record CategoryBody(BigDecimal defaultLimit, String currency, BigDecimal watchPercent, Boolean noCheck,
            String reason) {
    }

    public record NoCheckBody(Boolean noCheck, String reason) {
    }

    @Activate
    public SettingsEndpoint(@Reference CreditService credit) {
        this.credit = credit;
    }

    @Override
    public String path() {
        return "credit/settings";
    }

    @Override
    public String role(String method) {
        return switch (method) {
            case "GET", "POST" -> WebUser.ADMIN;
            default -> null;
        };
    }

    @Override
    public Object handle(ApiRequest r) {
        String[] parts = r.pathRemainder().isEmpty() ? new String[0] : r.pathRemainder().split("/");
        if ("GET".equals(r.method())) {
            if (parts.length == 1 && "categories".equals(parts[0])) {
                return credit.categorySettings().stream().map(SettingsEndpoint::category).toList();
            }
            if (parts.length == 1 && "history".equals(parts[0])) {
                return credit.settingsHistory(max(r.param("max"))).stream().map(h -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("subject", h.subject());
                    m.put("code", h.subjectCode() == null ? "" : h.subjectCode());
                    m.put("setting", h.setting());
                    m.put("oldValue", h.oldValue() == null ? "" : h.oldValue());
                    m.put("newValue", h.newValue() == null ? "" : h.newValue());
                    m.put("by", h.changedBy());
                    m.put("at", h.changedAt().toString());
                    m.put("reason", h.reason() == null ? "" : h.reason());
                    return m;
                }).toList();
            }
            throw new ApiException(404, "credit.unknown-action", "use GET /credit/settings/(categories|history)");
        }
        String user = r.user().name();
        if (parts.length == 2 && "categories".equals(parts[0])) {
            CategoryBody b = r.body(CategoryBody.class);
            return category(credit.setCategorySettings(parts[1], b.defaultLimit(), b.currency(), b.watchPercent(),
                    b.noCheck(), b.reason(), user));
        }
        if (parts.length == 3 && "customers".equals(parts[0]) && "no-check".equals(parts[2])) {
            NoCheckBody b = r.body(NoCheckBody.class);
            if (b.noCheck() == null) {
                throw new ValidationException("noCheck", "is required (true or false)");
            }
            long id = credit.customerId(parts[1]).orElseThrow(() -> new NotFoundException("customer", parts[1]));
            credit.setNoCheck(id, b.noCheck(), b.reason(), user);
            return Map.of("customer", parts[1], "noCheck", b.noCheck(), "status",
                    credit.exposure(id).map(e -> e.status().name()).orElse(""));
        }
        throw new ApiException(404, "credit.unknown-action",
                "use POST /credit/settings/categories/<code> or /credit/settings/customers/<code>/no-check");
    }

    private static int max(String s) {
        if (s == null || s.isBlank()) {
            return 100;
        }
        try {
            int n = Integer.parseInt(s.trim());
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ValidationException("max", "must be a number from 1 to 1000");
    }

    private static Map<String, Object> category(CreditService.CategorySettings c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", c.code());
        m.put("nameZh", c.nameZh() == null ? "" : c.nameZh());
        m.put("nameEn", c.nameEn() == null ? "" : c.nameEn());
        m.put("defaultLimit", c.defaultLimit());
        m.put("watchPercent", c.watchPercent());
        m.put("hostWatchPercent", c.hostWatchPercent());
        m.put("noCheck", c.noCheck());
        m.put("changedBy", c.changedBy() == null ? "" : c.changedBy());
        m.put("changedAt", c.changedAt() == null ? "" : c.changedAt().toString());
        m.put("reason", c.reason() == null ? "" : c.reason());
        return m;
    }
}
