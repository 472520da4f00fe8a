package org.wanglai.classification.internal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.Customer;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationException;
import org.wanglai.api.classification.CustomerExplanation;
import org.wanglai.api.classification.HistoryEntry;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.classification.internal.Catalog;
import org.wanglai.classification.internal.ClassificationEngine;

/**
 * {@code /wanglai/api/classification/customers/<code>}: {@code GET} the customer's classification card (viewer):
 * metrics, and per dimension the current and computed value with the reason and any lock; {@code GET
 * /<code>/history} every change of its values, newest first (viewer). Accountant: {@code PUT /<code>/locks/<dimension>
 * {"value","reason"}} sets a manual override lock, {@code DELETE /<code>/locks/<dimension>} removes it; both are
 * written to the history.
 */
@Component(service = ApiEndpoint.class)
public final class CustomersEndpoint implements ApiEndpoint {
    private final ClassificationEngine engine;
    private final HostCustomers customers;

    public record LockBody(String value, String reason) {
    }

    @Activate
    public CustomersEndpoint(@Reference ClassificationEngine engine, @Reference HostCustomers customers) {
        this.engine = engine;
        this.customers = customers;
    }

    @Override
    public String path() {
        return "classification/customers";
    }

    @Override
    public String role(String httpMethod) {
        return switch (httpMethod) {
            case "GET" -> WebUser.VIEWER;
            case "PUT", "DELETE" -> WebUser.ACCOUNTANT;
            default -> null;
        };
    }

    @Override
    public Object handle(ApiRequest r) {
        String[] p = ClsWeb.parts(r);
        if (p.length == 0) {
            throw new ValidationException("customer", ClsWeb.MESSAGES.get(r.locale(), "customer.code"));
        }
        String code = ClsWeb.customerCode(r, p[0]);
        Customer c = customers.findByCode(code)
                .orElseThrow(() -> new NotFoundException("customer", code));
        if ("GET".equals(r.method()) && p.length == 1) {
            return card(c, r);
        }
        if ("GET".equals(r.method()) && p.length == 2 && "history".equals(p[1])) {
            return history(c.id(), engine.catalog(), r.locale());
        }
        if (p.length == 3 && "locks".equals(p[1])) {
            String dim = engine.catalog().require(ClsWeb.dimensionId(r, p[2])).id();
            if ("PUT".equals(r.method())) {
                LockBody b = r.body(LockBody.class);
                if (b.reason() == null || b.reason().isBlank()) {
                    throw new ValidationException("reason", ClsWeb.MESSAGES.get(r.locale(), "lock.reason"));
                }
                engine.lock(c.id(), dim, b.value() == null ? null : b.value().trim(), b.reason().trim(), r.user().name());
                return card(c, r);
            }
            if ("DELETE".equals(r.method())) {
                engine.unlock(c.id(), dim, r.user().name());
                return card(c, r);
            }
        }
        throw new NotFoundException("path", r.pathRemainder());
    }

    private Map<String, Object> card(Customer c, ApiRequest r) {
        Locale locale = r.locale();
        java.time.LocalDate asOf = ClsWeb.date(r, r.param("asOf"), java.time.LocalDate.now());
        CustomerExplanation e = engine.explain(c.id(), asOf);
        Catalog catalog = engine.catalog();
        List<Object> dims = new ArrayList<>();
        for (CustomerExplanation.Explained x : e.dimensions()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("dimension", x.dimension());
            d.put("name", catalog.find(x.dimension()).map(row -> ClsWeb.dimensionName(row, locale)).orElse(x.dimension()));
            d.put("method", catalog.find(x.dimension()).map(row -> row.method()).orElse(null));
            d.put("current", x.current());
            d.put("currentLabel", ClsWeb.label(catalog, x.dimension(), x.current(), locale));
            d.put("computed", x.computed());
            d.put("computedLabel", ClsWeb.label(catalog, x.dimension(), x.computed(), locale));
            d.put("reason", x.reason());
            d.put("locked", x.locked());
            d.put("lockReason", x.lockReason());
            dims.add(d);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customerId", e.customerId());
        out.put("code", e.code());
        out.put("name", e.name());
        out.put("asOf", e.asOf());
        out.put("windowFrom", e.windowFrom());
        out.put("metrics", e.metrics());
        out.put("dimensions", dims);
        out.put("history", history(c.id(), catalog, locale));
        return out;
    }

    private List<Object> history(long customerId, Catalog catalog, Locale locale) {
        List<Object> out = new ArrayList<>();
        for (HistoryEntry h : engine.history(customerId)) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", h.id());
            x.put("dimension", h.dimension());
            x.put("name", catalog.find(h.dimension()).map(row -> ClsWeb.dimensionName(row, locale)).orElse(h.dimension()));
            x.put("from", h.oldValue());
            x.put("fromLabel", ClsWeb.label(catalog, h.dimension(), h.oldValue(), locale));
            x.put("to", h.newValue());
            x.put("toLabel", ClsWeb.label(catalog, h.dimension(), h.newValue(), locale));
            x.put("reason", h.reason());
            x.put("runId", h.runId());
            x.put("user", h.user());
            x.put("changedAt", h.changedAt() == null ? null : h.changedAt().toString());
            out.add(x);
        }
        return out;
    }
}
