package org.wanglai.it.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One HTTP client with its own cookies, like one browser; speaks JSON to /wanglai/api. */
final class Browser {
    static final ObjectMapper JSON = new ObjectMapper();

    final String base;
    final HttpClient http;
    String csrf;

    Browser(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    /** A JSON call; the CSRF header is sent when {@code withCsrf} and this browser has a token. */
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

    HttpResponse<byte[]> login(String user, String password) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = call("POST", "login", Map.of("user", user, "password", password), false,
                "Accept-Language", "en");
        if (r.statusCode() == 200) {
            csrf = json(r).get("csrfToken").asText();
        }
        return r;
    }

    Browser loggedIn(String user, String password) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = login(user, password);
        if (r.statusCode() != 200) {
            throw new AssertionError("login of " + user + " failed: " + r.statusCode() + " " + text(r));
        }
        return this;
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
