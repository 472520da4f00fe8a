package org.wanglai.classification.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.ValidationException;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.classification.internal.db.ClsMapper;
import org.wanglai.classification.internal.db.ClsMapper.DimensionRow;
import org.wanglai.classification.internal.method.Params;
import org.wanglai.classification.internal.method.Rules;

/**
 * Administration of dimensions, values, method settings and rules. Everything is validated before it is saved: an
 * invalid rule is rejected with its position in the list, the character position and the reason.
 */
@Component(service = RuleAdmin.class)
public final class RuleAdmin {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{1,29}");
    private static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}_.-]{1,40}");

    /** A rule as entered: condition and value. */
    public record RuleInput(String condition, String value) {
    }

    private final ClsStore store;
    private final HostCustomers customers;

    @Activate
    public RuleAdmin(@Reference ClsStore store, @Reference HostCustomers customers) {
        this.store = store;
        this.customers = customers;
    }

    /** Checks rules without saving them (the editor's live check). */
    public void validate(String dimension, List<RuleInput> rules) {
        Catalog catalog = store.read(Catalog::load);
        DimensionRow d = catalog.require(dimension);
        if (!"RULES".equals(d.method()) && !"CATEGORY".equals(d.method())) {
            throw new ValidationException("dimension", dimension + " is computed by " + d.method() + ", not by rules");
        }
        Set<String> allowed = "CATEGORY".equals(d.method()) ? leafCodes() : catalog.valueCodes(dimension);
        List<Rules.Rule> list = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            list.add(new Rules.Rule(0, (i + 1) * 10, rules.get(i).condition(), rules.get(i).value()));
        }
        Rules.compile(dimension, list, Rules.vocabulary(catalog.dimensions().stream().map(DimensionRow::id).toList()),
                null, allowed);
    }

    /**
     * The problems of a rule list without saving it (the editor's live check): each names the rule's place in the
     * list, the field and, for a condition, the character position and the reason.
     */
    public List<Rules.Problem> check(String dimension, List<RuleInput> rules) {
        Catalog catalog = store.read(Catalog::load);
        DimensionRow d = catalog.require(dimension);
        if (!"RULES".equals(d.method()) && !"CATEGORY".equals(d.method())) {
            throw new ValidationException("dimension", dimension + " is computed by " + d.method() + ", not by rules");
        }
        Set<String> allowed = "CATEGORY".equals(d.method()) ? leafCodes() : catalog.valueCodes(dimension);
        List<Rules.Rule> list = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            list.add(new Rules.Rule(0, (i + 1) * 10, rules.get(i).condition(), rules.get(i).value()));
        }
        return Rules.problems(dimension, list, Rules.vocabulary(catalog.dimensions().stream().map(DimensionRow::id).toList()),
                allowed);
    }

    /** Replaces the ordered rule list of a dimension, in one transaction, after validating all of it. */
    public void replaceRules(String dimension, List<RuleInput> rules) {
        validate(dimension, rules);
        store.write(tx -> {
            ClsMapper m = store.mapper(tx);
            m.deleteRules(dimension);
            for (int i = 0; i < rules.size(); i++) {
                m.insertRule(new ClsMapper.RuleRow(null, dimension, (i + 1) * 10, rules.get(i).condition().trim(),
                        rules.get(i).value().trim()));
            }
            if ("CATEGORY".equals(store.read(Catalog::load).require(dimension).method())) {
                m.updateDimension(dimension, !rules.isEmpty(), store.read(Catalog::load).require(dimension).params());
            }
            return null;
        });
    }

    /** Sets a dimension's method settings and whether runs compute it; the settings are checked by a trial parse. */
    public void configure(String dimension, boolean enabled, Map<String, String> params) {
        Catalog catalog = store.read(Catalog::load);
        catalog.require(dimension);
        Params p = Params.of(dimension, params);
        String dflt = p.text("default", null);
        Set<String> values = catalog.valueCodes(dimension);
        if (dflt != null && !values.isEmpty() && !values.contains(dflt)) {
            throw new ValidationException(dimension + ".default", "'" + dflt + "' is not a value of " + dimension + " " + values);
        }
        StringBuilder text = new StringBuilder();
        p.all().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        if (text.length() > 4000) {
            throw new ValidationException(dimension + ".params", "the settings are longer than 4000 characters");
        }
        store.write(tx -> store.mapper(tx).updateDimension(dimension, enabled, text.toString()));
    }

    /** Adds a custom dimension computed by rules (or read from an attribute). */
    public void addDimension(String id, String nameZh, String nameEn, String method, List<ClsMapper.ValueRow> values) {
        List<org.wanglai.api.ValidationError> errors = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            errors.add(new org.wanglai.api.ValidationError(0, "id", "use 2-30 lower-case letters, digits or _, starting with a letter"));
        } else if (store.read(Catalog::load).find(id).isPresent()) {
            errors.add(new org.wanglai.api.ValidationError(0, "id", "the dimension " + id + " exists already"));
        }
        if (nameZh == null || nameZh.isBlank()) {
            errors.add(new org.wanglai.api.ValidationError(0, "nameZh", "is required"));
        }
        if (!"RULES".equals(method) && !"ATTRIBUTE".equals(method)) {
            errors.add(new org.wanglai.api.ValidationError(0, "method", "custom dimensions use RULES or ATTRIBUTE"));
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).code() == null || !CODE.matcher(values.get(i).code()).matches()) {
                errors.add(new org.wanglai.api.ValidationError(i + 1, "values.code", "1-40 letters, digits, _ . or -"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        store.write(tx -> {
            ClsMapper m = store.mapper(tx);
            int seq = store.read(Catalog::load).dimensions().stream().mapToInt(DimensionRow::seq).max().orElse(0) + 10;
            m.insertDimension(new DimensionRow(id, nameZh.trim(), nameEn == null || nameEn.isBlank() ? id : nameEn.trim(),
                    method, false, true, seq, null));
            for (int i = 0; i < values.size(); i++) {
                ClsMapper.ValueRow v = values.get(i);
                m.insertValue(new ClsMapper.ValueRow(id, v.code(), v.nameZh() == null ? v.code() : v.nameZh(),
                        v.nameEn() == null ? v.code() : v.nameEn(), i + 1));
            }
            return null;
        });
    }

    /** Adds a value to a dimension. */
    public void addValue(String dimension, String code, String nameZh, String nameEn) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new ValidationException("code", "1-40 letters, digits, _ . or -");
        }
        Catalog catalog = store.read(Catalog::load);
        catalog.require(dimension);
        if (catalog.valueCodes(dimension).contains(code)) {
            throw new ValidationException("code", "'" + code + "' exists already in " + dimension);
        }
        int seq = catalog.values(dimension).size() + 1;
        store.write(tx -> store.mapper(tx).insertValue(new ClsMapper.ValueRow(dimension, code,
                nameZh == null || nameZh.isBlank() ? code : nameZh, nameEn == null || nameEn.isBlank() ? code : nameEn, seq)));
    }

    private Set<String> leafCodes() {
        Set<Long> parents = new java.util.HashSet<>();
        customers.categories().forEach(c -> {
            if (c.parentId() != null) {
                parents.add(c.parentId());
            }
        });
        Set<String> leaves = new java.util.LinkedHashSet<>();
        customers.categories().stream().filter(c -> !parents.contains(c.id())).forEach(c -> leaves.add(c.code()));
        return leaves;
    }

    /** Renames a dimension (built-in ones too: the names are only labels). */
    public void renameDimension(String dimension, String nameZh, String nameEn) {
        store.read(Catalog::load).require(dimension);
        if (nameZh == null || nameZh.isBlank() || nameZh.length() > 60) {
            throw new ValidationException("nameZh", "is required, at most 60 characters");
        }
        if (nameEn != null && nameEn.length() > 60) {
            throw new ValidationException("nameEn", "at most 60 characters");
        }
        store.write(tx -> store.mapper(tx).renameDimension(dimension, nameZh.trim(),
                nameEn == null || nameEn.isBlank() ? dimension : nameEn.trim()));
    }

    /** Removes a custom dimension with its values, rules, current assignments and locks; its history stays. */
    public void deleteDimension(String dimension) {
        DimensionRow d = store.read(Catalog::load).require(dimension);
        if (Boolean.TRUE.equals(d.builtIn())) {
            throw new ValidationException("dimension", dimension + " is built in; disable it instead");
        }
        store.write(tx -> {
            ClsMapper m = store.mapper(tx);
            m.deleteRules(dimension);
            m.deleteLocksOfDimension(dimension);
            m.deleteAssignmentsOfDimension(dimension);
            m.deleteValuesOfDimension(dimension);
            m.deleteDimension(dimension);
            return null;
        });
    }

    /** Renames a value of a dimension. */
    public void renameValue(String dimension, String code, String nameZh, String nameEn) {
        Catalog catalog = store.read(Catalog::load);
        catalog.require(dimension);
        if (!catalog.valueCodes(dimension).contains(code)) {
            throw new org.wanglai.api.NotFoundException("value", dimension + "/" + code);
        }
        if (nameZh == null || nameZh.isBlank() || nameZh.length() > 60) {
            throw new ValidationException("nameZh", "is required, at most 60 characters");
        }
        store.write(tx -> store.mapper(tx).renameValue(dimension, code, nameZh.trim(),
                nameEn == null || nameEn.isBlank() ? code : nameEn.trim()));
    }

    /** Removes a value of a custom dimension that no customer, lock or rule uses. */
    public void deleteValue(String dimension, String code) {
        Catalog catalog = store.read(Catalog::load);
        DimensionRow d = catalog.require(dimension);
        if (Boolean.TRUE.equals(d.builtIn())) {
            throw new ValidationException("dimension", "the values of the built-in dimension " + dimension + " are fixed");
        }
        if (!catalog.valueCodes(dimension).contains(code)) {
            throw new org.wanglai.api.NotFoundException("value", dimension + "/" + code);
        }
        store.write(tx -> {
            ClsMapper m = store.mapper(tx);
            List<org.wanglai.api.ValidationError> errors = new ArrayList<>();
            long used = m.countAssignmentsWithValue(dimension, code);
            if (used > 0) {
                errors.add(new org.wanglai.api.ValidationError(0, "code", used + " customers have the value " + code));
            }
            long locks = m.countLocksWithValue(dimension, code);
            if (locks > 0) {
                errors.add(new org.wanglai.api.ValidationError(0, "code", locks + " locks hold the value " + code));
            }
            long rules = m.countRulesWithValue(dimension, code);
            if (rules > 0) {
                errors.add(new org.wanglai.api.ValidationError(0, "code", rules + " rules give the value " + code));
            }
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            m.deleteValue(dimension, code);
            return null;
        });
    }
}
