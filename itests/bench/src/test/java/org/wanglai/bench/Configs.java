package org.wanglai.bench;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Instances of a component's {@code @ObjectClassDefinition} configuration type outside OSGi: every attribute has its
 * declared default unless overridden, as SCR would give it from an empty configuration.
 */
final class Configs {
    private Configs() {
    }

    static <A extends Annotation> A of(Class<A> type, Map<String, Object> overrides) {
        for (String name : overrides.keySet()) {
            try {
                type.getMethod(name);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type.getName() + " has no setting " + name);
            }
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (p, m, args) -> {
            switch (m.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + overrides;
                case "hashCode":
                    return System.identityHashCode(p);
                case "equals":
                    return p == args[0];
                default:
                    Object v = overrides.get(m.getName());
                    return v != null ? v : m.getDefaultValue();
            }
        });
        return type.cast(proxy);
    }
}
