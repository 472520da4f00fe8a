package org.wanglai.classification.internal.tree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.CustomerCategory;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.imports.ImportColumn;
import org.wanglai.api.imports.ImportRow;
import org.wanglai.api.imports.ImportSpec;
import org.wanglai.api.imports.ParsedImport;
import org.wanglai.api.LocalizedText;
import org.wanglai.classification.internal.Catalog;
import org.wanglai.classification.internal.ClassificationEngine;
import org.wanglai.classification.internal.ClsStore;
import org.wanglai.classification.internal.db.ClsMapper;

/**
 * The host's customer category tree, managed under a coding rule: create, rename, move (the subtree is recoded),
 * delete (only unused leaves), bulk import of nodes and of customer assignments. Every operation is one transaction
 * and checks the whole result before writing.
 */
@Component(service = TreeService.class)
public final class TreeService {
    public static final String RULE_SETTING = "tree.coding_rule";

    /** A node as the tree editor shows it. */
    public record Node(long id, Long parentId, String code, String nameZh, String nameEn, int level, boolean leaf,
            long customers) {
    }

    /** The tree file: the columns of the tree report, so that an export re-imports unchanged. */
    public static final ImportSpec TREE_SPEC = new ImportSpec("classification.tree",
            LocalizedText.of("客户分类树", "Customer category tree"),
            List.of(ImportColumn.text("code", "分类编码", "Code", true).asUnique(),
                    ImportColumn.text("nameZh", "中文名称", "Chinese name", true),
                    ImportColumn.text("nameEn", "英文名称", "English name", false),
                    ImportColumn.text("parent", "上级编码", "Parent code", false)),
            0);

    /** The assignment file: customer code, leaf category code and/or dimension and value, lock flag. */
    public static final ImportSpec ASSIGNMENT_SPEC = new ImportSpec("classification.assignments",
            LocalizedText.of("客户分类归属", "Customer category assignments"),
            List.of(ImportColumn.customer("customer", "客户编码", "Customer code", false),
                    ImportColumn.text("category", "分类编码", "Category code", false),
                    ImportColumn.text("dimension", "维度", "Dimension", false),
                    ImportColumn.text("value", "值", "Value", false),
                    ImportColumn.text("lock", "锁定", "Locked", false)),
            0);

    private final ClsStore store;
    private final HostCustomers host;
    private final ClassificationEngine engine;

    @Activate
    public TreeService(@Reference ClsStore store, @Reference HostCustomers host, @Reference ClassificationEngine engine) {
        this.store = store;
        this.host = host;
        this.engine = engine;
    }

    public CodingRule codingRule() {
        String r = store.read(m -> m.setting(RULE_SETTING));
        return CodingRule.parse(r == null ? "2-2-2" : r);
    }

    /** Changes the coding rule after checking that every existing code follows it. */
    public void setCodingRule(String text) {
        CodingRule rule = CodingRule.parse(text);
        List<ValidationError> errors = checkAll(rule, host.categories());
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        store.write(tx -> {
            ClsMapper m = store.mapper(tx);
            if (m.updateSetting(RULE_SETTING, rule.toString()) == 0) {
                m.insertSetting(RULE_SETTING, rule.toString());
            }
            return null;
        });
    }

    public List<Node> nodes() {
        List<CustomerCategory> all = host.categories();
        Map<Long, Long> usage = new HashMap<>();
        store.read(ClsMapper::categoryUsage).forEach(u -> usage.put(u.categoryId(), u.customers()));
        Set<Long> parents = new HashSet<>();
        all.forEach(c -> {
            if (c.parentId() != null) {
                parents.add(c.parentId());
            }
        });
        CodingRule rule = codingRule();
        List<Node> out = new ArrayList<>();
        all.stream().sorted(Comparator.comparing(CustomerCategory::code)).forEach(c -> out.add(new Node(c.id(),
                c.parentId(), c.code(), c.nameZh(), c.nameEn(), rule.levelOf(c.code()), !parents.contains(c.id()),
                usage.getOrDefault(c.id(), 0L))));
        return out;
    }

