package org.wanglai.classification.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.wanglai.api.LocalizedText;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.classification.Dimension;
import org.wanglai.classification.internal.db.ClsMapper;
import org.wanglai.classification.internal.db.ClsMapper.DimensionRow;
import org.wanglai.classification.internal.db.ClsMapper.RuleRow;
import org.wanglai.classification.internal.db.ClsMapper.ValueRow;
import org.wanglai.classification.internal.method.Params;
import org.wanglai.classification.internal.method.Rules;

/** The configured dimensions, their values and rules, read together. */
public final class Catalog {
    public static final Set<String> METHODS = Set.of("ATTRIBUTE", "RULES", "RFM", "WEIGHTED", "KMEANS", "LIFECYCLE",
            "CREDIT", "CATEGORY");

    private final Map<String, DimensionRow> dimensions = new LinkedHashMap<>();
    private final Map<String, List<ValueRow>> values = new LinkedHashMap<>();
    private final Map<String, List<RuleRow>> rules = new LinkedHashMap<>();

    public Catalog(List<DimensionRow> dims, List<ValueRow> vals, List<RuleRow> ruleRows) {
        dims.forEach(d -> dimensions.put(d.id(), d));
        vals.forEach(v -> values.computeIfAbsent(v.dimensionId(), k -> new ArrayList<>()).add(v));
        ruleRows.forEach(r -> rules.computeIfAbsent(r.dimensionId(), k -> new ArrayList<>()).add(r));
    }

    public static Catalog load(ClsMapper m) {
        return new Catalog(m.dimensions(), m.values(), m.rules(null));
    }

    public List<DimensionRow> dimensions() {
        return List.copyOf(dimensions.values());
    }

    public Optional<DimensionRow> find(String id) {
        return Optional.ofNullable(dimensions.get(id));
    }

    public DimensionRow require(String id) {
        DimensionRow d = dimensions.get(id);
        if (d == null) {
            throw new NotFoundException("dimension", id);
        }
        return d;
    }

    public List<ValueRow> values(String dimension) {
        return values.getOrDefault(dimension, List.of());
    }

    public Set<String> valueCodes(String dimension) {
        Set<String> s = new LinkedHashSet<>();
        values(dimension).forEach(v -> s.add(v.code()));
        return s;
    }

    public List<RuleRow> rules(String dimension) {
        return rules.getOrDefault(dimension, List.of());
    }

    public Params params(String dimension) {
        return new Params(dimension, require(dimension).params());
    }

    public static List<Rules.Rule> toRules(List<RuleRow> rows) {
        return rows.stream().map(r -> new Rules.Rule(r.id() == null ? 0 : r.id(), r.seq(), r.conditionText(), r.valueCode())).toList();
    }

    /** A value's display name in both languages; the code itself when the dimension has no value list. */
    public LocalizedText label(String dimension, String code) {
        for (ValueRow v : values(dimension)) {
            if (v.code().equals(code)) {
                return LocalizedText.of(v.nameZh(), v.nameEn());
            }
        }
        return LocalizedText.of(code, code);
    }

    public List<Dimension> toApi() {
        List<Dimension> out = new ArrayList<>();
        for (DimensionRow d : dimensions.values()) {
            out.add(new Dimension(d.id(), LocalizedText.of(d.nameZh(), d.nameEn()), d.method(),
                    Boolean.TRUE.equals(d.builtIn()), Boolean.TRUE.equals(d.enabled()),
                    values(d.id()).stream().map(v -> new Dimension.DimensionValue(v.code(),
                            LocalizedText.of(v.nameZh(), v.nameEn()))).toList()));
        }
        return out;
    }
}
