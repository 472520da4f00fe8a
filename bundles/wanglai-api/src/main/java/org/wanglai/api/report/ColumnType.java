package org.wanglai.api.report;

/** The type of a report or import column, and so of its values and its Excel cell format. */
public enum ColumnType {
    /** String. */
    TEXT,
    /** Long. */
    INTEGER,
    /** BigDecimal. */
    DECIMAL,
    /** {@link org.wanglai.api.Money}: amount with its currency, 2 decimals with thousands separators. */
    MONEY,
    /** BigDecimal ratio: 0.25 shows as 25.0%. */
    PERCENT,
    /** LocalDate. */
    DATE
}
