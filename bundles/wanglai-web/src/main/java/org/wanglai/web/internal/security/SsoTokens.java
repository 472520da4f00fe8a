package org.wanglai.web.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Host single sign-on tokens {@code <user>|<role,role>|<expiresEpochSeconds>|<signature>} where the signature is the
 * unpadded Base64url HMAC-SHA256 of {@code <user>|<role,role>|<expiresEpochSeconds>} (UTF-8) under the shared
 * secret. See docs/web-sso.md.
 */
public final class SsoTokens {

    public static final int MIN_SECRET_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private final byte[] secret;
    private final long maxLifetimeSeconds;
    private final Clock clock;

    public SsoTokens(byte[] secret, long maxLifetimeSeconds, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("ssoSecret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.secret = secret.clone();
        this.maxLifetimeSeconds = maxLifetimeSeconds;
        this.clock = clock;
    }

    /** Issues a token; used by tests and by host developers' reference code. */
    public String sign(String user, Set<String> roles, long expiresEpochSeconds) {
        String payload = user + "|" + String.join(",", roles) + "|" + expiresEpochSeconds;
        return payload + "|" + signature(payload);
    }

    /** The verified identity, or empty when the token is malformed, tampered with, expired or too long-lived. */
    public Optional<Identity> verify(String token) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('|');
        if (last < 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, last);
        byte[] given = token.substring(last + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = signature(payload).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, expected)) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 3 || !UserDirectory.NAME.matcher(parts[0]).matches()) {
            return Optional.empty();
        }
        long expires;
        try {
            expires = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        long now = clock.instant().getEpochSecond();
        if (expires <= now || expires > now + maxLifetimeSeconds) {
            return Optional.empty();
        }
        Set<String> roles = new LinkedHashSet<>();
        if (!parts[1].isEmpty()) {
            for (String r : parts[1].split(",")) {
                if (!UserDirectory.ROLE.matcher(r).matches()) {
                    return Optional.empty();
                }
                roles.add(r);
            }
        }
        return Optional.of(new Identity(parts[0], Set.copyOf(roles), expires));
    }

    private String signature(String payload) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            byte[] sig = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is not available", e);
        }
    }

    /** A user the host vouched for. */
    public record Identity(String user, Set<String> roles, long expiresEpochSeconds) {
    }
}
