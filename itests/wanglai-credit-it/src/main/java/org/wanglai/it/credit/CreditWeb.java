package org.wanglai.it.credit;

import java.io.IOException;
import java.net.CookieManager;
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
import org.wanglai.it.support.TestDatabase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The web platform around the credit bundle: users with their roles, the host ERP's SSO secret, and one HTTP client
 * per user (its own cookies and CSRF token, like one browser).
 */
final class CreditWeb {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SSO_SECRET = "credit-it-sso-secret-0123456789abcdef";
    /** anna requests, carl approves; bea may bypass; victor only looks. */
    static final Map<String, String> USERS = Map.of(
            "admin", "admin",
            "anna", "accountant,credit-approver",
            "bea", "accountant,credit-controller",
            "carl", "viewer,credit-approver",
            "victor", "viewer");

    private CreditWeb() {
    }

    static String password(String user) {
        return "pw-" + user + "-2026";
    }

    /** Configures users and SSO once per framework; waits until Jetty serves /wanglai and the credit endpoints. */
    static synchronized String setUp(BundleContext ctx, ConfigurationAdmin cm) throws Exception {
        Configuration users = cm.getConfiguration("org.wanglai.web.users", "?");
        if (users.getProperties() == null) {
            StringBuilder entries = new StringBuilder();
            for (Map.Entry<String, String> u : USERS.entrySet()) {
                entries.append(u.getKey()).append(':').append(u.getValue()).append(':')
                        .append(hash(password(u.getKey()))).append('\n');
            }
            Dictionary<String, Object> d = new Hashtable<>();
            d.put("users", new String[] { entries.toString() });
            users.update(d);
            Configuration web = cm.getConfiguration("org.wanglai.web", "?");
            Dictionary<String, Object> w = new Hashtable<>();
            w.put("ssoSecret", SSO_SECRET);
            w.put("sessionIdleSeconds", 1800L);
            web.update(w);
        }
        String base = "http://127.0.0.1:" + ctx.getProperty("org.osgi.service.http.port") + "/wanglai";
        HttpClient http = HttpClient.newHttpClient();
        TestDatabase.waitUntil(() -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, 30_000, "the web platform at " + base);
        Client admin = new Client(base).loggedIn("admin");
        TestDatabase.waitUntil(() -> {
            try {
                return admin.call("GET", "credit/alerts", null, true).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, 60_000, "the credit endpoints");
        return base;
    }

    /** What the host ERP signs: {@code user|roles|expires|HMAC-SHA256}. */
    static String ssoToken(String user, String roles) throws Exception {
        String payload = user + "|" + roles + "|" + (System.currentTimeMillis() / 1000 + 300);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SSO_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return payload + "|" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    static String hash(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, 210_000, 256);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return "pbkdf2$210000$" + Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(hash);
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** One browser: its own cookies and CSRF token; speaks JSON to /wanglai/api. */
    static final class Client {
        final String base;
        final HttpClient http;
        String csrf;

        Client(String base) {
            this.base = base;
            this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        }

        HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException, InterruptedException {
            return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        /** A JSON call; the CSRF header goes along when {@code withCsrf} and this browser has a token. */
        HttpResponse<byte[]> call(String method, String path, Object body, boolean withCsrf, String... headers)
                throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/" + path));
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            b.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            b.header("Content-Type", "application/json").header("Accept", "application/json");
            if (withCsrf && csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
            if (headers.length > 0) {
                b.headers(headers);
            }
            return send(b);
        }

        HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
            return call("GET", path, null, false);
        }

        HttpResponse<byte[]> post(String path, Object body) throws IOException, InterruptedException {
            return call("POST", path, body, true);
        }

        /** A multipart upload of {@code content} as the part {@code file}. */
        HttpResponse<byte[]> upload(String path, String fileName, byte[] content) throws IOException, InterruptedException {
            String boundary = "----credit-it";
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
            String tail = "\r\n--" + boundary + "--\r\n";
            byte[] h = head.getBytes(StandardCharsets.UTF_8);
            byte[] t = tail.getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[h.length + content.length + t.length];
            System.arraycopy(h, 0, body, 0, h.length);
            System.arraycopy(content, 0, body, h.length, content.length);
            System.arraycopy(t, 0, body, h.length + content.length, t.length);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/" + path))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
            return send(b);
        }

        Client loggedIn(String user) throws IOException, InterruptedException {
            HttpResponse<byte[]> r = call("POST", "login", Map.of("user", user, "password", password(user)), false,
                    "Accept-Language", "en");
            if (r.statusCode() != 200) {
                throw new AssertionError("login of " + user + " failed: " + r.statusCode() + " " + text(r));
            }
            csrf = json(r).get("csrfToken").asText();
            return this;
        }
    }
}
