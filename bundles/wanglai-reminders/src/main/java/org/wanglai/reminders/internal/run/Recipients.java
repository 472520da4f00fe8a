package org.wanglai.reminders.internal.run;

import java.util.regex.Pattern;

/** Recipient addresses of notifications: {@code user:login} or {@code mail:address}. */
public final class Recipients {
    private static final Pattern USER = Pattern.compile("user:[A-Za-z0-9._-]{1,40}");
    private static final Pattern MAIL = Pattern.compile("mail:[^\\s@<>,;:\"]+@[^\\s@<>,;:\"]+\\.[^\\s@<>,;:\"]+");

    private Recipients() {
    }

    public static boolean valid(String r) {
        return r != null && (USER.matcher(r).matches() || MAIL.matcher(r).matches());
    }

    public static String check(String r, String setting) {
        if (!valid(r)) {
            throw new IllegalArgumentException(setting + ": '" + r + "' is neither user:<login> nor mail:<address>");
        }
        return r;
    }
}
