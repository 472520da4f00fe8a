package org.wanglai.classification.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationException;
import org.wanglai.api.classification.CustomerExplanation;
import org.wanglai.api.classification.RunOutcome;
import org.wanglai.api.classification.RunPreview;
import org.wanglai.api.classification.StalePreviewException;
import org.wanglai.api.classification.RunRequest;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.classification.internal.method.KMeans;
import org.wanglai.classification.internal.tree.TreeService;

/**
 * Gogo commands: {@code clstree}, {@code clsdims}, {@code clsrules}, {@code clspreview}, {@code clsapply},
 * {@code clsexplain}, {@code clsclusters}, {@code clsprogress}, {@code clscancel}, {@code clslock},
 * {@code clsunlock}, {@code clsruleset}, {@code clscodingrule}, {@code clscatadd}, {@code clscatmove},
 * {@code clscatdel}, {@code clsruns}.
 */
@Component(service = ClassificationCommands.class, property = { "osgi.command.scope=wanglai",
        "osgi.command.function=clstree", "osgi.command.function=clsdims", "osgi.command.function=clsrules",
        "osgi.command.function=clspreview", "osgi.command.function=clsapply", "osgi.command.function=clsexplain",
        "osgi.command.function=clsclusters", "osgi.command.function=clsprogress", "osgi.command.function=clscancel",
        "osgi.command.function=clslock", "osgi.command.function=clsunlock", "osgi.command.function=clsruleset", "osgi.command.function=clscodingrule",
        "osgi.command.function=clscatadd", "osgi.command.function=clscatmove", "osgi.command.function=clscatdel",
        "osgi.command.function=clsruns" })
public final class ClassificationCommands {
    private final ClassificationEngine engine;
    private final TreeService tree;
    private final RuleAdmin rules;
    private final HostCustomers customers;

    @Activate
    public ClassificationCommands(@Reference ClassificationEngine engine, @Reference TreeService tree,
            @Reference RuleAdmin rules, @Reference HostCustomers customers) {
        this.engine = engine;
        this.tree = tree;
        this.rules = rules;
        this.customers = customers;
    }

    /** The category tree with customers per node. */
    public String clstree() {
        StringBuilder b = new StringBuilder("coding rule " + tree.codingRule() + "\n");
        for (TreeService.Node n : tree.nodes()) {
            b.append("  ".repeat(Math.max(0, n.level() - 1))).append(n.code()).append(' ').append(n.nameZh())
                    .append(n.nameEn() == null ? "" : " / " + n.nameEn()).append(n.leaf() ? "  [" + n.customers() + " customers]" : "")
                    .append('\n');
        }
        return b.toString();
    }

    /** Sets the tree's coding rule, e.g. {@code 2-2-2}; every existing code must follow it. */
    public String clscodingrule(String rule) {
        tree.setCodingRule(rule);
        return "coding rule " + tree.codingRule();
    }

    /** Adds a category; {@code -} as parent for the top level. */
    public String clscatadd(String parent, String code, String nameZh, String nameEn) {
        tree.create("-".equals(parent) ? null : parent, code, nameZh, nameEn);
        return clstree();
    }

    /** Moves a category (and its subtree) under another parent; {@code -} for the top level. */
    public String clscatmove(String code, String newParent) {
        String moved = tree.move(code, "-".equals(newParent) ? null : newParent);
        return code + " is now " + moved + "\n" + clstree();
    }

    public String clscatdel(String code) {
        tree.delete(code);
        return clstree();
    }

    public String clsruns() {
        StringBuilder b = new StringBuilder();
        engine.runs(20).forEach(r -> b.append(String.format("%5d %-8s %-10s %s as of %s: %d customers, %d changes, %d locked%n",
                r.id(), r.runTrigger(), r.runUser(), r.startedAt(), r.asOf(), r.customers(), r.changes(), r.lockedSkipped())));
        return b.toString();
    }

    public String clsdims() {
        StringBuilder b = new StringBuilder();
        engine.dimensions().forEach(d -> b.append(String.format("%-16s %-10s %-8s %s %s%n", d.id(), d.method(),
                d.enabled() ? "enabled" : "disabled", d.name().zh(),
                d.values().stream().map(v -> v.code()).toList())));
        return b.toString();
    }

    public String clsrules(String dimension) {
        StringBuilder b = new StringBuilder();
        engine.catalog().rules(dimension).forEach(r -> b.append(String.format("#%d (id %d) %s -> %s%n", r.seq(),
                r.id(), r.conditionText(), r.valueCode())));
        b.append("params: ").append(engine.catalog().params(dimension).all());
        return b.toString();
    }

    /** Replaces a dimension's rules: each argument is {@code condition => VALUE}. */
    public String clsruleset(String dimension, String... rulesText) {
        List<RuleAdmin.RuleInput> in = new java.util.ArrayList<>();
        for (String r : rulesText) {
            int i = r.lastIndexOf("=>");
            if (i < 0) {
                throw new ValidationException("rule", "expected 'condition => VALUE', was '" + r + "'");
            }
            in.add(new RuleAdmin.RuleInput(r.substring(0, i).trim(), r.substring(i + 2).trim()));
        }
        rules.replaceRules(dimension, in);
        return clsrules(dimension);
    }

