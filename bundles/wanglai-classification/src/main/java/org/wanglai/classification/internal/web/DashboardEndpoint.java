package org.wanglai.classification.internal.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.ValidationException;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.classification.internal.Catalog;
import org.wanglai.classification.internal.ClsStore;
import org.wanglai.classification.internal.db.ClsMapper;

/**
 * {@code GET /wanglai/api/classification/dashboard[?months=12&dimension=value_tier]} (viewer): customers per current
 * value of every dimension, value changes per month and dimension over the last {@code months} months, and the
 * from → to flows of one dimension over the same months (for a Sankey chart). Three grouped statements.
 */
@Component(service = ApiEndpoint.class)
public final class DashboardEndpoint implements ApiEndpoint {
    private final ClsStore store;

    @Activate
    public DashboardEndpoint(@Reference ClsStore store) {
        this.store = store;
    }

    @Override
    public String path() {
        return "classification/dashboard";
    }

    @Override
    public String role(String httpMethod) {
        return "GET".equals(httpMethod) ? WebUser.VIEWER : null;
    }

    @Override
    public Object handle(ApiRequest r) {
        Locale locale = r.locale();
        int months = 12;
        if (r.param("months") != null) {
            try {
                months = Integer.parseInt(r.param("months").trim());
            } catch (NumberFormatException e) {
                months = -1;
            }
            if (months < 1 || months > 120) {
                throw new ValidationException("months", ClsWeb.MESSAGES.get(locale, "window.invalid"));
            }
        }
        Catalog catalog = store.read(Catalog::load);
        YearMonth first = YearMonth.from(LocalDate.now()).minusMonths(months - 1L);
        java.time.LocalDateTime since = first.atDay(1).atStartOfDay();
        String flowDim = r.param("dimension") == null || r.param("dimension").isBlank() ? "value_tier"
                : ClsWeb.dimensionId(r, r.param("dimension").trim());

        Map<String, List<ClsMapper.ValueCount>> counts = new HashMap<>();
        store.read(ClsMapper::distribution).forEach(c -> counts.computeIfAbsent(c.dimensionId(), k -> new ArrayList<>()).add(c));
        List<Object> dims = new ArrayList<>();
        for (ClsMapper.DimensionRow d : catalog.dimensions()) {
            if (!Boolean.TRUE.equals(d.enabled()) && !counts.containsKey(d.id())) {
                continue;
            }
            List<ClsMapper.ValueCount> list = counts.getOrDefault(d.id(), List.of());
            // Defined values in their order first, then open values (industry, region, ...) as found.
            Map<String, Long> byCode = new LinkedHashMap<>();
            catalog.values(d.id()).forEach(v -> byCode.put(v.code(), 0L));
            list.forEach(c -> byCode.merge(c.valueCode(), c.customers(), Long::sum));
            List<Object> values = new ArrayList<>();
            long total = 0;
            for (Map.Entry<String, Long> e : byCode.entrySet()) {
                values.add(Map.of("code", e.getKey(), "label", ClsWeb.label(catalog, d.id(), e.getKey(), locale),
                        "customers", e.getValue()));
                total += e.getValue();
            }
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", d.id());
            x.put("name", ClsWeb.dimensionName(d, locale));
            x.put("method", d.method());
            x.put("enabled", d.enabled());
            x.put("customers", total);
            x.put("values", values);
            dims.add(x);
        }

        List<String> monthKeys = new ArrayList<>();
        for (int i = 0; i < months; i++) {
            monthKeys.add(first.plusMonths(i).toString());
        }
        Map<String, long[]> perDim = new LinkedHashMap<>();
        for (ClsMapper.MonthCount c : store.read(m -> m.movementsPerMonth(since))) {
            int idx = monthKeys.indexOf(YearMonth.of(c.yearNo(), c.monthNo()).toString());
            if (idx >= 0) {
                perDim.computeIfAbsent(c.dimensionId(), k -> new long[monthKeys.size()])[idx] += c.changes();
            }
        }
        List<Object> movements = new ArrayList<>();
        perDim.forEach((dim, arr) -> movements.add(Map.of("dimension", dim, "name",
                catalog.find(dim).map(d -> ClsWeb.dimensionName(d, locale)).orElse(dim),
                "changes", java.util.Arrays.stream(arr).boxed().toList())));

        List<Object> links = new ArrayList<>();
        if (catalog.find(flowDim).isPresent()) {
            for (ClsMapper.Flow f : store.read(m -> m.flows(flowDim, since))) {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("from", f.oldValue());
                l.put("fromLabel", f.oldValue() == null ? null : ClsWeb.label(catalog, flowDim, f.oldValue(), locale));
                l.put("to", f.newValue());
                l.put("toLabel", f.newValue() == null ? null : ClsWeb.label(catalog, flowDim, f.newValue(), locale));
                l.put("changes", f.changes());
                links.add(l);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dimensions", dims);
        out.put("months", monthKeys);
        out.put("movements", movements);
        out.put("flows", Map.of("dimension", flowDim, "links", links));
        return out;
    }
}
