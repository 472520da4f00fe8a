package org.wanglai.web.internal;

import java.util.Optional;

import org.wanglai.api.web.WebUser;
import org.wanglai.web.internal.security.WebSession;

/**
 * Who made a request, as the servlet context's security check found it; kept as a request attribute. A bearer
 * token call has no session (and so no CSRF token to check).
 */
public record Auth(WebUser user, Optional<WebSession> session) {
    public static final String ATTRIBUTE = "org.wanglai.web.auth";

    public static Optional<Auth> of(jakarta.servlet.http.HttpServletRequest request) {
        Object a = request.getAttribute(ATTRIBUTE);
        return a instanceof Auth auth ? Optional.of(auth) : Optional.empty();
    }
}
