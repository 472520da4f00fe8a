package org.wanglai.credit.internal;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The credit rules for one document type, parsed from a setting such as
 * {@code amount=add; stop=block; hold=block; exceed=block; watch=warn; overdue-days=60:warn;
 * overdue-amount=off; grade=C:warn}.
 *
 * @param addAmount whether the document's amount is added to the exposure (orders); shipments and invoices of
 *        counted orders are already in the exposure
 * @param overdueDays days past due of the oldest open item above which {@code overdueDaysAction} applies (0 = off)
 * @param overdueAmount overdue amount above which {@code overdueAmountAction} applies (0 = off)
 * @param minGrade the lowest grade that does not fire {@code gradeAction} (null = off)
 */
record DocRule(boolean addAmount, Action stop, Action hold, Action exceed, Action watch, int overdueDays,
        Action overdueDaysAction, BigDecimal overdueAmount, Action overdueAmountAction, String minGrade,
        Action gradeAction) {

    static final String DEFAULT_ORDER =
            "amount=add; stop=block; hold=block; exceed=block; watch=warn; overdue-days=60:warn; overdue-amount=off; grade=off";
    static final String DEFAULT_SHIPMENT =
            "amount=ignore; stop=block; hold=block; exceed=off; watch=off; overdue-days=off; overdue-amount=off; grade=off";
    static final String DEFAULT_INVOICE =
            "amount=ignore; stop=block; hold=off; exceed=off; watch=off; overdue-days=off; overdue-amount=off; grade=off";
    static final String DEFAULT_REFUND =
            "amount=ignore; stop=block; hold=block; exceed=off; watch=off; overdue-days=off; overdue-amount=off; grade=off";

    static DocRule parse(String setting, String spec) {
        boolean add = false;
        Action stop = Action.OFF, hold = Action.OFF, exceed = Action.OFF, watch = Action.OFF;
        int days = 0;
        Action daysAction = Action.OFF;
        BigDecimal amount = BigDecimal.ZERO;
        Action amountAction = Action.OFF;
        String grade = null;
        Action gradeAction = Action.OFF;
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("Setting '" + setting + "' must not be empty");
        }
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("Setting '" + setting + "': expected key=value, was '" + part.trim() + "'");
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            switch (key) {
                case "amount":
                    if (!value.equals("add") && !value.equals("ignore")) {
                        throw new IllegalArgumentException("Setting '" + setting + "': amount must be add or ignore, was '" + value + "'");
                    }
                    add = value.equals("add");
                    break;
                case "stop": stop = Action.parse(setting, value); break;
                case "hold": hold = Action.parse(setting, value); break;
                case "exceed": exceed = Action.parse(setting, value); break;
                case "watch": watch = Action.parse(setting, value); break;
                case "overdue-days":
                    if (!value.equals("off")) {
                        String[] t = threshold(setting, key, value);
                        try {
                            days = Integer.parseInt(t[0]);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("Setting '" + setting + "': overdue-days needs a whole number of days, was '" + t[0] + "'");
                        }
                        daysAction = Action.parse(setting, t[1]);
                    }
                    break;
                case "overdue-amount":
                    if (!value.equals("off")) {
                        String[] t = threshold(setting, key, value);
                        try {
                            amount = new BigDecimal(t[0]);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("Setting '" + setting + "': overdue-amount needs an amount, was '" + t[0] + "'");
                        }
                        amountAction = Action.parse(setting, t[1]);
                    }
                    break;
                case "grade":
                    if (!value.equals("off")) {
                        String[] t = threshold(setting, key, value);
                        grade = t[0].toUpperCase(Locale.ROOT);
                        if (Grades.rank(grade) < 0) {
                            throw new IllegalArgumentException("Setting '" + setting + "': grade must be one of " + Grades.ALL + ", was '" + t[0] + "'");
                        }
                        gradeAction = Action.parse(setting, t[1]);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("Setting '" + setting + "': unknown rule '" + key
                            + "' (known: amount, stop, hold, exceed, watch, overdue-days, overdue-amount, grade)");
            }
        }
        if (days < 0 || amount.signum() < 0) {
            throw new IllegalArgumentException("Setting '" + setting + "': thresholds must not be negative");
        }
        return new DocRule(add, stop, hold, exceed, watch, days, daysAction, amount, amountAction, grade, gradeAction);
    }

    private static String[] threshold(String setting, String key, String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Setting '" + setting + "': " + key + " needs threshold:action, e.g. "
                    + key + "=60:warn, was '" + value + "'");
        }
        return new String[] {value.substring(0, colon).trim(), value.substring(colon + 1).trim()};
    }
}
