package org.wanglai.web.internal.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/** Server-side sessions keyed by an unguessable id, expiring after an idle time. */
public final class SessionStore {

    private final ConcurrentMap<String, WebSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final Clock clock;
    private final LongSupplier idleMillis;

    /** @param idleMillis read on every access so that a configuration change applies to running sessions */
    public SessionStore(SecureRandom random, Clock clock, LongSupplier idleMillis) {
        this.random = random;
        this.clock = clock;
        this.idleMillis = idleMillis;
    }

    public WebSession create(String user, Set<String> roles, Locale locale, boolean fromHost) {
        long now = clock.millis();
        sessions.values().removeIf(s -> expired(s, now));
        WebSession s = new WebSession(token(32), user, roles, locale, token(32), now, fromHost);
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session with this id, touched; an expired one is removed. */
    public Optional<WebSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        WebSession s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        if (expired(s, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.touch(now);
        return Optional.of(s);
    }

    public void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    public int size() {
        return sessions.size();
    }

    private boolean expired(WebSession s, long now) {
        return now - s.lastAccessMillis() > idleMillis.getAsLong();
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
