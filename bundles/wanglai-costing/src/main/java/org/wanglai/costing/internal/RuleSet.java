package org.wanglai.costing.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.api.costing.AllocationRule;
import org.wanglai.api.costing.CostDriver;

/** Allocation rules validated against the host's pools, categories, channels and regions, resolved to ids. */
final class RuleSet {
    private final Map<Long, List<ResolvedRule>> byPool;
    private final List<AllocationRule> rules;

    private RuleSet(Map<Long, List<ResolvedRule>> byPool, List<AllocationRule> rules) {
        this.byPool = byPool;
        this.rules = rules;
    }

    List<ResolvedRule> forPool(long poolId) {
        return byPool.getOrDefault(poolId, List.of());
    }

    List<AllocationRule> rules() {
        return rules;
    }

    /** One line per rule, {@code pool|category|driver|channel|region}, kept with each run for the audit trail. */
    String snapshot() {
        StringBuilder b = new StringBuilder();
        for (AllocationRule r : rules) {
            b.append(r.poolCode()).append('|').append(n(r.categoryCode())).append('|').append(r.driver()).append('|')
                    .append(n(r.channelCode())).append('|').append(n(r.regionCode())).append('\n');
        }
        return b.toString();
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }

    static RuleSet resolve(List<CostMapper.RuleRow> rows, List<CostMapper.CodeName> pools,
            List<CostMapper.CodeName> channels, List<CostMapper.CodeName> regions, CategoryTree tree) {
        List<AllocationRule> rules = new ArrayList<>();
        List<ValidationError> errors = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            CostMapper.RuleRow r = rows.get(i);
            CostDriver d = null;
            try {
                d = CostDriver.valueOf(r.driver());
            } catch (IllegalArgumentException e) {
                errors.add(new ValidationError(i + 1, "driver", "unknown driver '" + r.driver() + "'"));
            }
            rules.add(new AllocationRule(r.poolCode(), r.categoryCode(), d, r.channelCode(), r.regionCode()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return validate(rules, pools, channels, regions, tree, false);
    }

    /**
     * @param strictPools when true (saving), a rule for a pool the host does not have is an error; when false
     *        (running), such a rule is ignored because it can never receive an entry
     */
    static RuleSet validate(List<AllocationRule> rules, List<CostMapper.CodeName> pools,
            List<CostMapper.CodeName> channels, List<CostMapper.CodeName> regions, CategoryTree tree,
            boolean strictPools) {
        Map<String, Long> poolIds = ids(pools);
        Map<String, Long> channelIds = ids(channels);
        Map<String, Long> regionIds = ids(regions);
        List<ValidationError> errors = new ArrayList<>();
        Map<Long, List<ResolvedRule>> byPool = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Set<Long> withDefault = new HashSet<>();
        Map<Long, Integer> firstCategoryRule = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            AllocationRule r = rules.get(i);
            int row = i + 1;
            if (r == null) {
                errors.add(new ValidationError(row, "rule", "is empty"));
                continue;
            }
            boolean ok = true;
            Long pool = r.poolCode() == null ? null : poolIds.get(r.poolCode());
            if (r.poolCode() == null) {
                errors.add(new ValidationError(row, "poolCode", "is required"));
                ok = false;
            } else if (pool == null) {
                if (strictPools) {
                    errors.add(new ValidationError(row, "poolCode", "no cost pool '" + r.poolCode() + "' in the host ERP"));
                }
                ok = false;
            }
            if (r.driver() == null) {
                errors.add(new ValidationError(row, "driver", "is required"));
                ok = false;
            }
            long category = 0;
            if (r.categoryCode() != null) {
                CostMapper.CategoryRow c = tree.byCode(r.categoryCode());
                if (c == null) {
                    errors.add(new ValidationError(row, "categoryCode", "no customer category '" + r.categoryCode() + "'"));
                    ok = false;
                } else {
                    category = c.id();
                }
            }
            long channel = 0;
            if (r.channelCode() != null) {
                Long id = channelIds.get(r.channelCode());
                if (id == null) {
                    errors.add(new ValidationError(row, "channelCode", "no channel '" + r.channelCode() + "'"));
                    ok = false;
                } else {
                    channel = id;
                }
            }
            long region = 0;
            if (r.regionCode() != null) {
                Long id = regionIds.get(r.regionCode());
                if (id == null) {
                    errors.add(new ValidationError(row, "regionCode", "no region '" + r.regionCode() + "'"));
                    ok = false;
                } else {
                    region = id;
                }
            }
            String key = r.poolCode() + "|" + (r.categoryCode() == null ? "" : r.categoryCode());
            if (r.poolCode() != null && !seen.add(key)) {
                errors.add(new ValidationError(row, "categoryCode", r.categoryCode() == null
                        ? "pool " + r.poolCode() + " has more than one default rule"
                        : "pool " + r.poolCode() + " has more than one rule for category " + r.categoryCode()));
                ok = false;
            }
            if (ok) {
                byPool.computeIfAbsent(pool, k -> new ArrayList<>())
                        .add(new ResolvedRule(pool, category, r.driver(), channel, region));
                if (category == 0) {
                    withDefault.add(pool);
                } else {
                    firstCategoryRule.putIfAbsent(pool, row);
                }
            }
        }
        for (Map.Entry<Long, Integer> e : firstCategoryRule.entrySet()) {
            if (!withDefault.contains(e.getKey())) {
                errors.add(new ValidationError(e.getValue(), "categoryCode",
                        "pool " + rules.get(e.getValue() - 1).poolCode()
                                + " has category rules but no default rule (without category)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new RuleSet(byPool, List.copyOf(rules));
    }

    private static Map<String, Long> ids(List<CostMapper.CodeName> rows) {
        Map<String, Long> out = new HashMap<>();
        for (CostMapper.CodeName r : rows) {
            out.put(r.code(), r.id());
        }
        return out;
    }
}
