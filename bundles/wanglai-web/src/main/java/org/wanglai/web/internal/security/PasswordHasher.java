package org.wanglai.web.internal.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2WithHmacSHA256 password hashes in the form {@code pbkdf2$<iterations>$<saltB64>$<hashB64>} (standard
 * Base64), 16-byte salt, 32-byte hash. The iteration floor follows OWASP's recommendation for PBKDF2-HMAC-SHA256.
 */
public final class PasswordHasher {

    public static final int MIN_ITERATIONS = 210_000;
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final SecureRandom random;

    public PasswordHasher(SecureRandom random) {
        this.random = random;
    }

    public String hash(char[] password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    public String hash(char[] password, int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("at least " + MIN_ITERATIONS + " iterations, not " + iterations);
        }
        if (password.length == 0) {
            throw new IllegalArgumentException("the password is empty");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations, HASH_BITS);
        Base64.Encoder b64 = Base64.getEncoder();
        return "pbkdf2$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Parses and checks the form of a stored hash; the message says what is wrong without echoing it. */
    public static Stored parse(String stored) {
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !"pbkdf2".equals(parts[0])) {
            throw new IllegalArgumentException("a password hash has the form pbkdf2$iterations$salt$hash");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iterations of a password hash are not a number");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("a password hash needs at least " + MIN_ITERATIONS + " iterations");
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length < 8 || hash.length < 16) {
                throw new IllegalArgumentException("the salt or hash of a password hash is too short");
            }
            return new Stored(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("the salt")) {
                throw e;
            }
            throw new IllegalArgumentException("the salt or hash of a password hash is not Base64");
        }
    }

    /** Constant-time check of {@code password} against a parsed hash. */
    public static boolean verify(char[] password, Stored stored) {
        byte[] actual = derive(password, stored.salt(), stored.iterations(), stored.hash().length * 8);
        return MessageDigest.isEqual(actual, stored.hash());
    }

    public static boolean verify(char[] password, String stored) {
        return verify(password, parse(stored));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** A parsed hash. */
    public record Stored(int iterations, byte[] salt, byte[] hash) {
    }
}
