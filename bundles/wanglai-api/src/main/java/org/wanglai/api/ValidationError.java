package org.wanglai.api;

/**
 * One problem with user input. {@code row} is 1-based as a person counts rows in a sheet (0 when the input has no
 * rows), {@code field} names the column, setting or rule position.
 */
public record ValidationError(int row, String field, String message) {
    @Override
    public String toString() {
        return (row > 0 ? "row " + row + ", " : "") + (field != null ? field + ": " : "") + message;
    }
}
