package org.wanglai.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.web.internal.security.WebSecurity;
import org.wanglai.web.internal.security.WebSession;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /wanglai/sso?token=...&next=/wanglai/...}: the host ERP's single sign-on entry. A valid token opens a
 * session; the browser then moves on to {@code next} (only paths under /wanglai/) from a page of our own site, so that
 * the SameSite=Strict session cookie is sent with that request.
 */
@Component(service = Servlet.class,
        property = {"osgi.http.whiteboard.servlet.pattern=/sso",
                "osgi.http.whiteboard.context.select=" + WanglaiContext.SELECT,
                "osgi.http.whiteboard.servlet.name=wanglai-sso"})
public final class SsoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern NEXT = Pattern.compile("/wanglai/[A-Za-z0-9/_.#?=&%-]*");

    private final transient WebSecurity security;
    private final transient Messages messages = new Messages(SsoServlet.class.getClassLoader());

    @Activate
    public SsoServlet(@Reference WebSecurity security) {
        this.security = security;
    }

    /** {@code next} when it is a plain path under /wanglai/, else the shell. */
    static String safeNext(String next) {
        if (next == null || !NEXT.matcher(next).matches() || next.contains("//") || next.contains("..")) {
            return "/wanglai/";
        }
        return next;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Locale locale = Locales.fromAcceptLanguage(req.getHeader("Accept-Language"));
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("text/html;charset=UTF-8");
        Optional<WebSession> session = security.ssoLogin(req.getParameter("token"), locale);
        if (session.isEmpty()) {
            resp.setStatus(401);
            String msg = messages.get(locale, security.ssoEnabled() ? "sso.invalid" : "sso.disabled");
            resp.getOutputStream().write(page(locale, msg, "/wanglai/login", messages.get(locale, "sso.login"), false)
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        resp.addHeader("Set-Cookie", security.sessionCookie(session.get(), req.isSecure()));
        String next = safeNext(req.getParameter("next"));
        resp.getOutputStream().write(page(locale, messages.get(locale, "sso.continue"), next, next, true)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String page(Locale locale, String message, String href, String linkText, boolean refresh) {
        return "<!DOCTYPE html><html lang=\"" + Locales.tag(locale) + "\"><head><meta charset=\"utf-8\">"
                + (refresh ? "<meta http-equiv=\"refresh\" content=\"0;url=" + escape(href) + "\">" : "")
                + "<title>Wanglai</title><link rel=\"stylesheet\" href=\"/wanglai/static/app.css\"></head>"
                + "<body class=\"plain\"><p>" + escape(message) + "</p><p><a href=\"" + escape(href) + "\">"
                + escape(linkText) + "</a></p></body></html>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
