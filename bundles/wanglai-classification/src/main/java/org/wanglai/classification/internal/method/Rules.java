package org.wanglai.classification.internal.method;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.classification.internal.expr.Expr;
import org.wanglai.classification.internal.expr.RuleParser;
import org.wanglai.classification.internal.expr.RuleSyntaxException;
import org.wanglai.classification.internal.expr.Type;
import org.wanglai.classification.internal.metrics.CustomerMetrics;

/**
 * An ordered rule list of one dimension: the first rule whose condition holds gives the value; when none holds the
 * dimension's {@code default} applies (no value when there is no default).
 */
public final class Rules {

    /** One stored rule. */
    public record Rule(long id, int seq, String condition, String value) {
    }

    private record Compiled(Rule rule, Expr expr) {
    }

    private final List<Compiled> compiled;
    private final String fallback;

    private Rules(List<Compiled> compiled, String fallback) {
        this.compiled = compiled;
        this.fallback = fallback;
    }

    /** The names a rule may use: metrics, attributes, and the dimensions (their value codes, as texts). */
    public static Map<String, Type> vocabulary(Iterable<String> dimensionIds) {
        Map<String, Type> v = new HashMap<>(CustomerMetrics.VOCABULARY);
        for (String d : dimensionIds) {
            v.putIfAbsent(d, Type.TEXT);
        }
        return v;
    }

    /**
     * One problem of a rule list: the rule's 1-based position in the list, the field ({@code condition} or
     * {@code value}), the 1-based character position in the condition (null for a value problem) and the reason.
     */
    public record Problem(int rule, String field, Integer position, String reason) {
        ValidationError toError(String dimension) {
            String f = dimension + ".rules[" + rule + "]." + field;
            return new ValidationError(rule, f, position == null ? reason : "at position " + position + ": " + reason);
        }
    }

    /** Every problem of {@code rules}, in list order; empty when all of them parse and name an allowed value. */
    public static List<Problem> problems(String dimension, List<Rule> rules, Map<String, Type> vocabulary,
            java.util.Set<String> allowedValues) {
        RuleParser parser = new RuleParser(vocabulary);
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            try {
                parser.parse(r.condition());
            } catch (RuleSyntaxException e) {
                problems.add(new Problem(i + 1, "condition", e.position(), e.reason()));
            }
            if (r.value() == null || r.value().isBlank()) {
                problems.add(new Problem(i + 1, "value", null, "the value is empty"));
            } else if (!allowedValues.isEmpty() && !allowedValues.contains(r.value())) {
                problems.add(new Problem(i + 1, "value", null,
                        "'" + r.value() + "' is not a value of " + dimension + " " + allowedValues));
            }
        }
        return problems;
    }

    /**
     * Parses every rule; all errors are reported together, each naming the rule's position in the list
     * ({@code rules[2].condition}) and the character position.
     */
    public static Rules compile(String dimension, List<Rule> rules, Map<String, Type> vocabulary, String fallback,
            java.util.Set<String> allowedValues) {
        List<Problem> problems = problems(dimension, rules, vocabulary, allowedValues);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems.stream().map(p -> p.toError(dimension)).toList());
        }
        RuleParser parser = new RuleParser(vocabulary);
        List<Compiled> out = new ArrayList<>();
        for (Rule r : rules) {
            out.add(new Compiled(r, parser.parse(r.condition())));
        }
        return new Rules(out, fallback);
    }

    /** The value and the reason (which rule matched, or the default). */
    public Computed evaluate(Function<String, Object> values) {
        for (Compiled c : compiled) {
            if (c.expr().test(values)) {
                return new Computed(c.rule().value(), "rule " + c.rule().id(), null,
                        "rule #" + c.rule().seq() + " (id " + c.rule().id() + "): " + c.rule().condition());
            }
        }
        return fallback == null ? null : new Computed(fallback, "default", null, "no rule matched: default");
    }
}
