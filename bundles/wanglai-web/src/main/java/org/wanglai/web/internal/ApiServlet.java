package org.wanglai.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationException;
import org.wanglai.api.web.ApiDownload;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.WebUser;
import org.wanglai.web.internal.security.Csrf;
import org.wanglai.web.internal.security.WebSecurity;
import org.wanglai.web.internal.security.WebSession;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /wanglai/api/*}: the built-in session endpoints (session, login, logout, session/locale) and the dispatch
 * to the {@link ApiEndpoint} whiteboard (longest registered path wins, then the highest service ranking). Checks,
 * in order: authenticated (401), endpoint known (404), method allowed (405), role (403), CSRF token on
 * state-changing calls of a browser session (403). Errors are JSON, never a stack trace. Every answer carries a
 * correlation id ({@value CorrelationIds#HEADER}); a failure (500) is logged as an error with the method, path, user,
 * that id and the stack trace, and its JSON error body names the id; answers 4xx are logged at debug level only.
 */
@Component(service = Servlet.class,
        property = {"osgi.http.whiteboard.servlet.pattern=/api/*",
                "osgi.http.whiteboard.context.select=" + WanglaiContext.SELECT,
                "osgi.http.whiteboard.servlet.name=wanglai-api",
                "osgi.http.whiteboard.servlet.multipart.enabled=true",
                "osgi.http.whiteboard.servlet.multipart.fileSizeThreshold:Integer=1048576",
                "osgi.http.whiteboard.servlet.multipart.maxFileSize:Long=1073741824",
                "osgi.http.whiteboard.servlet.multipart.maxRequestSize:Long=1073741824"})
