package org.wanglai.api.web;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated user. The standard roles are hierarchical, {@code admin} ⊃ {@code accountant} ⊃ {@code viewer}:
 * an accountant has every viewer right. Any other role (e.g. {@code credit-approver}) is a plain name that is checked
 * exactly.
 */
public record WebUser(String name, Set<String> roles, Locale locale) {

    public static final String VIEWER = "viewer";
    public static final String ACCOUNTANT = "accountant";
    public static final String ADMIN = "admin";

    public WebUser {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
        locale = locale == null ? Locale.SIMPLIFIED_CHINESE : locale;
    }

    /** True when the user holds {@code role} directly or through the hierarchy admin ⊃ accountant ⊃ viewer. */
    public boolean hasRole(String role) {
        if (role == null) {
            return false;
        }
        if (roles.contains(role) || roles.contains(ADMIN) && isStandard(role)) {
            return true;
        }
        return VIEWER.equals(role) && roles.contains(ACCOUNTANT);
    }

    /** True for viewer, accountant and admin. */
    public static boolean isStandard(String role) {
        return VIEWER.equals(role) || ACCOUNTANT.equals(role) || ADMIN.equals(role);
    }
}
