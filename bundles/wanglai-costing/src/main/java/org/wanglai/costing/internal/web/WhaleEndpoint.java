package org.wanglai.costing.internal.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.costing.CubeQuery;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.costing.internal.CostingService;

/**
 * {@code GET /wanglai/api/costing/whale?from=2025-01&to=2025-12}: the whale curve as at most 201 points (share of
 * customers, cumulative net profit), streamed over every customer ranked by net profit (accountant), plus the peak
 * and the share of customers that make a loss.
 */
@Component(service = ApiEndpoint.class)
public final class WhaleEndpoint implements ApiEndpoint {
    private static final int POINTS = 200;

    private final CostingService costing;

    @Activate
    public WhaleEndpoint(@Reference CostingService costing) {
        this.costing = costing;
    }

    @Override
    public String path() {
        return "costing/whale";
    }

    @Override
    public String role(String httpMethod) {
        return "GET".equals(httpMethod) ? WebUser.ACCOUNTANT : null;
    }

    @Override
    public Object handle(ApiRequest request) {
        var from = CostingEndpoints.month(request.param("from"), "from", null);
        var to = CostingEndpoints.month(request.param("to"), "to", null);
        var totals = costing.query(new CubeQuery(List.of("year"), List.of("net_profit", "customers"), from, to,
                Map.of(), null, false, 1)).totals();
        long customers = totals.getOrDefault("customers", BigDecimal.ZERO).longValue();
        long step = Math.max(1, customers / POINTS);
        List<Object> points = new ArrayList<>();
        points.add(List.of(BigDecimal.ZERO, BigDecimal.ZERO));
        long[] rank = { 0 };
        long[] losers = { 0 };
        BigDecimal[] cumulative = { BigDecimal.ZERO };
        BigDecimal[] peak = { BigDecimal.ZERO };
        long[] peakRank = { 0 };
        costing.stream(new CubeQuery(List.of("customer"), List.of("net_profit"), from, to, Map.of(), "net_profit", true, 0),
                row -> {
                    BigDecimal p = row.measure("net_profit");
                    cumulative[0] = cumulative[0].add(p);
                    rank[0]++;
                    if (p.signum() < 0) {
                        losers[0]++;
                    }
                    if (cumulative[0].compareTo(peak[0]) > 0) {
                        peak[0] = cumulative[0];
                        peakRank[0] = rank[0];
                    }
                    if (rank[0] % step == 0 || rank[0] == customers) {
                        points.add(List.of(CostingEndpoints.pct(rank[0], customers), cumulative[0]));
                    }
                    return true;
                });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("currency", costing.currencyCode());
        out.put("customers", customers);
        out.put("totalProfit", cumulative[0]);
        out.put("peakProfit", peak[0]);
        out.put("peakCustomersPct", CostingEndpoints.pct(peakRank[0], customers));
        out.put("lossMakingCustomers", losers[0]);
        out.put("points", points);
        return out;
    }
}
