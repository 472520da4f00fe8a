package org.wanglai.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.wanglai.api.ValidationException;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.web.internal.security.WebSecurity;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A failing endpoint's answer and its log line (SLF4J, here slf4j-simple on standard error) carry the same
 * correlation id, with method, path, user and stack trace; a validation answer is not logged as an error.
 */
class ServerErrorLoggingTest {

    private static final class Answer {
        int status;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
    }

    private static HttpServletRequest request(String method, String path, String user) {
        Auth auth = new Auth(new WebUser(user, Set.of(WebUser.ACCOUNTANT), Locale.ENGLISH), Optional.empty());
        return (HttpServletRequest) Proxy.newProxyInstance(ServerErrorLoggingTest.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> "/" + path;
                    case "getAttribute" -> Auth.ATTRIBUTE.equals(a[0]) ? auth : null;
                    case "getHeader", "getContentType" -> null;
                    default -> m.getReturnType() == boolean.class ? false : null;
                });
    }

    private static HttpServletResponse response(Answer answer) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                answer.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(ServerErrorLoggingTest.class.getClassLoader(),
                new Class<?>[] { HttpServletResponse.class }, (p, m, a) -> switch (m.getName()) {
                    case "setStatus" -> {
                        answer.status = (Integer) a[0];
                        yield null;
                    }
                    case "setHeader" -> {
                        answer.headers.put((String) a[0], (String) a[1]);
                        yield null;
                    }
                    case "getOutputStream" -> out;
                    case "isCommitted" -> false;
                    default -> null;
                });
    }

    private static WebSecurity security() {
        WebSecurity.Config config = (WebSecurity.Config) Proxy.newProxyInstance(
                ServerErrorLoggingTest.class.getClassLoader(), new Class<?>[] { WebSecurity.Config.class },
                (p, m, a) -> "annotationType".equals(m.getName()) ? WebSecurity.Config.class : m.getDefaultValue());
        return new WebSecurity(config);
    }

    private static ApiEndpoint endpoint(String path, RuntimeException failure) {
        return new ApiEndpoint() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public String role(String httpMethod) {
                return WebUser.VIEWER;
            }

            @Override
            public Object handle(ApiRequest request) {
                throw failure;
            }
        };
    }

    @Test
    void aFailureIsLoggedWithTheIdItsAnswerNames() throws Exception {
        ApiServlet servlet = new ApiServlet(security());
        servlet.addEndpoint(endpoint("t/fail", new IllegalStateException("disk on fire")),
                Map.of(Constants.SERVICE_ID, 1L));
        servlet.addEndpoint(endpoint("t/invalid", new ValidationException("text", "is required")),
                Map.of(Constants.SERVICE_ID, 2L));
        Answer crash = new Answer();
        Answer invalid = new Answer();
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            servlet.service(request("GET", "t/fail", "anna"), response(crash));
            servlet.service(request("POST", "t/invalid", "anna"), response(invalid));
        } finally {
            System.setErr(original);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        original.print(text);

        assertThat(crash.status).isEqualTo(500);
        String id = crash.headers.get("X-Correlation-Id");
        assertThat(id).matches("[0-9a-f]{16}");
        String body = crash.body.toString(StandardCharsets.UTF_8);
        assertThat(body).contains("\"correlationId\":\"" + id + "\"").doesNotContain("disk on fire");
        String line = text.lines().filter(l -> l.contains(id)).findFirst().orElse("");
        assertThat(line).as(text).contains("ERROR").contains("GET /wanglai/api/t/fail by anna failed")
                .contains("[correlation id " + id + "]");
        assertThat(text).contains("java.lang.IllegalStateException: disk on fire")
                .contains("at org.wanglai.web.internal.ServerErrorLoggingTest");

        assertThat(invalid.status).isEqualTo(400);
        assertThat(text).as("a 400 is not an error").doesNotContain(invalid.headers.get("X-Correlation-Id"))
                .doesNotContain("t/invalid");
    }
}
