package org.wanglai.classification.internal.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationException;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.classification.internal.tree.TreeService;

/**
 * {@code /wanglai/api/classification/tree}: {@code GET} the coding rule and every node with level, leaf flag and
 * customer count (viewer). Admin: {@code PUT {"codingRule":"2-2-2"}} changes the rule (every code must follow it);
 * {@code POST {"parentCode","code","nameZh","nameEn"}} creates a node; {@code PUT /<code> {"nameZh","nameEn"}} renames
 * it; {@code POST /<code>/move {"parentCode"}} moves it with its subtree (answers the new code); {@code DELETE
 * /<code>} removes an unused leaf. Coding-rule violations answer 400 with every problem.
 */
@Component(service = ApiEndpoint.class)
public final class TreeEndpoint implements ApiEndpoint {
    private final TreeService tree;

    public record NodeBody(String parentCode, String code, String nameZh, String nameEn) {
    }

    public record RuleBody(String codingRule) {
    }

    public record MoveBody(String parentCode) {
    }

    @Activate
    public TreeEndpoint(@Reference TreeService tree) {
        this.tree = tree;
    }

    @Override
    public String path() {
        return "classification/tree";
    }

    @Override
    public String role(String httpMethod) {
        return switch (httpMethod) {
            case "GET" -> WebUser.VIEWER;
            case "POST", "PUT", "DELETE" -> WebUser.ADMIN;
            default -> null;
        };
    }

    @Override
    public Object handle(ApiRequest r) {
        String[] p = ClsWeb.parts(r);
        String code = p.length > 0 ? ClsWeb.categoryCode(r, p[0]) : null;
        switch (r.method()) {
            case "GET" -> {
                if (code == null) {
                    return tree();
                }
            }
            case "PUT" -> {
                if (code == null) {
                    RuleBody b = r.body(RuleBody.class);
                    if (b.codingRule() == null || b.codingRule().isBlank()) {
                        throw new ValidationException("codingRule", "is required, e.g. 2-2-2");
                    }
                    tree.setCodingRule(b.codingRule().trim());
                    return tree();
                }
                if (p.length == 1) {
                    NodeBody b = r.body(NodeBody.class);
                    tree.rename(code, b.nameZh(), b.nameEn());
                    return tree();
                }
            }
            case "POST" -> {
                if (code == null) {
                    NodeBody b = r.body(NodeBody.class);
                    if (b.code() == null || b.code().isBlank()) {
                        throw new ValidationException("code", "is required");
                    }
                    String parent = b.parentCode() == null || b.parentCode().isBlank() ? null
                            : ClsWeb.categoryCode(r, b.parentCode().trim());
                    tree.create(parent, ClsWeb.categoryCode(r, b.code().trim()), b.nameZh(), b.nameEn());
                    return tree();
                }
                if (p.length == 2 && "move".equals(p[1])) {
                    MoveBody b = r.body(MoveBody.class);
                    String parent = b.parentCode() == null || b.parentCode().isBlank() ? null
                            : ClsWeb.categoryCode(r, b.parentCode().trim());
                    String newCode = tree.move(code, parent);
                    Map<String, Object> out = tree();
                    out.put("code", newCode);
                    return out;
                }
            }
            case "DELETE" -> {
                if (p.length == 1) {
                    tree.delete(code);
                    return null;
                }
            }
            default -> {
            }
        }
        throw new NotFoundException("path", r.pathRemainder());
    }

    private Map<String, Object> tree() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("codingRule", tree.codingRule().toString());
        out.put("nodes", tree.nodes());
        return out;
    }
}
