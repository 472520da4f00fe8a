package org.wanglai.costing.internal.web;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.costing.CostAnalysis;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;

/**
 * {@code GET /wanglai/api/costing/cube?dims=category1,month&measures=revenue,net_profit&from=2025-01&to=2025-12
 * [&filter.channel=1,2][&sort=net_profit&desc=true][&limit=100]}: a roll-up (viewer). {@code GET .../cube/metadata}:
 * the dimensions, measures and drivers with labels in the user's language.
 */
@Component(service = ApiEndpoint.class)
public final class CubeEndpoint implements ApiEndpoint {

    private final CostAnalysis costing;

    @Activate
    public CubeEndpoint(@Reference CostAnalysis costing) {
        this.costing = costing;
    }

    @Override
    public String path() {
        return "costing/cube";
    }

    @Override
    public String role(String httpMethod) {
        return "GET".equals(httpMethod) ? WebUser.VIEWER : null;
    }

    @Override
    public Object handle(ApiRequest request) {
        if ("metadata".equals(request.pathRemainder())) {
            return CostingEndpoints.metadata(costing.metadata(), request.locale());
        }
        if (!request.pathRemainder().isEmpty()) {
            throw new org.wanglai.api.NotFoundException("endpoint", "costing/cube/" + CostingEndpoints.shorten(request.pathRemainder()));
        }
        return CostingEndpoints.result(costing.query(CostingEndpoints.cubeQuery(request)), request.locale());
    }
}
