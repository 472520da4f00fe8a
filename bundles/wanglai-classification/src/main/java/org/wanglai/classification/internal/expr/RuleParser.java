package org.wanglai.classification.internal.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parser of the rule language:
 *
 * <pre>
 * condition := or
 * or        := and ( 'or' and )*
 * and       := not ( 'and' not )*
 * not       := 'not' not | test
 * test      := operand [ ( '=' | '!=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' ) operand
 *                      | [ 'not' ] 'in' '(' literal ( ',' literal )* ')'
 *                      | 'is' [ 'not' ] 'null' ]
 * operand   := number | 'text' | name | 'true' | 'false' | '(' condition ')' | '-' number
 * </pre>
 *
 * Names come from a fixed vocabulary with a type each; keywords are case-insensitive. Errors name the 1-based
 * position and the reason.
 */
public final class RuleParser {
    private final Map<String, Type> vocabulary;
    private String src;
    private int pos;

    public RuleParser(Map<String, Type> vocabulary) {
        this.vocabulary = Map.copyOf(vocabulary);
    }

    public Expr parse(String condition) {
        if (condition == null || condition.isBlank()) {
            throw new RuleSyntaxException(1, "the condition is empty");
        }
        if (condition.length() > 1000) {
            throw new RuleSyntaxException(1001, "the condition is longer than 1000 characters");
        }
        this.src = condition;
        this.pos = 0;
        Expr e = or();
        skipSpace();
        if (pos < src.length()) {
            throw error("unexpected '" + rest() + "'");
        }
        if (e.type() != Type.BOOLEAN) {
            throw new RuleSyntaxException(1, "the condition is a " + e.type().name().toLowerCase(Locale.ROOT)
                    + ", not a true/false test (compare it with something)");
        }
        return e;
    }

    private Expr or() {
        Expr left = and();
        while (keyword("or")) {
            int at = pos;
            left = new Expr.Or(bool(left, at), bool(and(), at));
        }
        return left;
    }

    private Expr and() {
        Expr left = notOnly();
        while (keyword("and")) {
            int at = pos;
            left = new Expr.And(bool(left, at), bool(notOnly(), at));
        }
        return left;
    }

    private Expr notOnly() {
        int at = mark();
        if (keyword("not")) {
            return new Expr.Not(bool(notOnly(), at));
        }
        return test();
    }

    private Expr test() {
        Expr left = operand();
        skipSpace();
        int at = pos + 1;
        String op = operator();
        if (op != null) {
            Expr right = operand();
            if (left.type() == Type.BOOLEAN || right.type() == Type.BOOLEAN) {
                throw new RuleSyntaxException(at, "'" + op + "' compares numbers or texts, not true/false tests");
            }
            if (left.type() != right.type()) {
                throw new RuleSyntaxException(at, "cannot compare a " + word(left.type()) + " with a " + word(right.type()));
            }
            if (left.type() == Type.TEXT && !op.equals("=") && !op.equals("!=")) {
                throw new RuleSyntaxException(at, "texts can only be compared with = or !=");
            }
            return new Expr.Compare(left, op, right);
        }
        int save = pos;
        boolean negated = keyword("not");
        if (keyword("in")) {
            return in(left, negated, at);
        }
        pos = save;
        if (keyword("is")) {
            boolean isNot = keyword("not");
            if (!keyword("null")) {
                throw error("expected 'null' after 'is'");
            }
            return new Expr.IsNull(left, isNot);
        }
        return left;
    }

    private Expr in(Expr left, boolean negated, int at) {
        if (left.type() == Type.BOOLEAN) {
            throw new RuleSyntaxException(at, "'in' needs a number or a text on its left");
        }
        expect('(');
        List<Object> options = new ArrayList<>();
        do {
            int litAt = mark();
            Expr lit = operand();
            if (!(lit instanceof Expr.Literal l)) {
                throw new RuleSyntaxException(litAt, "the list after 'in' holds literal values only");
            }
            if (l.type() != left.type()) {
                throw new RuleSyntaxException(litAt, "the list after 'in' mixes a " + word(l.type()) + " into a "
                        + word(left.type()) + " test");
            }
            options.add(l.value());
        } while (accept(','));
        expect(')');
        return new Expr.In(left, options, negated);
    }

    private Expr operand() {
        skipSpace();
        if (pos >= src.length()) {
            throw error("the condition ends too early");
        }
        char c = src.charAt(pos);
        int start = pos;
        if (c == '(') {
            pos++;
            Expr inner = or();
            expect(')');
            return inner;
        }
        if (c == '\'') {
            StringBuilder b = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= src.length()) {
                    throw new RuleSyntaxException(start + 1, "the text starting here is not closed with '");
                }
                char d = src.charAt(pos++);
                if (d == '\'') {
                    if (pos < src.length() && src.charAt(pos) == '\'') {
                        b.append('\'');
                        pos++;
                    } else {
                        break;
                    }
                } else {
                    b.append(d);
                }
            }
            return new Expr.Literal(b.toString(), Type.TEXT);
        }
        if (Character.isDigit(c) || c == '-' || c == '.') {
            pos++;
            while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.'
                    || src.charAt(pos) == '_')) {
                pos++;
            }
            String text = src.substring(start, pos).replace("_", "");
            try {
                return new Expr.Literal(new BigDecimal(text), Type.NUMBER);
            } catch (NumberFormatException e) {
                throw new RuleSyntaxException(start + 1, "'" + text + "' is not a number");
            }
        }
        if (Character.isLetter(c)) {
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            String name = src.substring(start, pos);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return new Expr.Literal(Boolean.valueOf(lower), Type.BOOLEAN);
            }
            Type t = vocabulary.get(lower);
            if (t == null) {
                pos = start;
                throw error("unknown name '" + name + "'" + suggestion(lower));
            }
            return new Expr.Name(lower, t);
        }
        throw error("unexpected '" + c + "'");
    }

    private String suggestion(String name) {
        String best = null;
        int bestDistance = 3;
        for (String known : vocabulary.keySet()) {
            int d = distance(name, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private String operator() {
        for (String op : new String[] { "<=", ">=", "!=", "<>", "=", "<", ">" }) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                return op.equals("<>") ? "!=" : op;
            }
        }
        return null;
    }

    private Expr bool(Expr e, int at) {
        if (e.type() != Type.BOOLEAN) {
            throw new RuleSyntaxException(at, "'and', 'or' and 'not' need true/false tests, not a " + word(e.type()));
        }
        return e;
    }

    private static String word(Type t) {
        return switch (t) {
            case NUMBER -> "number";
            case TEXT -> "text";
            case BOOLEAN -> "true/false test";
        };
    }

    private boolean keyword(String kw) {
        skipSpace();
        int end = pos + kw.length();
        if (end <= src.length() && src.regionMatches(true, pos, kw, 0, kw.length())
                && (end == src.length() || !(Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_'))) {
            pos = end;
            return true;
        }
        return false;
    }

    private boolean accept(char c) {
        skipSpace();
        if (pos < src.length() && src.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error(pos >= src.length() ? "expected '" + c + "' but the condition ends" : "expected '" + c + "'");
        }
    }

    private int mark() {
        skipSpace();
        return pos + 1;
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private String rest() {
        String r = src.substring(pos);
        return r.length() > 20 ? r.substring(0, 20) + "…" : r;
    }

    private RuleSyntaxException error(String reason) {
        skipSpace();
        return new RuleSyntaxException(pos + 1, reason);
    }
}
