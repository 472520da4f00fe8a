package org.wanglai.costing.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The host's customer category tree: paths to the root and the ancestor at each level. */
final class CategoryTree {
    private final Map<Long, CostMapper.CategoryRow> byId = new HashMap<>();
    private final Map<String, CostMapper.CategoryRow> byCode = new HashMap<>();

    CategoryTree(List<CostMapper.CategoryRow> rows) {
        for (CostMapper.CategoryRow r : rows) {
            byId.put(r.id(), r);
            byCode.put(r.code(), r);
        }
    }

    CostMapper.CategoryRow byCode(String code) {
        return byCode.get(code);
    }

    /** The node and its ancestors, nearest first; empty for an unknown id. Stops on a cycle. */
    List<Long> path(long id) {
        List<Long> out = new ArrayList<>();
        CostMapper.CategoryRow r = byId.get(id);
        while (r != null && !out.contains(r.id()) && out.size() < 64) {
            out.add(r.id());
            r = r.parentId() == null ? null : byId.get(r.parentId());
        }
        return out;
    }

    /** For every node and level 1..3: its ancestor at that level, or itself when it is shallower. */
    List<CostMapper.CategoryLevel> levels(int maxLevel) {
        List<CostMapper.CategoryLevel> out = new ArrayList<>();
        for (long id : byId.keySet()) {
            List<Long> path = path(id);
            int depth = path.size();
            for (int level = 1; level <= maxLevel; level++) {
                long ancestor = level >= depth ? id : path.get(depth - level);
                out.add(new CostMapper.CategoryLevel(id, level, ancestor));
            }
        }
        out.sort(java.util.Comparator.comparingLong(CostMapper.CategoryLevel::categoryId)
                .thenComparingInt(CostMapper.CategoryLevel::lvl));
        return out;
    }
}
