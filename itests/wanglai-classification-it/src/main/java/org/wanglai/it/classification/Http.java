package org.wanglai.it.classification;

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

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.wanglai.it.support.TestDatabase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The web platform as a browser sees it: users with each standard role configured once per framework, and one HTTP
 * client with its own cookies and CSRF token per logged-in user.
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> USERS = Map.of("admin", "admin", "anna", "accountant", "victor", "viewer");

    final String base;
    final HttpClient client;
    String csrf;

    private Http(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static String password(String user) {
        return "pw-" + user + "-2026";
    }

    /** Configures the users (once) and waits until Jetty serves the login page. */
    static String setUp(BundleContext ctx, ConfigurationAdmin cm) throws Exception {
        Configuration users = cm.getConfiguration("org.wanglai.web.users", "?");
        if (users.getProperties() == null) {
            StringBuilder entries = new StringBuilder();
            for (Map.Entry<String, String> u : USERS.entrySet()) {
                entries.append(u.getKey()).append(':').append(u.getValue()).append(':').append(hash(password(u.getKey())))
                        .append('\n');
            }
            Dictionary<String, Object> d = new Hashtable<>();
            d.put("users", new String[] { entries.toString() });
            users.update(d);
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
        return base;
    }

    static Http anonymous(String base) {
        return new Http(base);
    }

    static Http as(String base, String user) throws Exception {
        Http h = new Http(base);
        HttpResponse<byte[]> r = h.call("POST", "login", Map.of("user", user, "password", password(user)), false);
        if (r.statusCode() != 200) {
            throw new AssertionError("login of " + user + " failed: " + r.statusCode() + " " + text(r));
        }
        h.csrf = json(r).get("csrfToken").asText();
        return h;
    }

    /** A JSON call in English; the CSRF header is sent when {@code withCsrf} and this client has a token. */
    HttpResponse<byte[]> call(String method, String path, Object body, boolean withCsrf) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/" + path));
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        b.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        b.header("Content-Type", "application/json").header("Accept", "application/json").header("Accept-Language", "en");
        if (withCsrf && csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return client.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return call("GET", path, null, false);
    }

    HttpResponse<byte[]> send(String method, String path, Object body) throws IOException, InterruptedException {
        return call(method, path, body, true);
    }

    /** A multipart upload of {@code content} as the part {@code file}, with the CSRF header when logged in. */
    HttpResponse<byte[]> upload(String path, String fileName, byte[] content) throws IOException, InterruptedException {
        String boundary = "----classification-it";
        byte[] h = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] t = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[h.length + content.length + t.length];
        System.arraycopy(h, 0, body, 0, h.length);
        System.arraycopy(content, 0, body, h.length, content.length);
        System.arraycopy(t, 0, body, h.length + content.length, t.length);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/" + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "application/json")
                .header("Accept-Language", "en").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return client.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The JSON answer of a call that must succeed with {@code status}. */
    JsonNode ok(int status, HttpResponse<byte[]> r) throws IOException {
        if (r.statusCode() != status) {
            throw new AssertionError(r.request().method() + " " + r.request().uri() + ": expected " + status + ", got "
                    + r.statusCode() + " " + text(r));
        }
        return r.body().length == 0 ? null : json(r);
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
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
