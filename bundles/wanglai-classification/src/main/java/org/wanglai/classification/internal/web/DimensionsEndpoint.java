package org.wanglai.classification.internal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationException;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.classification.internal.Catalog;
import org.wanglai.classification.internal.ClsStore;
import org.wanglai.classification.internal.RuleAdmin;
import org.wanglai.classification.internal.db.ClsMapper;

/**
 * {@code /wanglai/api/classification/dimensions}: {@code GET} every dimension with its method, settings, values and
 * rule count (viewer). Admin: {@code POST} a custom dimension {@code {"id","nameZh","nameEn","method","values":[{"code",
 * "nameZh","nameEn"}]}}; {@code PUT /<id>} renames it; {@code DELETE /<id>} removes a custom one (its history stays);
 * {@code POST /<id>/values} adds a value; {@code PUT /<id>/values/<code>} renames it; {@code DELETE
 * /<id>/values/<code>} removes an unused value of a custom dimension.
 */
@Component(service = ApiEndpoint.class)
public final class DimensionsEndpoint implements ApiEndpoint {
    private final ClsStore store;
    private final RuleAdmin admin;

    public record ValueBody(String code, String nameZh, String nameEn) {
    }

    public record DimensionBody(String id, String nameZh, String nameEn, String method, List<ValueBody> values) {
    }

    public record NamesBody(String nameZh, String nameEn) {
    }

    @Activate
    public DimensionsEndpoint(@Reference ClsStore store, @Reference RuleAdmin admin) {
        this.store = store;
        this.admin = admin;
    }

    @Override
    public String path() {
        return "classification/dimensions";
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
        String dim = p.length > 0 ? ClsWeb.dimensionId(r, p[0]) : null;
        boolean values = p.length > 1 && "values".equals(p[1]);
        if (p.length > 1 && !values || p.length > 3) {
            throw new NotFoundException("path", r.pathRemainder());
        }
        String code = p.length == 3 ? ClsWeb.valueCode(r, p[2]) : null;
        switch (r.method()) {
            case "GET" -> {
                return dim == null ? list(r.locale()) : one(store.read(Catalog::load), dim, r.locale());
            }
            case "POST" -> {
                if (dim == null) {
                    DimensionBody b = r.body(DimensionBody.class);
                    List<ClsMapper.ValueRow> rows = new ArrayList<>();
                    if (b.values() != null) {
                        for (ValueBody v : b.values()) {
                            rows.add(new ClsMapper.ValueRow(b.id(), v == null ? null : v.code(),
                                    v == null ? null : v.nameZh(), v == null ? null : v.nameEn(), 0));
                        }
                    }
                    admin.addDimension(b.id(), b.nameZh(), b.nameEn(), b.method(), rows);
                    return one(store.read(Catalog::load), b.id(), r.locale());
                }
                if (values && code == null) {
                    ValueBody b = r.body(ValueBody.class);
                    admin.addValue(dim, b.code(), b.nameZh(), b.nameEn());
                    return one(store.read(Catalog::load), dim, r.locale());
                }
            }
            case "PUT" -> {
                if (dim != null) {
                    NamesBody b = r.body(NamesBody.class);
                    if (code != null) {
                        admin.renameValue(dim, code, b.nameZh(), b.nameEn());
                    } else if (!values) {
                        admin.renameDimension(dim, b.nameZh(), b.nameEn());
                    } else {
                        break;
                    }
                    return one(store.read(Catalog::load), dim, r.locale());
                }
            }
            case "DELETE" -> {
                if (dim != null && code != null) {
                    admin.deleteValue(dim, code);
                    return null;
                }
                if (dim != null && !values) {
                    admin.deleteDimension(dim);
                    return null;
                }
            }
            default -> {
            }
        }
        throw new ValidationException("path", r.method() + " " + r.pathRemainder() + " is not an operation on dimensions");
    }

    private List<Object> list(Locale locale) {
        Catalog catalog = store.read(Catalog::load);
        List<Object> out = new ArrayList<>();
        for (ClsMapper.DimensionRow d : catalog.dimensions()) {
            out.add(one(catalog, d.id(), locale));
        }
        return out;
    }

    static Map<String, Object> one(Catalog catalog, String id, Locale locale) {
        ClsMapper.DimensionRow d = catalog.require(id);
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("id", d.id());
        x.put("name", ClsWeb.dimensionName(d, locale));
        x.put("nameZh", d.nameZh());
        x.put("nameEn", d.nameEn());
        x.put("method", d.method());
        x.put("builtIn", d.builtIn());
        x.put("enabled", d.enabled());
        x.put("params", catalog.params(d.id()).all());
        x.put("rules", catalog.rules(d.id()).size());
        List<Object> vals = new ArrayList<>();
        for (ClsMapper.ValueRow v : catalog.values(d.id())) {
            vals.add(Map.of("code", v.code(), "nameZh", v.nameZh(), "nameEn", v.nameEn(),
                    "label", "zh".equals(locale.getLanguage()) ? v.nameZh() : v.nameEn()));
        }
        x.put("values", vals);
        return x;
    }
}
