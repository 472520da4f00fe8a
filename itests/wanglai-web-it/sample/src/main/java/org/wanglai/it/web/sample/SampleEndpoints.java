package org.wanglai.it.web.sample;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.wanglai.api.Money;
import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;

/** API endpoints of the sample capability, one per behaviour the platform must show. */
public final class SampleEndpoints {

    private SampleEndpoints() {
    }

    /** What {@code POST sample/echo} reads. */
    public record Echo(String text, LocalDate date, Money amount) {
    }

    /** GET for viewers (answers who and which sub-path), POST for accountants (echoes a typed JSON body). */
    @Component(service = ApiEndpoint.class)
    public static final class EchoEndpoint implements ApiEndpoint {
        @Override
        public String path() {
            return "sample/echo";
        }

        @Override
        public String role(String httpMethod) {
            return switch (httpMethod) {
                case "GET" -> WebUser.VIEWER;
                case "POST" -> WebUser.ACCOUNTANT;
                default -> null;
            };
        }

        @Override
        public Object handle(ApiRequest request) {
            if ("GET".equals(request.method())) {
                return Map.of("user", request.user().name(), "remainder", request.pathRemainder(),
                        "locale", request.locale().toLanguageTag());
            }
            Echo e = request.body(Echo.class);
            if (e.text() == null || e.text().isBlank()) {
                throw new ValidationException(java.util.List.of(new ValidationError(0, "text", "is required")));
            }
            return e;
        }
    }

    /** Only for administrators. */
    @Component(service = ApiEndpoint.class)
    public static final class AdminEndpoint implements ApiEndpoint {
        @Override
        public String path() {
            return "sample/admin";
        }

        @Override
        public String role(String httpMethod) {
            return "GET".equals(httpMethod) ? WebUser.ADMIN : null;
        }

        @Override
        public Object handle(ApiRequest request) {
            return Map.of("ok", true);
        }
    }

    /** Needs the extra role {@code sample-approver}; accountants and admins do not have it implicitly. */
    @Component(service = ApiEndpoint.class)
    public static final class ApproveEndpoint implements ApiEndpoint {
        @Override
        public String path() {
            return "sample/approve";
        }

        @Override
        public String role(String httpMethod) {
            return "POST".equals(httpMethod) ? "sample-approver" : null;
        }

        @Override
        public Object handle(ApiRequest request) {
            return null;
        }
    }

    /** Counts the bytes of an uploaded file. */
    @Component(service = ApiEndpoint.class)
    public static final class UploadEndpoint implements ApiEndpoint {
        @Override
        public String path() {
            return "sample/upload";
        }

        @Override
        public String role(String httpMethod) {
            return "POST".equals(httpMethod) ? WebUser.VIEWER : null;
        }

        @Override
        public Object handle(ApiRequest request) throws IOException {
            try (InputStream in = request.upload("file")) {
                long n = in.transferTo(java.io.OutputStream.nullOutputStream());
                return Map.of("name", request.uploadFileName("file").orElse(""), "bytes", n);
            }
        }
    }

    /** Fails on purpose: an unexpected exception, or a clear 409. */
    @Component(service = ApiEndpoint.class)
    public static final class FailEndpoint implements ApiEndpoint {
        @Override
        public String path() {
            return "sample/fail";
        }

        @Override
        public String role(String httpMethod) {
            return "GET".equals(httpMethod) ? WebUser.VIEWER : null;
        }

        @Override
        public Object handle(ApiRequest request) {
            if ("conflict".equals(request.param("kind"))) {
                throw ApiException.conflict("sample.conflict", "already done");
            }
            throw new IllegalStateException("secret internal detail");
        }
    }
}
