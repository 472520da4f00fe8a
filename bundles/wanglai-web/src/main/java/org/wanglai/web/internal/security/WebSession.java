package org.wanglai.web.internal.security;

import java.util.Locale;
import java.util.Set;

import org.wanglai.api.web.WebUser;

/** A logged-in browser session: who, in which language, its CSRF token, and when it was last used. */
public final class WebSession {
    private final String id;
    private final String user;
    private final Set<String> roles;
    private final String csrfToken;
    private final boolean fromHost;
    private volatile Locale locale;
    private volatile long lastAccessMillis;

    WebSession(String id, String user, Set<String> roles, Locale locale, String csrfToken, long now, boolean fromHost) {
        this.fromHost = fromHost;
        this.id = id;
        this.user = user;
        this.roles = Set.copyOf(roles);
        this.locale = locale;
        this.csrfToken = csrfToken;
        this.lastAccessMillis = now;
    }

    public String id() {
        return id;
    }

    public String userName() {
        return user;
    }

    /** True for a session the host opened by single sign-on (not in the users configuration). */
    public boolean fromHost() {
        return fromHost;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public Locale locale() {
        return locale;
    }

    public void locale(Locale locale) {
        this.locale = locale;
    }

    public WebUser user() {
        return new WebUser(user, roles, locale);
    }

    long lastAccessMillis() {
        return lastAccessMillis;
    }

    void touch(long now) {
        lastAccessMillis = now;
    }
}