    private static List<ValidationError> checkAll(CodingRule rule, List<CustomerCategory> all) {
        Map<Long, CustomerCategory> byId = new HashMap<>();
        all.forEach(c -> byId.put(c.id(), c));
        List<ValidationError> errors = new ArrayList<>();
        for (CustomerCategory c : all) {
            String parent = c.parentId() == null ? null : byId.get(c.parentId()).code();
            for (String p : rule.check(c.code(), parent)) {
                errors.add(new ValidationError(0, "code " + c.code(), p));
            }
        }
        return errors;
    }

    public long create(String parentCode, String code, String nameZh, String nameEn) {
        requireName(nameZh);
        CodingRule rule = codingRule();
        List<Node> nodes = nodes();
        Node parent = parentCode == null || parentCode.isBlank() ? null : find(nodes, parentCode);
        List<String> problems = new ArrayList<>(rule.check(code, parent == null ? null : parent.code()));
        if (nodes.stream().anyMatch(n -> n.code().equals(code))) {
            problems.add("the code " + code + " exists already");
        }
        if (parent != null && parent.customers() > 0) {
            problems.add("the parent " + parent.code() + " has " + parent.customers()
                    + " customers; customers attach to leaf categories only, move them first");
        }
        fail("code", problems);
        return store.write(tx -> host.insertCategory(tx, new CustomerCategory(0, parent == null ? null : parent.id(),
                code, nameZh.trim(), blankToNull(nameEn), null)));
    }

    public void rename(String code, String nameZh, String nameEn) {
        requireName(nameZh);
        CustomerCategory c = category(code);
        store.write(tx -> {
            host.updateCategoryNode(tx, new CustomerCategory(c.id(), c.parentId(), c.code(), nameZh.trim(),
                    blankToNull(nameEn), c.creditWatchPercent()));
            return null;
        });
    }

    /**
     * Moves a node (with its subtree) under another parent (null = top level). The node gets the first free segment
     * of its new level (its old segment when free and of the right width); every descendant's code follows.
     *
     * @return the node's new code
     */
    public String move(String code, String newParentCode) {
        CodingRule rule = codingRule();
        List<Node> nodes = nodes();
        Node node = find(nodes, code);
        Node parent = newParentCode == null || newParentCode.isBlank() ? null : find(nodes, newParentCode);
        List<String> problems = new ArrayList<>();
        if (parent != null && parent.code().startsWith(node.code())) {
            problems.add("cannot move " + code + " under itself or its own descendant " + parent.code());
        }
        List<Node> subtree = nodes.stream().filter(n -> n.code().startsWith(node.code())).toList();
        int depth = subtree.stream().mapToInt(n -> rule.levelOf(n.code()) - node.level()).max().orElse(0);
        int newLevel = parent == null ? 1 : parent.level() + 1;
        if (newLevel + depth > rule.levels()) {
            problems.add("the subtree of " + code + " is " + (depth + 1) + " levels deep; under "
                    + (parent == null ? "the top" : parent.code()) + " it would reach level " + (newLevel + depth)
                    + ", the coding rule " + rule + " allows " + rule.levels());
        }
        if (parent != null && parent.customers() > 0) {
            problems.add("the new parent " + parent.code() + " has " + parent.customers()
                    + " customers; customers attach to leaf categories only");
        }
        fail("parent", problems);
        String prefix = parent == null ? "" : parent.code();
        int width = rule.width(newLevel);
        Set<String> taken = new HashSet<>();
        nodes.stream().filter(n -> !n.code().startsWith(node.code())).forEach(n -> taken.add(n.code()));
        String oldSegment = node.code().substring(node.code().length() - rule.width(node.level()));
        String newCode = null;
        if (oldSegment.length() == width && !taken.contains(prefix + oldSegment)) {
            newCode = prefix + oldSegment;
        } else {
            int max = (int) Math.pow(10, width) - 1;
            for (int i = 1; i <= max; i++) {
                String candidate = prefix + String.format("%0" + width + "d", i);
                if (!taken.contains(candidate)) {
                    newCode = candidate;
                    break;
                }
            }
        }
        if (newCode == null) {
            fail("parent", List.of("no free code left under " + prefix));
        }
        String finalCode = newCode;
        Map<Long, CustomerCategory> byId = new LinkedHashMap<>();
        host.categories().forEach(c -> byId.put(c.id(), c));
        store.write(tx -> {
            // Two passes so that unique codes never collide midway: first a temporary code, then the final one.
            for (Node n : subtree) {
                CustomerCategory c = byId.get(n.id());
                host.updateCategoryNode(tx, new CustomerCategory(c.id(), c.parentId(), "~" + c.id(), c.nameZh(),
                        c.nameEn(), c.creditWatchPercent()));
            }
            for (Node n : subtree) {
                CustomerCategory c = byId.get(n.id());
                Long parentId = n.id() == node.id() ? (parent == null ? null : parent.id()) : c.parentId();
                host.updateCategoryNode(tx, new CustomerCategory(c.id(), parentId,
                        finalCode + n.code().substring(node.code().length()), c.nameZh(), c.nameEn(),
                        c.creditWatchPercent()));
            }
            return null;
        });
        return finalCode;
    }

