package org.wanglai.web.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.wanglai.api.web.WebUser;

class SecurityTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void pbkdf2HashesVerifyOnlyTheirPassword() {
        PasswordHasher hasher = new PasswordHasher(new SecureRandom());
        String hash = hasher.hash("s3cret!".toCharArray());
        assertThat(hash).matches("pbkdf2\\$210000\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+");
        assertThat(PasswordHasher.verify("s3cret!".toCharArray(), hash)).isTrue();
        assertThat(PasswordHasher.verify("s3cret".toCharArray(), hash)).isFalse();
        assertThat(hasher.hash("s3cret!".toCharArray())).as("salted").isNotEqualTo(hash);
        assertThatThrownBy(() -> PasswordHasher.parse("pbkdf2$1000$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA=="))
                .hasMessageContaining("210000");
        assertThatThrownBy(() -> hasher.hash("x".toCharArray(), 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void userEntriesAreParsedAndBadOnesNamed() {
        String hash = new PasswordHasher(new SecureRandom()).hash("pw".toCharArray());
        UserDirectory dir = new UserDirectory(new String[] {"anna:accountant,credit-approver:" + hash + "\n  bo:viewer:" + hash});
        assertThat(dir.size()).isEqualTo(2);
        assertThat(dir.find("anna").orElseThrow().roles()).containsExactlyInAnyOrder("accountant", "credit-approver");
        assertThat(dir.find("nobody")).isEmpty();
        assertThatThrownBy(() -> new UserDirectory(new String[] {"anna:viewer:" + hash, "bad name?:viewer:" + hash}))
                .hasMessageContaining("entry 2");
        assertThatThrownBy(() -> new UserDirectory(new String[] {"anna:Viewer:" + hash})).hasMessageContaining("role");
        assertThatThrownBy(() -> new UserDirectory(new String[] {"anna:viewer:plain"}))
                .hasMessageContaining("entry 1").hasMessageNotContaining("plain");
    }

    @Test
    void ssoTokensVerifyUntilTheyExpireAndNotWhenTampered() {
        MutableClock clock = new MutableClock(1_800_000_000L);
        SsoTokens tokens = new SsoTokens(SECRET, 3600, clock);
        String token = tokens.sign("wang.li", Set.of("accountant"), clock.now + 300);
        SsoTokens.Identity id = tokens.verify(token).orElseThrow();
        assertThat(id.user()).isEqualTo("wang.li");
        assertThat(id.roles()).containsExactly("accountant");

        assertThat(tokens.verify(token.replace("accountant", "admin"))).as("roles tampered").isEmpty();
        assertThat(tokens.verify(token.replace("wang.li", "boss"))).as("user tampered").isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 2) + "AA")).as("signature tampered").isEmpty();
        assertThat(new SsoTokens("another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8), 3600, clock)
                .verify(token)).as("other secret").isEmpty();
        assertThat(tokens.verify(tokens.sign("wang.li", Set.of("admin"), clock.now + 7200))).as("too long-lived").isEmpty();
        assertThat(tokens.verify("garbage")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();

        clock.now += 301;
        assertThat(tokens.verify(token)).as("expired").isEmpty();
        assertThatThrownBy(() -> new SsoTokens(new byte[31], 60, clock)).hasMessageContaining("ssoSecret");
    }

    @Test
    void csrfTokenIsRequiredOnStateChangingMethodsOnly() {
        assertThat(Csrf.isStateChanging("GET")).isFalse();
        assertThat(Csrf.isStateChanging("HEAD")).isFalse();
        assertThat(Csrf.isStateChanging("POST")).isTrue();
        assertThat(Csrf.isStateChanging("PUT")).isTrue();
        assertThat(Csrf.isStateChanging("PATCH")).isTrue();
        assertThat(Csrf.isStateChanging("DELETE")).isTrue();
        assertThat(Csrf.matches("abc", "abc")).isTrue();
        assertThat(Csrf.matches("abc", "abd")).isFalse();
        assertThat(Csrf.matches("abc", null)).isFalse();
        assertThat(Csrf.matches(null, "abc")).isFalse();
    }

    @Test
    void sessionsExpireAfterTheIdleTimeAndCarryTheirOwnCsrfToken() {
        MutableClock clock = new MutableClock(1_800_000_000L);
        SessionStore store = new SessionStore(new SecureRandom(), clock, () -> 60_000);
        WebSession a = store.create("anna", Set.of("viewer"), Locale.ENGLISH, false);
        WebSession b = store.create("bo", Set.of("viewer"), Locale.ENGLISH, false);
        assertThat(a.id()).isNotEqualTo(b.id()).hasSizeGreaterThan(40);
        assertThat(a.csrfToken()).isNotEqualTo(b.csrfToken()).isNotEqualTo(a.id());
        clock.now += 50;
        assertThat(store.find(a.id())).contains(a); // touched
        clock.now += 50;
        assertThat(store.find(a.id())).contains(a);
        assertThat(store.find(b.id())).as("idle for 100 s").isEmpty();
        assertThat(store.find("forged")).isEmpty();
    }

    @Test
    void loginsAreThrottledPerUserAndPerAddress() {
        MutableClock clock = new MutableClock(1_800_000_000L);
        LoginThrottle t = new LoginThrottle(5, 8, 30, clock);
        for (int i = 0; i < 4; i++) {
            t.failed("anna", "10.0.0.1");
        }
        assertThat(t.lockedForSeconds("anna", "10.0.0.1")).isZero();
        t.failed("Anna", "10.0.0.1");
        assertThat(t.lockedForSeconds("anna", "10.0.0.2")).as("same user elsewhere").isEqualTo(30);
        assertThat(t.lockedForSeconds("bo", "10.0.0.1")).as("other users from the same address").isZero();
        t.failed("bo", "10.0.0.1");
        t.failed("cy", "10.0.0.1");
        t.failed("cy", "10.0.0.1");
        assertThat(t.lockedForSeconds("dan", "10.0.0.1")).as("8 failures from one address").isEqualTo(30);
        assertThat(t.lockedForSeconds("bo", "10.0.0.2")).isZero();
        clock.now += 31;
        assertThat(t.lockedForSeconds("anna", "10.0.0.1")).isZero();
        t.failed("anna", "10.0.0.1");
        assertThat(t.lockedForSeconds("anna", "10.0.0.1")).as("count starts again").isZero();
    }

    @Test
    void rolesAreHierarchicalAndExtraRolesExact() {
        WebUser admin = new WebUser("a", Set.of("admin"), null);
        WebUser accountant = new WebUser("b", Set.of("accountant", "credit-approver"), null);
        WebUser viewer = new WebUser("c", Set.of("viewer"), null);
        assertThat(admin.hasRole("viewer")).isTrue();
        assertThat(admin.hasRole("accountant")).isTrue();
        assertThat(admin.hasRole("admin")).isTrue();
        assertThat(admin.hasRole("credit-approver")).as("extra roles are not implied").isFalse();
        assertThat(accountant.hasRole("viewer")).isTrue();
        assertThat(accountant.hasRole("accountant")).isTrue();
        assertThat(accountant.hasRole("admin")).isFalse();
        assertThat(accountant.hasRole("credit-approver")).isTrue();
        assertThat(viewer.hasRole("accountant")).isFalse();
        assertThat(viewer.hasRole(null)).isFalse();
        assertThat(viewer.locale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }

    static final class MutableClock extends Clock {
        long now;

        MutableClock(long epochSeconds) {
            this.now = epochSeconds;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(now);
        }
    }

}
