package org.wanglai.classification.internal.method;

import java.math.BigDecimal;

/** A value decided for one customer in one dimension, with a short detail (RFM code, cluster), score and reason. */
public record Computed(String value, String detail, BigDecimal score, String reason) {
    public static Computed of(String value, String reason) {
        return new Computed(value, null, null, reason);
    }
}
