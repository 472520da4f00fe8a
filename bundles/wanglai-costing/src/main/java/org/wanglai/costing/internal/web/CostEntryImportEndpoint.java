package org.wanglai.costing.internal.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.Money;
import org.wanglai.api.imports.ImportReader;
import org.wanglai.api.web.ApiDownload;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.ImportUploads;
import org.wanglai.api.web.WebUser;
import org.wanglai.costing.internal.CostEntryImports;
import org.wanglai.costing.internal.CostingService;

/**
 * {@code /wanglai/api/costing/cost-entry-import}: cost entries from .xlsx or .csv files through the platform's
 * import framework.
 * <ul>
 * <li>{@code POST} (accountant) the file as multipart part {@code file}: every row is written in one transaction or
 * none; rejected files and their error workbooks: see {@link ImportUploads}. The answer names the months that were
 * allocated already: their allocation must be run again to include the entries.</li>
 * <li>{@code GET} (accountant): the imports, newest first ({@code ?from=&to=} months); {@code GET template}: the empty
 * file; {@code GET errors/<token>}: an error workbook.</li>
 * <li>{@code DELETE <id>} (admin): removes one import with all its entries in one transaction.</li>
 * </ul>
 */
@Component(service = ApiEndpoint.class)
public final class CostEntryImportEndpoint implements ApiEndpoint {
    private static final String PATH = "costing/cost-entry-import";

    private final CostEntryImports imports;
    private final ImportUploads uploads;

    @Activate
    public CostEntryImportEndpoint(@Reference CostingService costing, @Reference ImportReader reader) {
        this.imports = costing.imports();
        this.uploads = new ImportUploads(reader, imports.spec(), PATH, "costing");
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String role(String method) {
        return switch (method) {
            case "GET", "POST" -> WebUser.ACCOUNTANT;
            case "DELETE" -> WebUser.ADMIN;
            default -> null;
        };
    }

    @Override
    public Object handle(ApiRequest r) throws IOException {
        String rest = r.pathRemainder();
        switch (r.method()) {
        case "GET" -> {
            if (rest.isEmpty()) {
                List<Object> out = new ArrayList<>();
                for (CostEntryImports.Summary s : imports.imports(optional(r.param("from"), "from"),
                        optional(r.param("to"), "to"))) {
                    out.add(json(s, r.locale()));
                }
                return out;
            }
            ApiDownload download = uploads.download(r);
            if (download != null) {
                return download;
            }
            throw new ApiException(404, "costing.unknown-action", "use GET /" + PATH + "[/template]");
        }
        case "DELETE" -> {
            return json(imports.delete(id(rest), r.user().name()), r.locale());
        }
        default -> {
            if (!rest.isEmpty()) {
                throw new ApiException(404, "costing.unknown-action", "use POST /" + PATH);
            }
            return upload(r);
        }
        }
    }

    private Object upload(ApiRequest r) throws IOException {
        return uploads.upload(r, (parsed, user, file) -> json(imports.importEntries(parsed, user, file), r.locale()));
    }

    static Map<String, Object> json(CostEntryImports.Summary s, Locale locale) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("id", s.id());
        x.put("fileName", s.fileName());
        x.put("user", s.user());
        x.put("importedAt", s.importedAt().toString());
        x.put("rows", s.rows());
        x.put("amount", Money.of(s.amount(), s.currency()));
        x.put("firstMonth", s.firstMonth().toString());
        x.put("lastMonth", s.lastMonth().toString());
        List<String> months = s.allocatedMonths().stream().map(Object::toString).toList();
        x.put("allocatedMonths", months);
        if (!months.isEmpty()) {
            x.put("note", zh(locale) ? "以下月份已分摊，需重新执行分摊才能反映此变更：" + String.join("、", months)
                    : "These months were allocated already; allocate them again to take this change in: "
                            + String.join(", ", months));
        }
        return x;
    }

    private static boolean zh(Locale locale) {
        return "zh".equals(locale.getLanguage());
    }

    /** An import id from the path: digits only. */
    private static long id(String text) {
        if (!text.matches("[0-9]{1,18}")) {
            throw new ApiException(404, "costing.unknown-action", "use DELETE /" + PATH + "/<import id>");
        }
        return Long.parseLong(text);
    }

    private static java.time.YearMonth optional(String text, String field) {
        return text == null || text.isBlank() ? null : CostingEndpoints.month(text, field, null);
    }
}
