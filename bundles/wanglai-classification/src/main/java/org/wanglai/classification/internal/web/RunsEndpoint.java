package org.wanglai.classification.internal.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.ibatis.cursor.Cursor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationException;
import org.wanglai.api.classification.RunCancelledException;
import org.wanglai.api.classification.RunListener;
import org.wanglai.api.classification.RunPreview;
import org.wanglai.api.classification.StalePreviewException;
import org.wanglai.api.classification.RunProgress;
import org.wanglai.api.classification.RunRequest;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.classification.internal.Catalog;
import org.wanglai.classification.internal.ClassificationEngine;
import org.wanglai.classification.internal.ClsStore;
import org.wanglai.classification.internal.db.ClsMapper;

/**
 * {@code /wanglai/api/classification/runs}: {@code GET} the last runs and the run in progress (viewer); {@code GET
 * /<id>} one run with its changes (first 2,000). Accountant: {@code POST /preview {"asOf","windowMonths",
 * "dimensions":[..],"customers":[codes]}} computes the moves (from → to, counts, examples) and a fingerprint of the
 * exact set of changes, writing nothing; {@code POST /apply} with the same body and that {@code "fingerprint"} writes
 * the run in one transaction only if it makes exactly the previewed changes (409 {@code classification.preview-stale}
 * otherwise); {@code POST /cancel} stops the run in progress (it rolls back).
 */
@Component(service = ApiEndpoint.class)
public final class RunsEndpoint implements ApiEndpoint {
    private static final int MAX_CHANGES = 2_000;
    private static final int MAX_CUSTOMERS = 1_000;

    private final ClassificationEngine engine;
    private final ClsStore store;
    private final HostCustomers customers;

    public record RunBody(LocalDate asOf, Integer windowMonths, List<String> dimensions, List<String> customers,
            String fingerprint) {
    }

    @Activate
    public RunsEndpoint(@Reference ClassificationEngine engine, @Reference ClsStore store,
            @Reference HostCustomers customers) {
        this.engine = engine;
        this.store = store;
        this.customers = customers;
    }

