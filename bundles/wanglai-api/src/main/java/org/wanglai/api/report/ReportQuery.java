package org.wanglai.api.report;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a report: parameter values already parsed to their types (see {@link ParameterType}), the reader's
 * locale and user name.
 */
public record ReportQuery(Map<String, Object> parameters, Locale locale, String user) {
    public ReportQuery {
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(locale, "locale");
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String id, Class<T> type) {
        Object v = parameters.get(id);
        if (v != null && !type.isInstance(v)) {
            throw new IllegalArgumentException("parameter " + id + " is " + v.getClass().getSimpleName()
                    + ", not " + type.getSimpleName());
        }
        return (T) v;
    }

    public <T> T require(String id, Class<T> type) {
        T v = get(id, type);
        if (v == null) {
            throw new org.wanglai.api.ValidationException(id, "is required");
        }
        return v;
    }
}