public final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final long SETTLE_LIMIT = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final ObjectMapper ERRORS = Json.mapper();

    private final transient WebSecurity security;
    private final transient ObjectMapper json = Json.mapper();
    private final transient Messages messages = new Messages(ApiServlet.class.getClassLoader());
    private final transient List<Registered> endpoints = new CopyOnWriteArrayList<>();

    @Activate
    public ApiServlet(@Reference WebSecurity security) {
        this.security = security;
    }

    @Reference(service = ApiEndpoint.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEndpoint(ApiEndpoint endpoint, Map<String, Object> props) {
        String path = endpoint.path();
        if (path == null || !ApiEndpoint.PATH.matcher(path).matches()) {
            LOG.error("API endpoint {} has an invalid path '{}' (lower-case segments of a-z 0-9 -); ignored",
                    endpoint.getClass().getName(), path);
            return;
        }
        endpoints.add(new Registered(path, ranking(props), (Long) props.get(Constants.SERVICE_ID), endpoint));
        LOG.debug("API endpoint /wanglai/api/{} added", path);
    }

    void removeEndpoint(ApiEndpoint endpoint) {
        endpoints.removeIf(r -> r.endpoint() == endpoint);
    }

    private static int ranking(Map<String, Object> props) {
        Object r = props.get(Constants.SERVICE_RANKING);
        return r instanceof Integer i ? i : 0;
    }

    /** The endpoint for {@code path} and the remainder of the path after its own. */
    Optional<Map.Entry<ApiEndpoint, String>> route(String path) {
        return endpoints.stream()
                .filter(r -> path.equals(r.path()) || path.startsWith(r.path() + "/"))
                .max(Comparator.comparingInt((Registered r) -> r.path().length())
                        .thenComparingInt(Registered::ranking)
                        .thenComparing(Comparator.comparingLong(Registered::serviceId).reversed()))
                .map(r -> Map.entry(r.endpoint(),
                        path.length() > r.path().length() ? path.substring(r.path().length() + 1) : ""));
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getMethod().toUpperCase(Locale.ROOT);
        String path = req.getPathInfo() == null ? "" : req.getPathInfo().replaceFirst("^/+", "");
        Optional<Auth> auth = Auth.of(req);
        Locale locale = auth.map(a -> a.user().locale())
                .orElseGet(() -> Locales.fromAcceptLanguage(req.getHeader("Accept-Language")));
        resp.setHeader("Cache-Control", "no-store");
        String correlationId = CorrelationIds.of(req);
        resp.setHeader(CorrelationIds.HEADER, correlationId);
        String user = auth.map(x -> x.user().name()).orElse("-");
        MDC.put(CorrelationIds.MDC_KEY, correlationId);
        try {
            if (path.equals("login")) {
                login(req, resp, method, locale);
                return;
            }
            Auth a = auth.orElseThrow(() -> new ApiException(401, "auth.required", messages.get(locale, "auth.required")));
            switch (path) {
                case "session" -> session(req, resp, method, a, locale);
                case "session/locale" -> changeLocale(req, resp, method, a, locale);
                case "logout" -> logout(req, resp, method, a, locale);
                default -> dispatch(req, resp, method, path, a, locale);
            }
        } catch (ApiException e) {
            settle(req, resp);
            if (e.status() >= 500) {
                serverError(method, path, user, correlationId, e);
                writeError(resp, e.status(), e.code(), e.getMessage(), e.details(), correlationId);
            } else {
                LOG.debug("{} /wanglai/api/{} by {} answered {} {}: {} [correlation id {}]", method, path, user,
                        e.status(), e.code(), e.getMessage(), correlationId);
                writeError(resp, e.status(), e.code(), e.getMessage(), e.details());
            }
        } catch (ValidationException e) {
            settle(req, resp);
            LOG.debug("{} /wanglai/api/{} by {} answered 400: {} [correlation id {}]", method, path, user,
                    e.getMessage(), correlationId);
            writeError(resp, 400, "validation", messages.get(locale, "validation.failed", e.getMessage()), e.errors());
        } catch (NotFoundException e) {
            settle(req, resp);
            LOG.debug("{} /wanglai/api/{} by {} answered 404: {} {} not found [correlation id {}]", method, path, user,
                    e.kind(), e.key(), correlationId);
            writeError(resp, 404, "not-found", messages.get(locale, "not-found", e.kind(), e.key()), null);
        } catch (Exception e) {
            serverError(method, path, user, correlationId, e);
            if (!resp.isCommitted()) {
                settle(req, resp);
                writeError(resp, 500, "internal", messages.get(locale, "internal", correlationId), null, correlationId);
            }
        } finally {
            MDC.remove(CorrelationIds.MDC_KEY);
        }
    }

    /**
     * Reads and drops what is left of the request body before an early answer (a request refused before its body was
     * read), so that the connection can serve the client's next request: otherwise the container closes it after
     * the answer, and a client that already reuses it sees the connection drop. A body of more than 1 MB left
     * unread closes the connection instead, announced in the answer.
     */
    static void settle(HttpServletRequest req, HttpServletResponse resp) {
        if (resp.isCommitted()) {
            return;
        }
        try {
            InputStream in = req.getInputStream();
            if (in == null) {
                return;
            }
            byte[] buffer = new byte[8192];
            long left = SETTLE_LIMIT;
            int n;
            while (left > 0 && (n = in.read(buffer)) >= 0) {
                left -= n;
            }
            if (left <= 0) {
                resp.setHeader("Connection", "close");
            }
        } catch (IOException | IllegalStateException e) {
            resp.setHeader("Connection", "close");
        }
    }

    /** An answer of 500 or more: logged as an error with the stack trace, findable by its correlation id. */
    private static void serverError(String method, String path, String user, String correlationId, Exception e) {
        LOG.error("{} /wanglai/api/{} by {} failed [correlation id {}]: {}", method, path, user, correlationId,
                e.toString(), e);
    }

    private void dispatch(HttpServletRequest req, HttpServletResponse resp, String method, String path, Auth auth,
            Locale locale) throws Exception {
        Map.Entry<ApiEndpoint, String> route = route(path)
                .orElseThrow(() -> new ApiException(404, "api.unknown", messages.get(locale, "api.unknown", path)));
        ApiEndpoint endpoint = route.getKey();
        String role = endpoint.role(method);
        if (role == null) {
            throw new ApiException(405, "api.method", messages.get(locale, "api.method", method));
        }
        requireRole(auth.user(), role, locale);
        requireCsrf(req, method, auth, locale);
        Object result = endpoint.handle(new ApiRequestImpl(req, method, route.getValue(), auth.user(), json, messages,
                security.maxUploadBytes()));
        write(req, resp, result);
    }

    private void requireRole(WebUser user, String role, Locale locale) {
        if (!user.hasRole(role)) {
            throw new ApiException(403, "auth.forbidden", messages.get(locale, "auth.forbidden", role));
        }
    }

    private void requireCsrf(HttpServletRequest req, String method, Auth auth, Locale locale) {
        if (Csrf.isStateChanging(method) && auth.session().isPresent()
                && !Csrf.matches(auth.session().get().csrfToken(), req.getHeader(Csrf.HEADER))) {
            throw new ApiException(403, "auth.csrf", messages.get(locale, "auth.csrf"));
        }
    }

    private void write(HttpServletRequest req, HttpServletResponse resp, Object result) throws IOException {
        if (result == null) {
            resp.setStatus(204);
            return;
        }
        if (result instanceof ApiDownload d) {
            resp.setContentType(d.contentType());
            resp.setHeader("Content-Disposition", contentDisposition(d.fileName()));
            OutputStream out = resp.getOutputStream();
            d.writer().write(out);
            out.flush();
            return;
        }
        byte[] body = json.writeValueAsBytes(result);
        resp.setStatus(200);
        resp.setContentType("application/json;charset=UTF-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** {@code attachment; filename="ascii"; filename*=UTF-8''percent-encoded} (RFC 6266 / RFC 5987). */
    static String contentDisposition(String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private void session(HttpServletRequest req, HttpServletResponse resp, String method, Auth auth, Locale locale)
            throws IOException {
        if (!"GET".equals(method)) {
            throw new ApiException(405, "api.method", messages.get(locale, "api.method", method));
        }
        write(req, resp, sessionInfo(auth.user(), auth.session().orElse(null)));
    }

    private Map<String, Object> sessionInfo(WebUser user, WebSession session) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", user.name());
        m.put("roles", new ArrayList<>(new java.util.TreeSet<>(user.roles())));
        m.put("locale", Locales.tag(user.locale()));
        m.put("csrfToken", session == null ? null : session.csrfToken());
        return m;
    }

    private void changeLocale(HttpServletRequest req, HttpServletResponse resp, String method, Auth auth, Locale locale)
            throws IOException {
        if (!"PUT".equals(method)) {
            throw new ApiException(405, "api.method", messages.get(locale, "api.method", method));
        }
        requireCsrf(req, method, auth, locale);
        LocaleChange change = new ApiRequestImpl(req, method, "", auth.user(), json, messages, 0).body(LocaleChange.class);
        Locale next = Locales.parse(change.locale());
        if (next == null) {
            throw new ApiException(400, "locale.unknown", messages.get(locale, "locale.unknown", change.locale()));
        }
        auth.session().ifPresent(s -> s.locale(next));
        WebUser user = new WebUser(auth.user().name(), auth.user().roles(), next);
        write(req, resp, sessionInfo(user, auth.session().orElse(null)));
    }

    /** Body of {@code PUT session/locale}. */
    public record LocaleChange(String locale) {
    }

    /** Body of {@code POST login}. */
    public record Login(String user, String password) {
    }

    private void login(HttpServletRequest req, HttpServletResponse resp, String method, Locale locale) throws IOException {
        if (!"POST".equals(method)) {
            throw new ApiException(405, "api.method", messages.get(locale, "api.method", method));
        }
        String contentType = req.getContentType() == null ? "" : req.getContentType().toLowerCase(Locale.ROOT);
        boolean form = contentType.startsWith("application/x-www-form-urlencoded");
        String user;
        String password;
        if (form) {
            user = req.getParameter("user");
            password = req.getParameter("password");
        } else {
            Login body = new ApiRequestImpl(req, method, "", new WebUser("-", java.util.Set.of(), locale), json, messages, 0)
                    .body(Login.class);
            user = body.user();
            password = body.password();
        }
        if (user == null || user.isBlank() || password == null || password.isEmpty() || password.length() > 1024) {
            throw new ApiException(400, "auth.missing", messages.get(locale, "auth.missing"));
        }
        Auth.of(req).flatMap(Auth::session).ifPresent(s -> security.logout(s.id()));
        WebSecurity.LoginResult result = security.login(user.trim(), password.toCharArray(), req.getRemoteAddr(), locale);
        if (result instanceof WebSecurity.LoginResult.Success ok) {
            resp.addHeader("Set-Cookie", security.sessionCookie(ok.session(), req.isSecure()));
            if (form) {
                resp.sendRedirect(SsoServlet.safeNext(req.getParameter("next")));
            } else {
                write(req, resp, sessionInfo(ok.session().user(), ok.session()));
            }
            return;
        }
        if (form) {
            resp.sendRedirect("/wanglai/login?error=1");
            return;
        }
        if (result instanceof WebSecurity.LoginResult.Locked locked) {
            resp.setHeader("Retry-After", Long.toString(locked.retryAfterSeconds()));
            throw new ApiException(429, "auth.locked", messages.get(locale, "auth.locked", locked.retryAfterSeconds()));
        }
        throw new ApiException(401, "auth.failed", messages.get(locale, "auth.failed"));
    }

    private void logout(HttpServletRequest req, HttpServletResponse resp, String method, Auth auth, Locale locale) {
        if (!"POST".equals(method)) {
            throw new ApiException(405, "api.method", messages.get(locale, "api.method", method));
        }
        requireCsrf(req, method, auth, locale);
        auth.session().ifPresent(s -> security.logout(s.id()));
        resp.addHeader("Set-Cookie", security.clearedCookie(req.isSecure()));
        resp.setStatus(204);
    }

    static void writeError(HttpServletResponse resp, int status, String code, String message, List<?> details)
            throws IOException {
        writeError(resp, status, code, message, details, null);
    }

    static void writeError(HttpServletResponse resp, int status, String code, String message, List<?> details,
            String incident) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("details", details == null ? List.of() : details);
        if (incident != null) {
            // "incident" is what the pages show; "correlationId" names the same id for API clients.
            error.put("incident", incident);
            error.put("correlationId", incident);
        }
        byte[] body = ERRORS.writeValueAsBytes(Map.of("error", error));
        resp.setStatus(status);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/json;charset=UTF-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private record Registered(String path, int ranking, long serviceId, ApiEndpoint endpoint) {
    }
}
