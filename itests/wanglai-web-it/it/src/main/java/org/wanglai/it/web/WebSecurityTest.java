package org.wanglai.it.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wanglai.it.web.Browser.json;
import static org.wanglai.it.web.Browser.text;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import com.fasterxml.jackson.databind.JsonNode;

/** Authentication, roles, CSRF, sessions and SSO over real HTTP against Jetty in the framework. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class WebSecurityTest {

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    String base;

    @BeforeEach
    void setUp() throws Exception {
        Platform.setUp(ctx, cm);
        base = Platform.base(ctx);
    }

    Browser as(String user) throws Exception {
        return new Browser(base).loggedIn(user, Platform.password(user));
    }

    @Test
    void anonymousCallsGetA401JsonErrorAndPagesRedirectToLogin() throws Exception {
        Browser anonymous = new Browser(base);
        HttpResponse<byte[]> r = anonymous.call("GET", "reports", null, false, "Accept-Language", "zh-CN");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode error = json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo("auth.required");
        assertThat(error.get("message").asText()).isEqualTo("请先登录。");
        assertThat(anonymous.get("/pages/web-sample.js").statusCode()).isEqualTo(401);

        HttpResponse<byte[]> shell = anonymous.get("/");
        assertThat(shell.statusCode()).isEqualTo(302);
        assertThat(shell.headers().firstValue("Location").orElse("")).endsWith("/wanglai/login");

        HttpResponse<byte[]> css = anonymous.get("/static/app.css");
        assertThat(css.statusCode()).isEqualTo(200);
        String csp = css.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'self' https://erp.example.com");
        assertThat(css.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(anonymous.get("/static/echarts.min.js").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/static/../OSGI-INF/org.wanglai.web.internal.ApiServlet.xml").statusCode()).isNotEqualTo(200);
    }

    @Test
    void loginLogoutAndTheSessionCookie() throws Exception {
        Browser b = new Browser(base);
        HttpResponse<byte[]> wrong = b.login("anna", "not-her-password");
        HttpResponse<byte[]> unknown = b.login("nobody-here", "whatever");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(text(unknown)).as("no user enumeration").isEqualTo(text(wrong));

        HttpResponse<byte[]> ok = b.login("anna", Platform.password("anna"));
        assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("WLSESSION=").contains("HttpOnly").contains("SameSite=Strict").contains("Path=/wanglai");
        JsonNode session = json(b.call("GET", "session", null, false));
        assertThat(session.get("user").asText()).isEqualTo("anna");
        assertThat(session.get("roles").toString()).contains("accountant");
        assertThat(session.get("locale").asText()).isEqualTo("en");
        assertThat(session.get("csrfToken").asText()).isEqualTo(b.csrf).hasSizeGreaterThan(30);
        assertThat(b.get("/").statusCode()).isEqualTo(200);

        assertThat(b.call("POST", "logout", null, false).statusCode()).as("logout needs the CSRF token").isEqualTo(403);
        assertThat(b.call("POST", "logout", null, true).statusCode()).isEqualTo(204);
        assertThat(b.call("GET", "session", null, false).statusCode()).isEqualTo(401);
    }

    @Test
    void rolesMethodsAndCsrfAreCheckedBeforeTheEndpointRuns() throws Exception {
        Browser viewer = as("victor");
        Browser accountant = as("anna");
        Browser admin = as("admin");
        Map<String, Object> echo = Map.of("text", "你好", "date", "2026-06-30",
                "amount", Map.of("amount", "1234.5", "currency", "CNY"));

        assertThat(viewer.call("GET", "sample/admin", null, false).statusCode()).isEqualTo(403);
        assertThat(json(viewer.call("GET", "sample/admin", null, false)).get("error").get("code").asText())
                .isEqualTo("auth.forbidden");
        assertThat(admin.call("GET", "sample/admin", null, false).statusCode()).isEqualTo(200);
        assertThat(viewer.call("POST", "sample/echo", echo, true).statusCode()).isEqualTo(403);

        HttpResponse<byte[]> noCsrf = accountant.call("POST", "sample/echo", echo, false);
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(json(noCsrf).get("error").get("code").asText()).isEqualTo("auth.csrf");
        assertThat(accountant.call("POST", "sample/echo", echo, false, "X-CSRF-Token", "forged").statusCode()).isEqualTo(403);

        HttpResponse<byte[]> ok = accountant.call("POST", "sample/echo", echo, true);
        assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
        JsonNode body = json(ok);
        assertThat(body.get("text").asText()).isEqualTo("你好");
        assertThat(body.get("date").asText()).isEqualTo("2026-06-30");
        assertThat(body.get("amount").get("amount").decimalValue()).isEqualByComparingTo("1234.50");
        assertThat(body.get("amount").get("currency").asText()).isEqualTo("CNY");

        JsonNode get = json(viewer.call("GET", "sample/echo/C0001/x", null, false));
        assertThat(get.get("remainder").asText()).isEqualTo("C0001/x");
        assertThat(viewer.call("DELETE", "sample/echo", null, true).statusCode()).isEqualTo(405);
        assertThat(viewer.call("GET", "no/such/thing", null, false).statusCode()).isEqualTo(404);

        assertThat(admin.call("POST", "sample/approve", null, true).statusCode()).as("extra roles are exact").isEqualTo(403);
        assertThat(as("approver").call("POST", "sample/approve", null, true).statusCode()).isEqualTo(204);
    }

    @Test
    void aRequestRefusedBeforeItsBodyWasReadLeavesTheConnectionUsable() throws Exception {
        Browser viewer = as("victor");
        Map<String, Object> big = Map.of("text", "x".repeat(256 * 1024));
        for (int i = 0; i < 50; i++) {
            // Refused by role before the endpoint reads the body; the same client (and pooled connection) goes on.
            assertThat(viewer.call("POST", "sample/echo", big, true).statusCode()).as("refused #" + i).isEqualTo(403);
            assertThat(viewer.call("POST", "sample/approve", null, true).statusCode()).as("next #" + i).isEqualTo(403);
        }
        Browser anonymous = new Browser(base);
        for (int i = 0; i < 50; i++) {
            // Refused by the servlet context's login check, before any servlet runs.
            assertThat(anonymous.call("POST", "sample/echo", big, false).statusCode()).as("anonymous #" + i).isEqualTo(401);
            assertThat(anonymous.call("POST", "sample/approve", null, false).statusCode()).as("anonymous next #" + i)
                    .isEqualTo(401);
        }
    }

    @Test
    void badInputGetsClearErrorsAndFailuresNoStackTrace() throws Exception {
        Browser accountant = as("anna");
        HttpResponse<byte[]> malformed = accountant.call("POST", "sample/echo", "{\"text\": ", true);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("error").get("code").asText()).isEqualTo("request.body-invalid");

        HttpResponse<byte[]> unknownField = accountant.call("POST", "sample/echo", Map.of("text", "x", "colour", "red"), true);
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(json(unknownField).get("error").get("message").asText()).contains("unknown property 'colour'");

        HttpResponse<byte[]> badDate = accountant.call("POST", "sample/echo", Map.of("text", "x", "date", "30.06.2026"), true);
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(json(badDate).get("error").get("message").asText()).contains("'date'");

        HttpResponse<byte[]> invalid = accountant.call("POST", "sample/echo", Map.of("text", " "), true);
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode details = json(invalid).get("error").get("details");
        assertThat(details.get(0).get("field").asText()).isEqualTo("text");

        HttpResponse<byte[]> conflict = accountant.call("GET", "sample/fail?kind=conflict", null, false);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json(conflict).get("error").get("code").asText()).isEqualTo("sample.conflict");

        HttpResponse<byte[]> crash = accountant.call("GET", "sample/fail", null, false);
        assertThat(crash.statusCode()).isEqualTo(500);
        assertThat(text(crash)).doesNotContain("secret internal detail").doesNotContain("Exception").doesNotContain("at org.");
        assertThat(json(crash).get("error").get("incident").asText()).hasSize(16);
    }

    @Test
    void uploadsReachTheEndpointAsMultipart() throws Exception {
        Browser viewer = as("victor");
        String boundary = "----wanglai-it";
        byte[] file = "code,name\nC0001,测试\n".getBytes(StandardCharsets.UTF_8);
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\tmp\\\\客户.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        byte[] body = concat(head.getBytes(StandardCharsets.UTF_8), file, tail.getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> r = viewer.send(HttpRequest.newBuilder(URI.create(base + "/api/sample/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-CSRF-Token", viewer.csrf)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(json(r).get("bytes").asLong()).isEqualTo(file.length);
        assertThat(json(r).get("name").asText()).isEqualTo("客户.csv");

        HttpResponse<byte[]> notMultipart = viewer.call("POST", "sample/upload", Map.of("x", 1), true);
        assertThat(json(notMultipart).get("error").get("code").asText()).isEqualTo("upload.not-multipart");
    }

    @Test
    void languageChoiceIsKeptInTheSessionAndChangesPlatformMessages() throws Exception {
        Browser b = as("victor");
        HttpResponse<byte[]> zh = b.call("PUT", "session/locale", Map.of("locale", "zh-CN"), true);
        assertThat(json(zh).get("locale").asText()).isEqualTo("zh-CN");
        assertThat(json(b.call("GET", "no/such", null, false)).get("error").get("message").asText()).contains("不存在接口");
        b.call("PUT", "session/locale", Map.of("locale", "en"), true);
        assertThat(json(b.call("GET", "no/such", null, false)).get("error").get("message").asText()).contains("There is no API");
        assertThat(b.call("PUT", "session/locale", Map.of("locale", "fr"), true).statusCode()).isEqualTo(400);
    }

    @Test
    void repeatedFailuresLockTheUserOutForAWhile() throws Exception {
        Browser b = new Browser(base);
        for (int i = 0; i < 5; i++) {
            assertThat(b.login("lockme", "wrong-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<byte[]> locked = b.login("lockme", Platform.password("lockme"));
        assertThat(locked.statusCode()).as("even the right password is refused while locked").isEqualTo(429);
        assertThat(json(locked).get("error").get("code").asText()).isEqualTo("auth.locked");
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void idleSessionsExpire() throws Exception {
        Browser b = as("victor");
        try {
            Platform.web(cm, 2);
            Thread.sleep(500); // the configuration reaches the component asynchronously
            assertThat(b.call("GET", "session", null, false).statusCode()).isEqualTo(200);
            Thread.sleep(3_000);
            assertThat(b.call("GET", "session", null, false).statusCode()).isEqualTo(401);
        } finally {
            Platform.web(cm, 1800);
            Thread.sleep(500);
        }
    }

    @Test
    void hostSingleSignOnWithGoodExpiredAndTamperedTokens() throws Exception {
        long in5min = Instant.now().getEpochSecond() + 300;
        String good = Platform.ssoToken("erp.wang", "accountant", in5min, Platform.SSO_SECRET);

        Browser b = new Browser(base);
        HttpResponse<byte[]> sso = b.get("/sso?token=" + enc(good) + "&next=" + enc("/wanglai/#/reports"));
        assertThat(sso.statusCode()).isEqualTo(200);
        assertThat(sso.headers().firstValue("Set-Cookie").orElse("")).startsWith("WLSESSION=");
        assertThat(text(sso)).contains("url=/wanglai/#/reports");
        JsonNode session = json(b.call("GET", "session", null, false));
        assertThat(session.get("user").asText()).isEqualTo("erp.wang");
        assertThat(session.get("roles").toString()).contains("accountant");

        HttpResponse<byte[]> offSite = new Browser(base).get("/sso?token=" + enc(good) + "&next=" + enc("https://evil.example.com/"));
        assertThat(text(offSite)).contains("url=/wanglai/\"").doesNotContain("evil");

        String expired = Platform.ssoToken("erp.wang", "accountant", Instant.now().getEpochSecond() - 1, Platform.SSO_SECRET);
        assertThat(new Browser(base).get("/sso?token=" + enc(expired)).statusCode()).isEqualTo(401);
        String tampered = good.replace("accountant", "admin");
        assertThat(new Browser(base).get("/sso?token=" + enc(tampered)).statusCode()).isEqualTo(401);
        String otherSecret = Platform.ssoToken("erp.wang", "admin", in5min, "some-other-secret-0123456789abcdef");
        assertThat(new Browser(base).get("/sso?token=" + enc(otherSecret)).statusCode()).isEqualTo(401);

        Browser api = new Browser(base);
        assertThat(api.call("GET", "session", null, false, "Authorization", "Bearer " + good).statusCode()).isEqualTo(200);
        assertThat(api.call("POST", "sample/echo", Map.of("text", "from the ERP"), false, "Authorization", "Bearer " + good)
                .statusCode()).as("bearer calls carry no cookie and need no CSRF token").isEqualTo(200);
        assertThat(api.call("GET", "session", null, false, "Authorization", "Bearer " + tampered).statusCode()).isEqualTo(401);
        assertThat(api.call("GET", "session", null, false, "Authorization", "Bearer " + expired).statusCode()).isEqualTo(401);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