    @Override
    public String path() {
        return "classification/runs";
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
    public Object handle(ApiRequest r) {
        String[] p = ClsWeb.parts(r);
        if ("GET".equals(r.method())) {
            if (p.length == 0) {
                int limit = 50;
                if (r.param("limit") != null) {
                    try {
                        limit = Math.max(1, Math.min(500, Integer.parseInt(r.param("limit").trim())));
                    } catch (NumberFormatException e) {
                        throw new ValidationException("limit", "not a number");
                    }
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("runs", engine.runs(limit).stream().map(ClsWeb::run).toList());
                out.put("progress", engine.progress().map(RunsEndpoint::progress).orElse(null));
                return out;
            }
            if (p.length == 1) {
                return run(r, p[0]);
            }
            throw new NotFoundException("run", r.pathRemainder());
        }
        if (p.length != 1) {
            throw new NotFoundException("operation", r.pathRemainder());
        }
        switch (p[0]) {
            case "preview" -> {
                RunRequest req = request(r, r.body(RunBody.class));
                RunPreview pv = guarded(r, () -> engine.previewWithFingerprint(req, RunListener.NONE));
                Map<String, Object> out = ClsWeb.outcome(pv.outcome(), engine.catalog(), r.locale());
                out.put("fingerprint", pv.fingerprint());
                return out;
            }
            case "apply" -> {
                RunBody body = r.body(RunBody.class);
                if (body.fingerprint() == null || !body.fingerprint().matches("[0-9a-f]{64}")) {
                    throw new ValidationException("fingerprint", "the fingerprint of the preview is required");
                }
                RunRequest req = request(r, body);
                return ClsWeb.outcome(guarded(r, () -> engine.applyPreviewed(req, RunListener.NONE, body.fingerprint())),
                        engine.catalog(), r.locale());
            }
            case "cancel" -> {
                if (!engine.cancel()) {
                    throw new ApiException(409, "classification.no-run", ClsWeb.MESSAGES.get(r.locale(), "run.none"));
                }
                return Map.of("cancelling", true);
            }
            default -> throw new NotFoundException("operation", p[0]);
        }
    }

    private RunRequest request(ApiRequest r, RunBody b) {
        int window = b.windowMonths() == null ? engine.windowMonths() : b.windowMonths();
        if (window < 1 || window > 120) {
            throw new ValidationException("windowMonths", ClsWeb.MESSAGES.get(r.locale(), "window.invalid"));
        }
        Catalog catalog = engine.catalog();
        List<String> dims = new ArrayList<>();
        if (b.dimensions() != null) {
            for (String d : b.dimensions()) {
                dims.add(catalog.require(ClsWeb.dimensionId(r, d)).id());
            }
        }
        Set<Long> ids = new LinkedHashSet<>();
        if (b.customers() != null && !b.customers().isEmpty()) {
            if (b.customers().size() > MAX_CUSTOMERS) {
                throw new ValidationException("customers", "at most " + MAX_CUSTOMERS + " customers; leave empty for all");
            }
            List<String> codes = new ArrayList<>();
            for (String c : b.customers()) {
                codes.add(ClsWeb.customerCode(r, c));
            }
            Map<String, Long> found = customers.idsByCodes(codes);
            List<org.wanglai.api.ValidationError> missing = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                Long id = found.get(codes.get(i));
                if (id == null) {
                    missing.add(new org.wanglai.api.ValidationError(i + 1, "customers",
                            ClsWeb.MESSAGES.get(r.locale(), "customer.unknown", codes.get(i))));
                } else {
                    ids.add(id);
                }
            }
            if (!missing.isEmpty()) {
                throw new ValidationException(missing);
            }
        }
        return new RunRequest(b.asOf() == null ? LocalDate.now() : b.asOf(), window, dims, ids, r.user().name(), "MANUAL");
    }

    /** Runs {@code work}, turning a busy engine, a cancel and a stale preview into clear 409 answers. */
    private static <T> T guarded(ApiRequest r, Supplier<T> work) {
        try {
            return work.get();
        } catch (StalePreviewException e) {
            throw new ApiException(409, "classification.preview-stale",
                    ClsWeb.MESSAGES.get(r.locale(), "preview.stale", e.changes()));
        } catch (RunCancelledException e) {
            throw new ApiException(409, "classification.cancelled", ClsWeb.MESSAGES.get(r.locale(), "run.cancelled"));
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Another classification run")) {
                throw new ApiException(409, "classification.busy", ClsWeb.MESSAGES.get(r.locale(), "run.busy",
                        e.getMessage()));
            }
            throw e;
        }
    }

    private Map<String, Object> run(ApiRequest r, String idText) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw new NotFoundException("run", ClsWeb.shorten(idText));
        }
        ClsMapper.RunRow run = store.read(m -> m.run(id));
        if (run == null) {
            throw new NotFoundException("run", String.valueOf(id));
        }
        Catalog catalog = engine.catalog();
        List<Object> changes = new ArrayList<>();
        boolean[] truncated = { false };
        store.read(m -> {
            try (Cursor<ClsMapper.RunChange> c = m.historyOfRun(id)) {
                for (ClsMapper.RunChange ch : c) {
                    if (changes.size() == MAX_CHANGES) {
                        truncated[0] = true;
                        break;
                    }
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("customerId", ch.customerId());
                    x.put("customer", ch.customerCode());
                    x.put("dimension", ch.dimensionId());
                    x.put("from", ch.oldValue());
                    x.put("fromLabel", ClsWeb.label(catalog, ch.dimensionId(), ch.oldValue(), r.locale()));
                    x.put("to", ch.newValue());
                    x.put("toLabel", ClsWeb.label(catalog, ch.dimensionId(), ch.newValue(), r.locale()));
                    x.put("reason", ch.reason());
                    changes.add(x);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        Map<String, Object> out = ClsWeb.run(run);
        out.put("changeRows", changes);
        out.put("truncated", truncated[0]);
        return out;
    }

    private static Map<String, Object> progress(RunProgress p) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("user", p.user());
        x.put("trigger", p.trigger());
        x.put("apply", p.apply());
        x.put("started", p.started().toString());
        x.put("phase", p.phase());
        x.put("done", p.done());
        x.put("total", p.total());
        return x;
    }
}
