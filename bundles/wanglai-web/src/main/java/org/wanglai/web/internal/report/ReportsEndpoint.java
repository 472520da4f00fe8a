package org.wanglai.web.internal.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportExporter;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.web.ApiDownload;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.web.internal.Messages;

/**
 * {@code /wanglai/api/reports}: every running {@link Report} service the user's role may see, its definition, a
 * page of its rows (sorted, filtered, with totals, streamed) and its Excel download when an {@link ReportExporter}
 * runs.
 */
@Component(service = ApiEndpoint.class)
public final class ReportsEndpoint implements ApiEndpoint {

    /** With a sort order the rows up to the page's end are held; deeper pages are refused (use the filter or Excel). */
    static final int MAX_SORTED_DEPTH = 100_000;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> RESERVED = Set.of("sort", "dir", "offset", "limit", "filter");
    private static final Logger LOG = LoggerFactory.getLogger(ReportsEndpoint.class);

    private final Messages messages = new Messages(ReportsEndpoint.class.getClassLoader());
    private final List<Report> reports = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ReportExporter exporter;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HostCustomers customers;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addReport(Report report) {
        reports.add(report);
    }

    void removeReport(Report report) {
        reports.remove(report);
    }

    @Override
    public String path() {
        return "reports";
    }

    @Override
    public String role(String httpMethod) {
        return "GET".equals(httpMethod) ? WebUser.VIEWER : null;
    }

    @Override
    public Object handle(ApiRequest request) {
        String rest = request.pathRemainder();
        Locale locale = request.locale();
        if (rest.isEmpty()) {
            return Map.of("reports", reports.stream().map(Report::definition)
                    .filter(d -> request.user().hasRole(d.role()))
                    .sorted(Comparator.comparing(ReportDefinition::capability, Comparator.nullsFirst(Comparator.naturalOrder()))
                            .thenComparing(ReportDefinition::id))
                    .map(d -> describe(d, locale)).toList());
        }
        String[] parts = rest.split("/");
        if (parts.length > 2) {
            throw unknown(rest, locale);
        }
        Report report = find(parts[0]).orElseThrow(() -> unknown(parts[0], locale));
        ReportDefinition def = report.definition();
        if (!request.user().hasRole(def.role())) {
            throw new ApiException(403, "auth.forbidden", messages.get(locale, "auth.forbidden", def.role()));
        }
        if (parts.length == 1) {
            return describe(def, locale);
        }
        return switch (parts[1]) {
            case "data" -> data(report, def, request);
            case "xlsx" -> xlsx(report, def, request);
            default -> throw unknown(rest, locale);
        };
    }

    private ApiException unknown(String id, Locale locale) {
        return new ApiException(404, "report.unknown", messages.get(locale, "report.unknown", id));
    }

    private Optional<Report> find(String id) {
        return reports.stream().filter(r -> r.definition().id().equals(id)).findFirst();
    }

    private Map<String, Object> data(Report report, ReportDefinition def, ApiRequest request) {
        Locale locale = request.locale();
        ReportQuery query = query(def, request);
        String sort = request.param("sort");
        String dir = Optional.ofNullable(request.param("dir")).orElse("asc");
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw new ApiException(400, "report.dir", messages.get(locale, "report.dir", dir));
        }
        int offset = integer(request, "offset", 0, 0, Integer.MAX_VALUE - MAX_LIMIT);
        int limit = integer(request, "limit", 50, 1, MAX_LIMIT);
        Comparator<Object[]> order = null;
        if (sort != null && !sort.isEmpty()) {
            int column = columnIndex(def, sort).orElseThrow(() -> new ApiException(400, "report.sort",
                    messages.get(locale, "report.sort", sort, String.join(", ", def.columns().stream().map(ReportColumn::id).toList()))));
            if ((long) offset + limit > MAX_SORTED_DEPTH) {
                throw new ApiException(400, "report.too-deep", messages.get(locale, "report.too-deep", MAX_SORTED_DEPTH));
            }
            order = Cells.rowOrder(column, dir.equals("desc"), locale);
        }
        String filter = request.param("filter");
        if (filter != null && filter.length() > 200) {
            throw new ApiException(400, "report.filter", messages.get(locale, "report.filter", 200));
        }
        RowWindow window = new RowWindow(def.columns(), order, filter, offset, limit, locale);
        long started = System.nanoTime();
        report.run(query, window);
        LOG.debug("Report {} for {}: {} rows streamed, {} matched in {} ms", def.id(), request.user().name(),
                window.seen(), window.total(), (System.nanoTime() - started) / 1_000_000);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("columns", columns(def, locale));
        m.put("rows", window.rows());
        m.put("total", window.total());
        m.put("offset", offset);
        m.put("limit", limit);
        m.put("totalsRow", window.totalsRow());
        return m;
    }

    private Object xlsx(Report report, ReportDefinition def, ApiRequest request) {
        ReportExporter current = exporter;
        if (current == null) {
            throw new ApiException(503, "report.export-unavailable", messages.get(request.locale(), "report.export-unavailable"));
        }
        ReportQuery query = query(def, request);
        return new ApiDownload(current.fileName(report, query), ReportExporter.CONTENT_TYPE, out -> {
            long rows = current.export(report, query, out);
            LOG.info("Report {} exported to Excel for {}: {} rows", def.id(), request.user().name(), rows);
        });
    }

    private ReportQuery query(ReportDefinition def, ApiRequest request) {
        Map<String, String> raw = new LinkedHashMap<>(request.params());
        raw.keySet().removeAll(RESERVED);
        HostCustomers hc = customers;
        ParameterParser parser = new ParameterParser(messages, LocalDate.now(),
                code -> hc == null || hc.findByCode(code).isPresent(),
                code -> hc == null || hc.categories().stream().anyMatch(c -> code.equals(c.code())));
        return new ReportQuery(parser.parse(def, raw, request.locale()), request.locale(), request.user().name());
    }

    private int integer(ApiRequest request, String name, int dflt, int min, int max) {
        String v = request.param(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(400, "report.paging", messages.get(request.locale(), "report.paging", name, v, min, max));
    }

    private static Optional<Integer> columnIndex(ReportDefinition def, String id) {
        for (int i = 0; i < def.columns().size(); i++) {
            if (def.columns().get(i).id().equals(id)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private Map<String, Object> describe(ReportDefinition d, Locale locale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("capability", d.capability());
        m.put("title", d.title().in(locale));
        m.put("description", d.description() == null ? null : d.description().in(locale));
        m.put("role", d.role());
        List<Map<String, Object>> params = new ArrayList<>();
        for (ReportParameter p : d.parameters()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("id", p.id());
            pm.put("label", p.label().in(locale));
            pm.put("type", p.type().name());
            pm.put("required", p.required());
            pm.put("defaultValue", p.defaultValue());
            pm.put("choices", p.choices().stream()
                    .map(c -> Map.of("value", c.value(), "label", c.label().in(locale))).toList());
            params.add(pm);
        }
        m.put("parameters", params);
        m.put("columns", columns(d, locale));
        m.put("chart", d.chart().map(c -> Map.of("type", c.type().name(), "categoryColumn", c.categoryColumn(),
                "valueColumns", c.valueColumns())).orElse(null));
        m.put("exportAvailable", exporter != null);
        return m;
    }

    private static List<Map<String, Object>> columns(ReportDefinition d, Locale locale) {
        return d.columns().stream().map(c -> Map.<String, Object>of("id", c.id(), "label", c.label().in(locale),
                "type", c.type().name(), "total", c.total())).toList();
    }
}
