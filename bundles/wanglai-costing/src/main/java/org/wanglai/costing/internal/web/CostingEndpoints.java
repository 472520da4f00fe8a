package org.wanglai.costing.internal.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.wanglai.api.ValidationException;
import org.wanglai.api.costing.AllocationRule;
import org.wanglai.api.costing.AllocationRun;
import org.wanglai.api.costing.CostDriver;
import org.wanglai.api.costing.CubeKey;
import org.wanglai.api.costing.CubeMetadata;
import org.wanglai.api.costing.CubeQuery;
import org.wanglai.api.costing.CubeResult;
import org.wanglai.api.costing.CubeRow;
import org.wanglai.api.costing.PoolReconciliation;
import org.wanglai.api.web.ApiRequest;

/** Request parsing and JSON shapes shared by the costing endpoints. */
final class CostingEndpoints {
    private CostingEndpoints() {
    }

    static YearMonth month(String text, String field, YearMonth fallback) {
        if (text == null || text.isBlank()) {
            if (fallback == null) {
                throw new ValidationException(field, "is required (yyyy-MM)");
            }
            return fallback;
        }
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "not a month (yyyy-MM): '" + shorten(text) + "'");
        }
    }

    static List<String> csv(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String s : text.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    /** {@code filter.<dimension>=k1,k2}: the names are checked by the cube's whitelist. */
    static Map<String, List<Long>> filters(ApiRequest request) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : request.params().entrySet()) {
            if (!e.getKey().startsWith("filter.")) {
                continue;
            }
            List<Long> keys = new ArrayList<>();
            for (String k : csv(e.getValue())) {
                try {
                    keys.add(Long.parseLong(k));
                } catch (NumberFormatException ex) {
                    throw new ValidationException(e.getKey(), "not a key: '" + shorten(k) + "'");
                }
            }
            out.put(e.getKey().substring("filter.".length()), keys);
        }
        return out;
    }

    static CubeQuery cubeQuery(ApiRequest r) {
        int limit = 0;
        if (r.param("limit") != null) {
            try {
                limit = Integer.parseInt(r.param("limit").trim());
            } catch (NumberFormatException e) {
                throw new ValidationException("limit", "not a number");
            }
        }
        return new CubeQuery(csv(r.param("dims")), csv(r.param("measures")), month(r.param("from"), "from", null),
                month(r.param("to"), "to", null), filters(r), blankToNull(r.param("sort")),
                "true".equals(r.param("desc")), limit);
    }

    static Map<String, Object> result(CubeResult result, Locale locale) {
        List<Object> rows = new ArrayList<>(result.rows().size());
        for (CubeRow row : result.rows()) {
            List<Object> keys = new ArrayList<>();
            for (CubeKey k : row.keys()) {
                keys.add(Map.of("dimension", k.dimension(), "key", k.key(), "label", k.label().in(locale)));
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("keys", keys);
            r.put("measures", row.measures());
            rows.add(r);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("currency", result.currency());
        out.put("rows", rows);
        out.put("totals", result.totals());
        out.put("truncated", result.truncated());
        return out;
    }

    static Map<String, Object> metadata(CubeMetadata m, Locale locale) {
        List<Object> dims = new ArrayList<>();
        for (CubeMetadata.Dimension d : m.dimensions()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", d.name());
            x.put("label", d.label().in(locale));
            x.put("drillsTo", d.drillsTo());
            dims.add(x);
        }
        List<Object> measures = new ArrayList<>();
        for (CubeMetadata.Measure x : m.measures()) {
            measures.add(Map.of("name", x.name(), "label", x.label().in(locale), "kind", x.kind()));
        }
        List<Object> drivers = new ArrayList<>();
        for (CostDriver d : CostDriver.values()) {
            drivers.add(Map.of("name", d.name(), "label", d.label().in(locale)));
        }
        return Map.of("dimensions", dims, "measures", measures, "drivers", drivers);
    }

    static Map<String, Object> run(AllocationRun r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("month", r.month().toString());
        out.put("startedAt", r.startedAt().toString());
        out.put("durationMillis", r.durationMillis());
        out.put("user", r.user());
        out.put("poolTotal", r.poolTotal());
        out.put("allocated", r.allocated());
        out.put("financingCost", r.financingCost());
        out.put("revenue", r.revenue());
        out.put("cogs", r.cogs());
        out.put("customers", r.customers());
        out.put("factRows", r.factRows());
        out.put("current", r.current());
        List<Object> pools = new ArrayList<>();
        for (PoolReconciliation p : r.pools()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("poolCode", p.poolCode());
            x.put("channelCode", p.channelCode());
            x.put("regionCode", p.regionCode());
            x.put("driver", p.driver().name());
            x.put("amount", p.amount());
            x.put("allocated", p.allocated());
            x.put("receivers", p.receivers());
            x.put("segments", p.segments());
            x.put("fallbacks", p.fallbacks());
            x.put("widened", p.widened());
            pools.add(x);
        }
        out.put("pools", pools);
        return out;
    }

    /** A rule as JSON sends it; the driver by name. */
    record RuleBody(String poolCode, String categoryCode, String driver, String channelCode, String regionCode) {
    }

    record RulesBody(List<RuleBody> rules) {
    }

    record AllocateBody(String month, String from, String to) {
    }

    static List<AllocationRule> rules(RulesBody body) {
        if (body == null || body.rules() == null) {
            throw new ValidationException("rules", "are required");
        }
        List<AllocationRule> out = new ArrayList<>();
        List<org.wanglai.api.ValidationError> errors = new ArrayList<>();
        for (int i = 0; i < body.rules().size(); i++) {
            RuleBody b = body.rules().get(i);
            CostDriver d = null;
            if (b == null) {
                errors.add(new org.wanglai.api.ValidationError(i + 1, "rule", "is empty"));
                continue;
            }
            try {
                d = b.driver() == null ? null : CostDriver.valueOf(b.driver().trim());
            } catch (IllegalArgumentException e) {
                errors.add(new org.wanglai.api.ValidationError(i + 1, "driver", "unknown driver '" + shorten(b.driver()) + "'"));
            }
            out.add(new AllocationRule(b.poolCode(), b.categoryCode(), d, b.channelCode(), b.regionCode()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return out;
    }

    static BigDecimal pct(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String shorten(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
