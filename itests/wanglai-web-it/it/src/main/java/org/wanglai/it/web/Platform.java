package org.wanglai.it.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.it.support.TestDatabase;

/** Configures the web platform once per framework: users, SSO secret; waits until Jetty serves /wanglai. */
final class Platform {
    static final String SSO_SECRET = "web-it-sso-secret-0123456789abcdef";
    static final Map<String, String> USERS = Map.of(
            "admin", "admin",
            "anna", "accountant",
            "victor", "viewer",
            "approver", "viewer,sample-approver",
            "lockme", "viewer");

    private Platform() {
    }

    static String password(String user) {
        return "pw-" + user + "-2026";
    }

    static HostDatabase setUp(BundleContext ctx, ConfigurationAdmin cm) throws Exception {
        HostDatabase db = TestDatabase.configure(ctx, cm);
        Configuration users = cm.getConfiguration("org.wanglai.web.users", "?");
        if (users.getProperties() == null) {
            StringBuilder entries = new StringBuilder();
            for (Map.Entry<String, String> u : USERS.entrySet()) {
                entries.append(u.getKey()).append(':').append(u.getValue()).append(':')
                        .append(hash(password(u.getKey()))).append('\n');
            }
            Dictionary<String, Object> d = new Hashtable<>();
            d.put("users", new String[] {entries.toString()});
            users.update(d);
            web(cm, 1800);
        }
        String base = base(ctx);
        HttpClient http = HttpClient.newHttpClient();
        TestDatabase.waitUntil(() -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("login.js");
            } catch (Exception e) {
                return false;
            }
        }, 30_000, "the web platform at " + base);
        return db;
    }

    static void web(ConfigurationAdmin cm, long idleSeconds) throws Exception {
        Configuration web = cm.getConfiguration("org.wanglai.web", "?");
        Dictionary<String, Object> d = new Hashtable<>();
        d.put("ssoSecret", SSO_SECRET);
        d.put("sessionIdleSeconds", idleSeconds);
        d.put("frameAncestors", "'self' https://erp.example.com");
        web.update(d);
    }

    static String base(BundleContext ctx) {
        return "http://127.0.0.1:" + ctx.getProperty("org.osgi.service.http.port") + "/wanglai";
    }

    /** What the host ERP does: {@code user|roles|expires|HMAC-SHA256}, see docs/web-sso.md. */
    static String ssoToken(String user, String roles, long expiresEpochSeconds, String secret) throws Exception {
        String payload = user + "|" + roles + "|" + expiresEpochSeconds;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return payload + "|" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    /** What {@code wanglai:hashpassword} prints. */
    static String hash(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, 210_000, 256);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return "pbkdf2$210000$" + Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(hash);
    }
}
