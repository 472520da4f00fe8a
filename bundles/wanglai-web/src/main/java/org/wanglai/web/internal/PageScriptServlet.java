package org.wanglai.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.web.WebPage;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /wanglai/pages/<id>.js}: a capability page's script, only for users whose role may see the page. */
@Component(service = Servlet.class,
        property = {"osgi.http.whiteboard.servlet.pattern=/pages/*",
                "osgi.http.whiteboard.context.select=" + WanglaiContext.SELECT,
                "osgi.http.whiteboard.servlet.name=wanglai-pages"})
public final class PageScriptServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PageScriptServlet.class);

    private final transient PageRegistry registry;
    private final transient Messages messages = new Messages(PageScriptServlet.class.getClassLoader());

    @Activate
    public PageScriptServlet(@Reference PageRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<Auth> auth = Auth.of(req);
        Locale locale = auth.map(a -> a.user().locale()).orElse(Locales.ZH);
        if (auth.isEmpty()) {
            ApiServlet.writeError(resp, 401, "auth.required", messages.get(locale, "auth.required"), null);
            return;
        }
        String info = req.getPathInfo() == null ? "" : req.getPathInfo();
        String id = info.startsWith("/") && info.endsWith(".js") ? info.substring(1, info.length() - 3) : "";
        Optional<WebPage> page = PageRegistry.ID.matcher(id).matches() ? registry.find(id) : Optional.empty();
        if (page.isEmpty()) {
            ApiServlet.writeError(resp, 404, "page.unknown", messages.get(locale, "page.unknown", id), null);
            return;
        }
        if (!auth.get().user().hasRole(page.get().role())) {
            ApiServlet.writeError(resp, 403, "auth.forbidden", messages.get(locale, "auth.forbidden", page.get().role()), null);
            return;
        }
        String script;
        try {
            script = page.get().script();
        } catch (RuntimeException e) {
            String correlationId = CorrelationIds.of(req);
            LOG.error("GET /wanglai/pages/{}.js by {} failed: page {} could not provide its script [correlation id {}]",
                    id, auth.get().user().name(), id, correlationId, e);
            resp.setHeader(CorrelationIds.HEADER, correlationId);
            ApiServlet.writeError(resp, 500, "internal", messages.get(locale, "page.broken", id), null, correlationId);
            return;
        }
        byte[] body = script.getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/javascript;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
