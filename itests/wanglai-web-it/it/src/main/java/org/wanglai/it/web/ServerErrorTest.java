package org.wanglai.it.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wanglai.it.web.Browser.json;
import static org.wanglai.it.web.Browser.text;

import java.net.http.HttpResponse;
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

/**
 * An endpoint that throws answers 500 with the correlation id of its log line in the JSON error body and in the
 * {@code X-Correlation-Id} header; a validation answer (400) has an id in the header but is no incident.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class ServerErrorTest {

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

    @Test
    void aFailingEndpointAnswersWithTheCorrelationIdOfItsLogLine() throws Exception {
        Browser accountant = new Browser(base).loggedIn("anna", Platform.password("anna"));
        HttpResponse<byte[]> crash = accountant.call("GET", "sample/fail", null, false);
        assertThat(crash.statusCode()).isEqualTo(500);
        String id = json(crash).get("error").get("correlationId").asText();
        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(json(crash).get("error").get("incident").asText()).isEqualTo(id);
        assertThat(json(crash).get("error").get("message").asText()).contains(id);
        assertThat(crash.headers().firstValue("X-Correlation-Id")).contains(id);
        assertThat(text(crash)).doesNotContain("secret internal detail").doesNotContain("at org.");

        HttpResponse<byte[]> again = accountant.call("GET", "sample/fail", null, false);
        assertThat(json(again).get("error").get("correlationId").asText()).as("one id per request").isNotEqualTo(id);

        HttpResponse<byte[]> invalid = accountant.call("POST", "sample/echo", Map.of("text", " "), true);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("X-Correlation-Id").orElse("")).matches("[0-9a-f]{16}");
        assertThat(json(invalid).get("error").has("correlationId")).as("a validation answer is no incident").isFalse();
    }

    @Test
    void theHostsCorrelationIdIsKeptWhenWellFormed() throws Exception {
        Browser accountant = new Browser(base).loggedIn("anna", Platform.password("anna"));
        HttpResponse<byte[]> given = accountant.call("GET", "sample/fail", null, false, "X-Correlation-Id",
                "erp-req-20260630-0001");
        assertThat(json(given).get("error").get("correlationId").asText()).isEqualTo("erp-req-20260630-0001");
        HttpResponse<byte[]> injected = accountant.call("GET", "sample/fail", null, false, "X-Correlation-Id",
                "x\" onload=1");
        assertThat(json(injected).get("error").get("correlationId").asText()).matches("[0-9a-f]{16}");
    }
}
