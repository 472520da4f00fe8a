package org.wanglai.api.report;

/** The type of a report parameter and the Java type of its parsed value. */
public enum ParameterType {
    /** LocalDate, ISO yyyy-MM-dd. */
    DATE,
    /** YearMonth, yyyy-MM. */
    MONTH,
    /** String, one of the parameter's choices. */
    CHOICE,
    /** Long. */
    INTEGER,
    /** String, free text. */
    TEXT,
    /** String: a customer code that must exist. */
    CUSTOMER,
    /** String: a customer category code. */
    CATEGORY
}