    public void delete(String code) {
        List<Node> nodes = nodes();
        Node node = find(nodes, code);
        List<String> problems = new ArrayList<>();
        if (!node.leaf()) {
            problems.add("the category " + code + " has sub-categories");
        }
        if (node.customers() > 0) {
            problems.add("the category " + code + " has " + node.customers() + " customers");
        }
        fail("code", problems);
        store.write(tx -> {
            host.deleteCategory(tx, node.id());
            return null;
        });
    }

    /**
     * Imports nodes (columns {@code code}, {@code nameZh}, {@code nameEn}); the parent follows from the code. Existing
     * codes are renamed, new ones created parent first. All rows are checked before anything is written.
     *
     * @return the number of nodes created and renamed (rows whose names are unchanged are not counted)
     */
    public int importTree(ParsedImport parsed) {
        if (!TREE_SPEC.id().equals(parsed.spec().id())) {
            throw new ValidationException("file", "not a category tree file (" + parsed.spec().id() + ")");
        }
        List<ImportRow> rows = parsed.rows();
        CodingRule rule = codingRule();
        Map<String, Node> existing = new HashMap<>();
        nodes().forEach(n -> existing.put(n.code(), n));
        Set<String> codes = new HashSet<>(existing.keySet());
        List<ValidationError> errors = new Errors(parsed.spec(), parsed.errors());
        List<ImportRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((ImportRow r) -> String.valueOf(r.get("code", String.class)).length()));
        for (ImportRow r : sorted) {
            String code = r.get("code", String.class);
            String zh = r.get("nameZh", String.class);
            if (code == null || zh == null || zh.isBlank()) {
                errors.add(new ValidationError(r.rowNumber(), code == null ? "code" : "nameZh", "is required"));
                continue;
            }
            int level = rule.levelOf(code);
            String parent = level <= 1 ? null : code.substring(0, rule.lengthAt(level - 1));
            if (level == 0) {
                errors.add(new ValidationError(r.rowNumber(), "code", "'" + code + "' has no level under the coding rule " + rule));
                continue;
            }
            for (String p : rule.check(code, parent)) {
                errors.add(new ValidationError(r.rowNumber(), "code", p));
            }
            String given = blankToNull(r.get("parent", String.class));
            if (given != null && !given.equals(parent)) {
                errors.add(new ValidationError(r.rowNumber(), "parent", "the coding rule " + rule + " makes "
                        + (parent == null ? "no parent" : parent) + " the parent of " + code + ", not " + given));
            }
            if (parent != null && !codes.contains(parent)) {
                errors.add(new ValidationError(r.rowNumber(), "code", "the parent " + parent + " is neither in the tree nor in the file"));
            }
            if (parent != null && existing.containsKey(parent) && existing.get(parent).customers() > 0 && !existing.containsKey(code)) {
                errors.add(new ValidationError(r.rowNumber(), "code", "the parent " + parent + " has customers; customers attach to leaf categories only"));
            }
            codes.add(code);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return store.write(tx -> {
            Map<String, Long> ids = new HashMap<>();
            existing.forEach((k, n) -> ids.put(k, n.id()));
            Map<Long, CustomerCategory> byId = new HashMap<>();
            host.categories().forEach(c -> byId.put(c.id(), c));
            int n = 0;
            for (ImportRow r : sorted) {
                String code = r.get("code", String.class);
                String zh = r.get("nameZh", String.class).trim();
                String en = blankToNull(r.get("nameEn", String.class));
                if (ids.containsKey(code)) {
                    CustomerCategory c = byId.get(ids.get(code));
                    if (zh.equals(c.nameZh()) && java.util.Objects.equals(en, c.nameEn())) {
                        continue;
                    }
                    host.updateCategoryNode(tx, new CustomerCategory(c.id(), c.parentId(), code, zh, en, c.creditWatchPercent()));
                } else {
                    int level = rule.levelOf(code);
                    Long parentId = level <= 1 ? null : ids.get(code.substring(0, rule.lengthAt(level - 1)));
                    ids.put(code, host.insertCategory(tx, new CustomerCategory(0, parentId, code, zh, en, null)));
                }
                n++;
            }
            return n;
        });
    }

