package org.wanglai.classification.internal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.wanglai.classification.internal.Catalog;
import org.wanglai.classification.internal.ClsStore;
import org.wanglai.classification.internal.RuleAdmin;
import org.wanglai.classification.internal.db.ClsMapper;
import org.wanglai.classification.internal.method.Rules;

/**
 * {@code /wanglai/api/classification/rules/<dimension>}: {@code GET} the ordered rules (viewer). Admin: {@code POST
 * {"rules":[{"condition":"revenue_12m >= 1000000","value":"VIP"}, ...]}} checks them without saving and answers
 * {@code {"valid":..,"problems":[{"rule":2,"field":"condition","position":14,"reason":".."}]}}; {@code PUT} with the
 * same body replaces the list in one transaction, or answers 400 {@code classification.rules-invalid} whose details
 * are those problems.
 */
@Component(service = ApiEndpoint.class)
public final class RulesEndpoint implements ApiEndpoint {
    private final ClsStore store;
    private final RuleAdmin admin;

    public record RuleBody(String condition, String value) {
    }

    public record RulesBody(List<RuleBody> rules) {
    }

    @Activate
    public RulesEndpoint(@Reference ClsStore store, @Reference RuleAdmin admin) {
        this.store = store;
        this.admin = admin;
    }

    @Override
    public String path() {
        return "classification/rules";
    }

    @Override
    public String role(String httpMethod) {
        return switch (httpMethod) {
            case "GET" -> WebUser.VIEWER;
            case "POST", "PUT" -> WebUser.ADMIN;
            default -> null;
        };
    }

    @Override
    public Object handle(ApiRequest r) {
        String[] p = ClsWeb.parts(r);
        if (p.length != 1) {
            throw new NotFoundException("dimension", r.pathRemainder());
        }
        String dim = ClsWeb.dimensionId(r, p[0]);
        if ("GET".equals(r.method())) {
            return rules(store.read(Catalog::load), dim);
        }
        RulesBody body = r.body(RulesBody.class);
        if (body.rules() == null) {
            throw new ValidationException("rules", "are required");
        }
        List<RuleAdmin.RuleInput> input = new ArrayList<>();
        for (RuleBody b : body.rules()) {
            input.add(b == null ? new RuleAdmin.RuleInput(null, null) : new RuleAdmin.RuleInput(b.condition(), b.value()));
        }
        List<Rules.Problem> problems = admin.check(dim, input);
        if ("POST".equals(r.method())) {
            return Map.of("valid", problems.isEmpty(), "problems", problems);
        }
        if (!problems.isEmpty()) {
            Rules.Problem first = problems.get(0);
            String where = first.position() == null ? first.reason() : "@" + first.position() + ": " + first.reason();
            throw new ApiException(400, "classification.rules-invalid", ClsWeb.MESSAGES.get(r.locale(), "rules.invalid",
                    problems.size(), first.rule(), where), problems);
        }
        admin.replaceRules(dim, input);
        return rules(store.read(Catalog::load), dim);
    }

    private static Map<String, Object> rules(Catalog catalog, String dim) {
        catalog.require(dim);
        List<Object> out = new ArrayList<>();
        for (ClsMapper.RuleRow row : catalog.rules(dim)) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("condition", row.conditionText());
            x.put("value", row.valueCode());
            out.add(x);
        }
        return Map.of("dimension", dim, "rules", out);
    }
}
