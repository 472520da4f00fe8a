package org.wanglai.classification.internal.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.classification.internal.Catalog;
import org.wanglai.classification.internal.ClassificationEngine;
import org.wanglai.classification.internal.ClsStore;
import org.wanglai.classification.internal.RuleAdmin;
import org.wanglai.classification.internal.method.KMeans;

/**
 * {@code /wanglai/api/classification/settings/<dimension>}: {@code GET} the method and its settings (viewer); for a
 * k-means dimension with {@code ?profiles=true} also the cluster profiles (centre values) of a fresh computation, so a
 * person can name each cluster. {@code PUT {"enabled":true,"params":{"k":"4",...}}} (admin) checks the settings by
 * a trial parse and saves them.
 */
@Component(service = ApiEndpoint.class)
public final class SettingsEndpoint implements ApiEndpoint {
    private final ClsStore store;
    private final RuleAdmin admin;
    private final ClassificationEngine engine;

    public record SettingsBody(Boolean enabled, Map<String, String> params) {
    }

    @Activate
    public SettingsEndpoint(@Reference ClsStore store, @Reference RuleAdmin admin, @Reference ClassificationEngine engine) {
        this.store = store;
        this.admin = admin;
        this.engine = engine;
    }

    @Override
    public String path() {
        return "classification/settings";
    }

    @Override
    public String role(String httpMethod) {
        return switch (httpMethod) {
            case "GET" -> WebUser.VIEWER;
            case "PUT" -> WebUser.ADMIN;
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
        Catalog catalog = store.read(Catalog::load);
        var d = catalog.require(dim);
        if ("PUT".equals(r.method())) {
            SettingsBody b = r.body(SettingsBody.class);
            admin.configure(dim, b.enabled() == null ? Boolean.TRUE.equals(d.enabled()) : b.enabled(),
                    b.params() == null ? Map.of() : b.params());
            catalog = store.read(Catalog::load);
        }
        Map<String, Object> out = DimensionsEndpoint.one(catalog, dim, r.locale());
        if ("GET".equals(r.method()) && "KMEANS".equals(d.method()) && "true".equals(r.param("profiles"))) {
            List<Object> profiles = new ArrayList<>();
            for (KMeans.Profile k : engine.clusterProfiles(LocalDate.now())) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("cluster", k.cluster());
                x.put("value", k.value());
                x.put("size", k.size());
                x.put("centre", k.centre());
                profiles.add(x);
            }
            out.put("profiles", profiles);
        }
        return out;
    }
}
