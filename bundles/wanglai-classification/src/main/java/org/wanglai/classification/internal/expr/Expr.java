package org.wanglai.classification.internal.expr;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A parsed condition. Evaluation never runs code: it walks this tree over a lookup of names to values (BigDecimal
 * or String, null when unknown). A comparison with a missing value is false; use {@code is null} to test for it.
 */
public sealed interface Expr {

    Type type();

    Object eval(Function<String, Object> values);

    default boolean test(Function<String, Object> values) {
        return Boolean.TRUE.equals(eval(values));
    }

    record Literal(Object value, Type type) implements Expr {
        @Override
        public Object eval(Function<String, Object> values) {
            return value;
        }
    }

    record Name(String name, Type type) implements Expr {
        @Override
        public Object eval(Function<String, Object> values) {
            Object v = values.apply(name);
            if (v == null) {
                return null;
            }
            if (type == Type.NUMBER) {
                if (v instanceof BigDecimal b) {
                    return b;
                }
                if (v instanceof Number n) {
                    return new BigDecimal(n.toString());
                }
            }
            return type == Type.TEXT ? v.toString() : v;
        }
    }

    record And(Expr left, Expr right) implements Expr {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }

        @Override
        public Object eval(Function<String, Object> values) {
            return left.test(values) && right.test(values);
        }
    }

    record Or(Expr left, Expr right) implements Expr {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }

        @Override
        public Object eval(Function<String, Object> values) {
            return left.test(values) || right.test(values);
        }
    }

    record Not(Expr operand) implements Expr {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }

        @Override
        public Object eval(Function<String, Object> values) {
            return !operand.test(values);
        }
    }

    record Compare(Expr left, String op, Expr right) implements Expr {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }

        @Override
        public Object eval(Function<String, Object> values) {
            Object l = left.eval(values);
            Object r = right.eval(values);
            if (l == null || r == null) {
                return false;
            }
            int c = l instanceof BigDecimal lb ? lb.compareTo((BigDecimal) r) : ((String) l).compareTo((String) r);
            return switch (op) {
                case "=" -> c == 0;
                case "!=" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> throw new IllegalStateException(op);
            };
        }
    }

    record In(Expr left, List<Object> options, boolean negated) implements Expr {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }

        @Override
        public Object eval(Function<String, Object> values) {
            Object l = left.eval(values);
            if (l == null) {
                return false;
            }
            boolean found = false;
            for (Object o : options) {
                if (l instanceof BigDecimal lb ? lb.compareTo((BigDecimal) o) == 0 : l.equals(o)) {
                    found = true;
                    break;
                }
            }
            return found != negated;
        }
    }

    record IsNull(Expr operand, boolean negated) implements Expr {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }

        @Override
        public Object eval(Function<String, Object> values) {
            return Objects.isNull(operand.eval(values)) != negated;
        }
    }
}
