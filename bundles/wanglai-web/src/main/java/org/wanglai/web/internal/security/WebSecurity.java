package org.wanglai.web.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.web.WebUser;

/**
 * Authentication of the web platform (PID {@code org.wanglai.web}): password logins with throttling, server-side
 * sessions with an idle timeout, host single sign-on tokens, and the security headers. A configuration change
 * applies at once and keeps the open sessions.
 */
@Component(service = WebSecurity.class, configurationPid = WebSecurity.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WebSecurity.Config.class)
public final class WebSecurity {

    public static final String PID = "org.wanglai.web";
    public static final String COOKIE = "WLSESSION";
    private static final Logger LOG = LoggerFactory.getLogger(WebSecurity.class);
    private static final Pattern FRAME_ANCESTORS = Pattern.compile("[A-Za-z0-9'*:/.\\- ]{1,500}");
    /** Compared against when the user is unknown, so that a miss costs as much time as a wrong password. */
    private static final String DUMMY_HASH =
            "pbkdf2$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @ObjectClassDefinition(name = "Wanglai web platform",
            description = "Sessions, host single sign-on, login throttling and embedding of the pages under /wanglai.")
    public @interface Config {
        @AttributeDefinition(name = "Session idle timeout (seconds)", description = "A session ends after this long without a request")
        long sessionIdleSeconds() default 1800;

        @AttributeDefinition(name = "Single sign-on secret", type = AttributeType.PASSWORD,
                description = "Shared with the host ERP to sign SSO tokens (at least 32 bytes); empty disables SSO")
        String ssoSecret() default "";

        @AttributeDefinition(name = "Longest SSO token lifetime (seconds)",
                description = "Tokens that expire further in the future than this are refused")
        long ssoMaxLifetimeSeconds() default 3600;

        @AttributeDefinition(name = "Allowed frame ancestors",
                description = "CSP frame-ancestors: who may embed the pages in a frame, e.g. 'self' https://erp.example.com")
        String frameAncestors() default "'self'";

        @AttributeDefinition(name = "Session cookie SameSite", options = {@Option(value = "Strict"), @Option(value = "Lax"),
                @Option(value = "None", label = "None (cross-site frames; needs https)")})
        String cookieSameSite() default "Strict";

        @AttributeDefinition(name = "Failed logins before lockout")
        int loginMaxFailures() default 5;

        @AttributeDefinition(name = "Failed logins from one address before lockout")
        int loginMaxFailuresPerAddress() default 20;

        @AttributeDefinition(name = "Lockout (seconds)")
        long loginLockoutSeconds() default 30;

        @AttributeDefinition(name = "Largest upload (MB)")
        int maxUploadMegabytes() default 20;
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final SessionStore sessions;
    private volatile Settings settings;

    @Reference(policy = ReferencePolicy.DYNAMIC)
    private volatile WebUsers users;

    @Activate
    public WebSecurity(Config config) {
        this(config, Clock.systemUTC());
    }

    WebSecurity(Config config, Clock clock) {
        this.clock = clock;
        this.settings = settings(config, clock);
        this.sessions = new SessionStore(random, clock, () -> settings.idleMillis());
    }

    @Modified
    void modified(Config config) {
        this.settings = settings(config, clock);
        LOG.info("Web platform settings changed: idle timeout {} s, SSO {}", config.sessionIdleSeconds(),
                settings.sso() == null ? "off" : "on");
    }

    private static Settings settings(Config c, Clock clock) {
        if (c.sessionIdleSeconds() < 1) {
            throw new IllegalArgumentException("sessionIdleSeconds must be at least 1");
        }
        if (c.maxUploadMegabytes() < 1) {
            throw new IllegalArgumentException("maxUploadMegabytes must be at least 1");
        }
        String ancestors = c.frameAncestors() == null || c.frameAncestors().isBlank() ? "'self'" : c.frameAncestors().trim();
        if (!FRAME_ANCESTORS.matcher(ancestors).matches()) {
            throw new IllegalArgumentException("frameAncestors must be CSP sources such as 'self' https://erp.example.com");
        }
        String sameSite = c.cookieSameSite() == null ? "Strict" : c.cookieSameSite().trim();
        if (!Set.of("Strict", "Lax", "None").contains(sameSite)) {
            throw new IllegalArgumentException("cookieSameSite must be Strict, Lax or None");
        }
        SsoTokens sso = null;
        if (c.ssoSecret() != null && !c.ssoSecret().isEmpty()) {
            sso = new SsoTokens(c.ssoSecret().getBytes(StandardCharsets.UTF_8), c.ssoMaxLifetimeSeconds(), clock);
        }
        return new Settings(c.sessionIdleSeconds() * 1000, sso, ancestors, sameSite,
                new LoginThrottle(c.loginMaxFailures(), c.loginMaxFailuresPerAddress(), c.loginLockoutSeconds(), clock),
                c.maxUploadMegabytes() * 1024L * 1024L);
    }

    /** The outcome of a password login. */
    public sealed interface LoginResult {
        record Success(WebSession session) implements LoginResult {
        }

        record Failed() implements LoginResult {
        }

        record Locked(long retryAfterSeconds) implements LoginResult {
        }
    }

    public LoginResult login(String name, char[] password, String address, Locale locale) {
        Settings s = settings;
        long locked = s.throttle().lockedForSeconds(name, address);
        if (locked > 0) {
            return new LoginResult.Locked(locked);
        }
        WebUsers current = users;
        Optional<UserDirectory.Entry> entry = current == null ? Optional.empty() : current.directory().find(name);
        boolean ok;
        if (entry.isPresent()) {
            ok = PasswordHasher.verify(password, entry.get().hash());
        } else {
            PasswordHasher.verify(password, DUMMY_HASH);
            ok = false;
        }
        if (!ok) {
            s.throttle().failed(name, address);
            LOG.info("Failed web login for '{}' from {}", sanitize(name), address);
            return new LoginResult.Failed();
        }
        s.throttle().succeeded(name, address);
        LOG.info("Web login of '{}' from {}", name, address);
        return new LoginResult.Success(sessions.create(entry.get().name(), entry.get().roles(), locale, false));
    }

    /** A session for a host-vouched token, or empty when SSO is off or the token is not valid. */
    public Optional<WebSession> ssoLogin(String token, Locale locale) {
        return verifyToken(token).map(id -> {
            LOG.info("Host single sign-on of '{}'", id.user());
            return sessions.create(id.user(), id.roles(), locale, true);
        });
    }

    /** The user a bearer token names, for API calls without a session. */
    public Optional<WebUser> bearer(String token, Locale locale) {
        return verifyToken(token).map(id -> new WebUser(id.user(), id.roles(), locale));
    }

    private Optional<SsoTokens.Identity> verifyToken(String token) {
        SsoTokens sso = settings.sso();
        return sso == null ? Optional.empty() : sso.verify(token);
    }

    public Optional<WebSession> session(String id) {
        Optional<WebSession> s = sessions.find(id);
        WebUsers current = users;
        // A password user removed from the configuration loses the session with the next request.
        if (s.isPresent() && !s.get().fromHost() && (current == null || current.directory().find(s.get().userName()).isEmpty())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return s;
    }

    public void logout(String sessionId) {
        sessions.remove(sessionId);
    }

    public String sessionCookie(WebSession session, boolean secure) {
        return COOKIE + "=" + session.id() + "; Path=/wanglai; HttpOnly; SameSite=" + settings.sameSite()
                + (secure || "None".equals(settings.sameSite()) ? "; Secure" : "");
    }

    public String clearedCookie(boolean secure) {
        return COOKIE + "=; Path=/wanglai; Max-Age=0; HttpOnly; SameSite=" + settings.sameSite() + (secure ? "; Secure" : "");
    }

    public String contentSecurityPolicy() {
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors "
                + settings.frameAncestors();
    }

    public long maxUploadBytes() {
        return settings.maxUploadBytes();
    }

    public boolean ssoEnabled() {
        return settings.sso() != null;
    }

    static String sanitize(String s) {
        if (s == null) {
            return "";
        }
        String t = s.length() > 64 ? s.substring(0, 64) : s;
        return t.replaceAll("[^A-Za-z0-9._@-]", "?");
    }

    private record Settings(long idleMillis, SsoTokens sso, String frameAncestors, String sameSite,
            LoginThrottle throttle, long maxUploadBytes) {
    }
}
