package org.wanglai.web.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.wanglai.web.internal.security.WebSecurity;
import org.wanglai.web.internal.security.WebSession;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet context {@code /wanglai}. Every request passes {@link #handleSecurity}: it sets the security headers
 * and lets through only the login page and endpoint, the SSO entry and the static shell assets (which hold no data)
 * without an authenticated user.
 */
@Component(service = ServletContextHelper.class, scope = ServiceScope.BUNDLE,
        property = {"osgi.http.whiteboard.context.name=" + WanglaiContext.NAME,
                "osgi.http.whiteboard.context.path=/wanglai"})
public final class WanglaiContext extends ServletContextHelper {

    public static final String NAME = "wanglai";
    public static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";

    private final WebSecurity security;
    private final Messages messages;

    @Activate
    public WanglaiContext(@Reference WebSecurity security, org.osgi.framework.BundleContext ctx) {
        super(ctx.getBundle());
        this.security = security;
        this.messages = new Messages(WanglaiContext.class.getClassLoader());
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Content-Security-Policy", security.contentSecurityPolicy());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        String path = path(request);
        Optional<Auth> auth = authenticate(request);
        auth.ifPresent(a -> {
            request.setAttribute(Auth.ATTRIBUTE, a);
            request.setAttribute(REMOTE_USER, a.user().name());
            request.setAttribute(AUTHENTICATION_TYPE, a.session().isPresent() ? "FORM" : "BEARER");
        });
        if (auth.isPresent() || isPublic(path)) {
            return true;
        }
        Locale locale = Locales.fromAcceptLanguage(request.getHeader("Accept-Language"));
        ApiServlet.settle(request, response);
        if (path.startsWith("/api/") || path.startsWith("/pages/")) {
            ApiServlet.writeError(response, 401, "auth.required", messages.get(locale, "auth.required"), null);
        } else {
            response.sendRedirect("/wanglai/login");
        }
        return false;
    }

    static boolean isPublic(String path) {
        return path.equals("/login") || path.equals("/api/login") || path.equals("/sso")
                || path.startsWith("/static/") && !path.contains("..");
    }

    private Optional<Auth> authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Locale locale = Locales.fromAcceptLanguage(request.getHeader("Accept-Language"));
            return security.bearer(header.substring(7).trim(), locale).map(u -> new Auth(u, Optional.empty()));
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (WebSecurity.COOKIE.equals(c.getName())) {
                    Optional<WebSession> s = security.session(c.getValue());
                    if (s.isPresent()) {
                        return Optional.of(new Auth(s.get().user(), s));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The path inside the context, e.g. {@code /api/reports}. */
    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String ctx = request.getContextPath();
        String p = uri.startsWith(ctx) ? uri.substring(ctx.length()) : uri;
        return p.isEmpty() ? "/" : p;
    }

    @Override
    public java.net.URL getResource(String name) {
        // Resources are served by StaticServlet only, never through the context's default lookup.
        return null;
    }
}
