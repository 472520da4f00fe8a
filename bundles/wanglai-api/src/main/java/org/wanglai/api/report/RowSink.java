package org.wanglai.api.report;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives report rows. */
@FunctionalInterface
@ConsumerType
public interface RowSink {
    /**
     * @param values one value per column: String (TEXT), Long (INTEGER), BigDecimal (DECIMAL, PERCENT as a ratio
     *        where 0.25 is 25%), {@link org.wanglai.api.Money} (MONEY), LocalDate (DATE); null for empty
     * @return false to stop the stream
     */
    boolean row(Object[] values);
}
