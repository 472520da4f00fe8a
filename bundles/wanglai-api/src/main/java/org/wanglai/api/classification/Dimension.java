package org.wanglai.api.classification;

import java.util.List;
import java.util.Objects;

import org.wanglai.api.LocalizedText;

/**
 * A classification dimension (tag): its id (e.g. {@code value_tier}), name, method ({@code ATTRIBUTE},
 * {@code RULES}, {@code RFM}, {@code WEIGHTED}, {@code KMEANS}, {@code LIFECYCLE}, {@code CREDIT}, {@code CATEGORY}),
 * whether it is built in, whether runs compute it, and its allowed values (empty for open-valued dimensions such as
 * industry).
 */
public record Dimension(String id, LocalizedText name, String method, boolean builtIn, boolean enabled,
        List<DimensionValue> values) {
    public Dimension {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** One allowed value of a dimension: a stable code and its names. */
    public record DimensionValue(String code, LocalizedText name) {
        public DimensionValue {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(name, "name");
        }
    }
}