    /**
     * Imports customer assignments: per row a customer code, a leaf category code and/or a dimension with one of its
     * values, and an optional lock flag. Every row is checked before anything is written; the values are written
     * like manual changes (history with user and reason "import &lt;file&gt;") in one transaction.
     *
     * @return the number of values changed (rows already in effect are not counted)
     */
    public int importAssignments(ParsedImport parsed, String user, String fileName) {
        if (!ASSIGNMENT_SPEC.id().equals(parsed.spec().id())) {
            throw new ValidationException("file", "not a category assignment file (" + parsed.spec().id() + ")");
        }
        List<ImportRow> rows = parsed.rows();
        Map<String, Node> byCode = new HashMap<>();
        nodes().forEach(n -> byCode.put(n.code(), n));
        Catalog catalog = engine.catalog();
        String categoryDimension = catalog.dimensions().stream().filter(d -> "CATEGORY".equals(d.method()))
                .map(ClsMapper.DimensionRow::id).findFirst().orElse("category");
        Set<String> codes = new HashSet<>();
        rows.forEach(r -> {
            String c = r.get("customer", String.class);
            if (c != null) {
                codes.add(c.trim());
            }
        });
        Map<String, Long> customerIds = codes.isEmpty() ? Map.of() : host.idsByCodes(codes);
        List<ValidationError> errors = new Errors(parsed.spec(), parsed.errors());
        List<ClassificationEngine.ImportedValue> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ImportRow r : rows) {
            int row = r.rowNumber();
            String cust = blankToNull(r.get("customer", String.class));
            String cat = blankToNull(r.get("category", String.class));
            String dim = blankToNull(r.get("dimension", String.class));
            String value = blankToNull(r.get("value", String.class));
            String lockText = blankToNull(r.get("lock", String.class));
            Long id = cust == null ? null : customerIds.get(cust);
            if (id == null) {
                errors.add(new ValidationError(row, "customer", "unknown customer '" + cust + "'"));
            }
            Boolean lock = parseFlag(lockText);
            if (lock == null) {
                errors.add(new ValidationError(row, "lock", "expected Y/N (是/否), was '" + lockText + "'"));
            }
            if (cat == null && dim == null) {
                errors.add(new ValidationError(row, "category", "give a category code, or a dimension and a value"));
            }
            if (cat != null) {
                Node n = byCode.get(cat);
                if (n == null) {
                    errors.add(new ValidationError(row, "category", "unknown category '" + cat + "'"));
                } else if (!n.leaf()) {
                    errors.add(new ValidationError(row, "category", "'" + cat
                            + "' has sub-categories; customers attach to leaf categories only"));
                } else if (id != null && lock != null) {
                    if (!seen.add(id + "/" + categoryDimension)) {
                        errors.add(new ValidationError(row, "category", "customer " + cust + " has a category earlier in the file"));
                    }
                    values.add(new ClassificationEngine.ImportedValue(id, categoryDimension, cat, n.id(), lock));
                }
            }
            if (dim != null) {
                Optional<ClsMapper.DimensionRow> d = catalog.find(dim);
                if (d.isEmpty() || "CATEGORY".equals(d.get().method())) {
                    errors.add(new ValidationError(row, "dimension", d.isEmpty() ? "unknown dimension '" + dim + "'"
                            : "'" + dim + "' is the category: use the category column"));
                } else if (value == null) {
                    errors.add(new ValidationError(row, "value", "a value of " + dim + " is required"));
                } else {
                    Set<String> allowed = catalog.valueCodes(dim);
                    if (!allowed.isEmpty() && !allowed.contains(value)) {
                        errors.add(new ValidationError(row, "value", "'" + value + "' is not a value of " + dim));
                    } else if (id != null && lock != null) {
                        if (!seen.add(id + "/" + dim)) {
                            errors.add(new ValidationError(row, "dimension", "customer " + cust + " has a value of " + dim
                                    + " earlier in the file"));
                        }
                        values.add(new ClassificationEngine.ImportedValue(id, dim, value, null, lock));
                    }
                }
            } else if (value != null) {
                errors.add(new ValidationError(row, "dimension", "a value needs its dimension"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return engine.importValues(values, user, "import " + (fileName == null ? "" : fileName));
    }

    /**
     * The framework's row errors plus the capability's, at most one per row and column: the framework names a column
     * by its header in the file, the capability by its id, so both are reduced to the column id before comparing.
     */
    private static final class Errors extends ArrayList<ValidationError> {
        private final Set<String> flagged = new HashSet<>();
        private final Map<String, String> idByHeader = new HashMap<>();

        Errors(ImportSpec spec, List<ValidationError> first) {
            for (ImportColumn c : spec.columns()) {
                idByHeader.put(c.header().zh().toLowerCase(Locale.ROOT), c.id());
                idByHeader.put(c.header().en().toLowerCase(Locale.ROOT), c.id());
            }
            first.forEach(this::add);
        }

        @Override
        public boolean add(ValidationError e) {
            String field = e.field() == null ? "" : e.field();
            String column = idByHeader.getOrDefault(field.toLowerCase(Locale.ROOT), field);
            return flagged.add(e.row() + "/" + column) && super.add(e);
        }
    }

    /** Y/N, yes/no, true/false, 1/0, 是/否; empty is N; null when none of these. */
    static Boolean parseFlag(String text) {
        if (text == null) {
            return Boolean.FALSE;
        }
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "y", "yes", "true", "1", "是" -> Boolean.TRUE;
            case "n", "no", "false", "0", "否" -> Boolean.FALSE;
            default -> null;
        };
    }

    private CustomerCategory category(String code) {
        return host.categories().stream().filter(c -> c.code().equals(code)).findFirst()
                .orElseThrow(() -> new NotFoundException("category", code));
    }

    private static Node find(List<Node> nodes, String code) {
        Optional<Node> n = nodes.stream().filter(x -> x.code().equals(code)).findFirst();
        return n.orElseThrow(() -> new NotFoundException("category", code));
    }

    private static void fail(String field, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems.stream().map(p -> new ValidationError(0, field, p)).toList());
        }
    }

    private static void requireName(String nameZh) {
        if (nameZh == null || nameZh.isBlank()) {
            throw new ValidationException("nameZh", "the Chinese name is required");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