    public String clspreview() {
        return clspreview(LocalDate.now().toString());
    }

    /** Previews a run and prints its fingerprint, which {@code clsapply <asOf> <fingerprint>} can demand. */
    public String clspreview(String asOf) {
        RunPreview pv = engine.previewWithFingerprint(new RunRequest(LocalDate.parse(asOf), engine.windowMonths(),
                List.of(), Set.of(), "shell", "MANUAL"), (p, d, t) -> { });
        return format(pv.outcome()) + "fingerprint: " + pv.fingerprint() + System.lineSeparator();
    }

    public String clsapply() {
        return clsapply(LocalDate.now().toString());
    }

    public String clsapply(String asOf) {
        RunOutcome o = engine.apply(new RunRequest(LocalDate.parse(asOf), engine.windowMonths(), List.of(), Set.of(),
                "shell", "MANUAL"), (p, d, t) -> { });
        return format(o);
    }

    /** Applies a run only when it makes exactly the changes of the preview that printed {@code fingerprint}. */
    public String clsapply(String asOf, String fingerprint) {
        try {
            RunOutcome o = engine.applyPreviewed(new RunRequest(LocalDate.parse(asOf), engine.windowMonths(), List.of(),
                    Set.of(), "shell", "MANUAL"), (p, d, t) -> { }, fingerprint.trim().toLowerCase(java.util.Locale.ROOT));
            return format(o);
        } catch (StalePreviewException e) {
            return "not applied: " + e.getMessage() + "; preview again";
        }
    }

    public String clsprogress() {
        return engine.progress().map(p -> p.phase() + " " + p.done() + "/" + p.total() + " (" + p.trigger() + " by "
                + p.user() + " since " + p.started() + ")").orElse("no run in progress");
    }

    public String clscancel() {
        return engine.cancel() ? "cancelling: the run rolls back" : "no run in progress";
    }

    public String clsexplain(String customerCode) {
        return clsexplain(customerCode, LocalDate.now().toString());
    }

    public String clsexplain(String customerCode, String asOf) {
        long id = customers.findByCode(customerCode).orElseThrow(() -> new NotFoundException("customer", customerCode)).id();
        CustomerExplanation e = engine.explain(id, LocalDate.parse(asOf));
        StringBuilder b = new StringBuilder(e.code() + " " + e.name() + " as of " + e.asOf() + " (window from "
                + e.windowFrom() + ")\n");
        for (Map.Entry<String, Object> m : e.metrics().entrySet()) {
            b.append(String.format("  %-22s %s%n", m.getKey(), m.getValue()));
        }
        for (CustomerExplanation.Explained d : e.dimensions()) {
            b.append(String.format("  [%s] current %s, computed %s%s: %s%n", d.dimension(), d.current(), d.computed(),
                    d.locked() ? " LOCKED (" + d.lockReason() + ")" : "", d.reason()));
        }
        return b.toString();
    }

    public String clsclusters() {
        Computation c = engine.inspect(LocalDate.now(), engine.windowMonths());
        StringBuilder b = new StringBuilder();
        for (KMeans.Profile p : c.clusters()) {
            b.append("cluster ").append(p.cluster()).append(" -> ").append(p.value()).append(": ").append(p.size())
                    .append(" customers, centre ").append(p.centre()).append('\n');
        }
        c.skipped().forEach((d, why) -> b.append("skipped ").append(d).append(": ").append(why).append('\n'));
        return b.toString();
    }

    public String clslock(String customerCode, String dimension, String value, String reason) {
        long id = customers.findByCode(customerCode).orElseThrow(() -> new NotFoundException("customer", customerCode)).id();
        engine.lock(id, dimension, value, reason, "shell");
        return customerCode + " " + dimension + " locked at " + value;
    }

    public String clsunlock(String customerCode, String dimension) {
        long id = customers.findByCode(customerCode).orElseThrow(() -> new NotFoundException("customer", customerCode)).id();
        engine.unlock(id, dimension, "shell");
        return customerCode + " " + dimension + " unlocked";
    }

    static String format(RunOutcome o) {
        StringBuilder b = new StringBuilder((o.applied() ? "run " + o.runId() + " applied" : "preview") + ": as of "
                + o.asOf() + " (window from " + o.windowFrom() + "), " + o.customers() + " customers, " + o.changes()
                + " changes, " + o.lockedSkipped() + " locked left alone, " + o.millis() + " ms\n");
        for (RunOutcome.Transition t : o.transitions()) {
            b.append(String.format("  %-16s %s -> %s: %d %s%n", t.dimension(), t.from(), t.to(), t.customers(), t.examples()));
        }
        return b.toString();
    }
}
