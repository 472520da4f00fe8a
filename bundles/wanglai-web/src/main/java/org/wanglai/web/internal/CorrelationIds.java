package org.wanglai.web.internal;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The id that ties an answer to its log lines. A host ERP that embeds the pages may send its own id in
 * {@value #HEADER} (8-64 characters of letters, digits, '.', '_', '-'; anything else is ignored); otherwise a random
 * 16-hex-digit id is made.
 */
final class CorrelationIds {
    static final String HEADER = "X-Correlation-Id";
    /** The SLF4J MDC key under which the id is available to every log line written while the request runs. */
    static final String MDC_KEY = "correlationId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private CorrelationIds() {
    }

    static String of(HttpServletRequest req) {
        String given = req.getHeader(HEADER);
        if (given != null && ACCEPTED.matcher(given).matches()) {
            return given;
        }
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
