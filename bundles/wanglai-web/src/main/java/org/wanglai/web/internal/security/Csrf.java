package org.wanglai.web.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/** The synchronizer-token rule: state-changing methods must echo the session's token in {@code X-CSRF-Token}. */
public final class Csrf {

    public static final String HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private Csrf() {
    }

    public static boolean isStateChanging(String method) {
        return !SAFE.contains(method);
    }

    /** Constant-time comparison of the header value with the session's token. */
    public static boolean matches(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
