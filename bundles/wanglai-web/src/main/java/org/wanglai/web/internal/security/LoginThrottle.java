package org.wanglai.web.internal.security;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows down password guessing: after {@code maxFailures} consecutive failures for one user name, or
 * {@code maxFailuresPerAddress} from one address (higher, as an office shares one address), further attempts are
 * refused for {@code lockoutSeconds}, whether or not the user exists.
 */
public final class LoginThrottle {

    private static final int MAX_TRACKED = 10_000;

    private final int maxFailures;
    private final int maxFailuresPerAddress;
    private final long lockoutMillis;
    private final Clock clock;
    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, int maxFailuresPerAddress, long lockoutSeconds, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("loginMaxFailures must be at least 1");
        }
        if (maxFailuresPerAddress < maxFailures) {
            throw new IllegalArgumentException("loginMaxFailuresPerAddress must be at least loginMaxFailures");
        }
        this.maxFailures = maxFailures;
        this.maxFailuresPerAddress = maxFailuresPerAddress;
        this.lockoutMillis = lockoutSeconds * 1000;
        this.clock = clock;
    }

    /** Seconds until the user and the address may try again; 0 when they may try now. */
    public long lockedForSeconds(String user, String address) {
        long now = clock.millis();
        long until = Math.max(lockedUntil(userKey(user), now), lockedUntil(addressKey(address), now));
        return until <= now ? 0 : (until - now + 999) / 1000;
    }

    public void failed(String user, String address) {
        long now = clock.millis();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> f.lockedUntil < now && now - f.last > lockoutMillis);
        }
        record(userKey(user), now, maxFailures);
        record(addressKey(address), now, maxFailuresPerAddress);
    }

    public void succeeded(String user, String address) {
        failures.remove(userKey(user));
        failures.remove(addressKey(address));
    }

    private void record(String key, long now, int max) {
        failures.compute(key, (k, f) -> {
            Failures next = f == null || f.lockedUntil != 0 && f.lockedUntil <= now ? new Failures(0, 0, now) : f;
            int count = next.count + 1;
            return new Failures(count, count >= max ? now + lockoutMillis : 0, now);
        });
    }

    private long lockedUntil(String key, long now) {
        Failures f = failures.get(key);
        return f == null ? 0 : f.lockedUntil;
    }

    private static String userKey(String user) {
        return "u:" + (user == null ? "" : user.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a:" + (address == null ? "" : address);
    }

    private record Failures(int count, long lockedUntil, long last) {
    }
}
