package org.wanglai.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The shell ({@code /wanglai/}), the login page ({@code /wanglai/login}) and the static assets
 * ({@code /wanglai/static/...}) from this bundle's {@code static/} folder. Nothing is loaded from elsewhere.
 */
@Component(service = Servlet.class,
        property = {"osgi.http.whiteboard.servlet.pattern=/",
                "osgi.http.whiteboard.context.select=" + WanglaiContext.SELECT,
                "osgi.http.whiteboard.servlet.name=wanglai-static"})
public final class StaticServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "json", "application/json;charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final transient Bundle bundle;

    @Activate
    public StaticServlet(BundleContext ctx) {
        this.bundle = ctx.getBundle();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = WanglaiContext.path(req);
        String entry;
        if (path.equals("/") || path.equals("/index.html")) {
            entry = "static/index.html";
        } else if (path.equals("/login")) {
            entry = "static/login.html";
        } else if (path.startsWith("/static/") && path.matches("/static/[A-Za-z0-9_./-]+") && !path.contains("..")) {
            entry = path.substring(1);
        } else {
            notFound(resp);
            return;
        }
        URL url = bundle.getEntry(entry);
        String ext = entry.substring(entry.lastIndexOf('.') + 1);
        String type = TYPES.get(ext);
        if (url == null || type == null) {
            notFound(resp);
            return;
        }
        resp.setContentType(type);
        // Revalidated on every load, so that a redeployed bundle's pages show at once.
        resp.setHeader("Cache-Control", "no-cache");
        try (InputStream in = url.openStream()) {
            in.transferTo(resp.getOutputStream());
        }
    }

    private static void notFound(HttpServletResponse resp) throws IOException {
        resp.setStatus(404);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getOutputStream().write("Not found".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
