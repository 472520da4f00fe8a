package org.wanglai.costing.internal.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.Money;
import org.wanglai.api.ValidationException;
import org.wanglai.api.imports.ImportReader;
import org.wanglai.api.imports.ParsedImport;
import org.wanglai.api.web.ApiDownload;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.costing.internal.CostEntryImports;
import org.wanglai.costing.internal.CostingService;

/**
 * {@code /wanglai/api/costing/cost-entry-import}: cost entries from .xlsx or .csv files through the platform's
 * import framework.
 * <ul>
 * <li>{@code POST} (accountant) the file as multipart part {@code file}: every row is written in one transaction or
 * none. A rejected file answers 400 with every row/column problem and, as the first detail,
 * {@code {"errorWorkbook": ".../errors/<token>"}}, the uploaded rows with an error column, kept for the uploading user
 * for {@value #KEEP_MINUTES} minutes. The answer names the months that were allocated already: their allocation must
 * be run again to include the entries.</li>
 * <li>{@code GET} (accountant): the imports, newest first ({@code ?from=&to=} months); {@code GET template}: the empty
 * file; {@code GET errors/<token>}: an error workbook.</li>
 * <li>{@code DELETE <id>} (admin): removes one import with all its entries in one transaction.</li>
 * </ul>
 */
@Component(service = ApiEndpoint.class)
public final class CostEntryImportEndpoint implements ApiEndpoint {
    static final int KEEP_MINUTES = 30;
    private static final int KEEP_FILES = 20;
    private static final String PATH = "costing/cost-entry-import";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final CostEntryImports imports;
    private final ImportReader reader;
    private final SecureRandom random = new SecureRandom();
    /** Error workbooks of rejected uploads, oldest first; bounded by count and age. */
    private final Map<String, Rejected> rejected = new LinkedHashMap<>();

    private record Rejected(String user, long at, byte[] workbook) {
    }

    @Activate
    public CostEntryImportEndpoint(@Reference CostingService costing, @Reference ImportReader reader) {
        this.imports = costing.imports();
        this.reader = reader;
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
            if ("template".equals(rest)) {
                return new ApiDownload("costing-cost-entries.xlsx", XLSX,
                        out -> reader.writeTemplate(imports.spec(), r.locale(), out));
            }
            if (rest.startsWith("errors/")) {
                Rejected x = take(rest.substring("errors/".length()), r.user().name());
                return new ApiDownload("costing-cost-entries-errors.xlsx", XLSX, out -> out.write(x.workbook()));
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
        String name = r.uploadFileName("file").orElse("upload.xlsx");
        ParsedImport parsed;
        try (InputStream in = r.upload("file")) {
            parsed = reader.parse(imports.spec(), name, in);
        }
        try {
            return json(imports.importEntries(parsed, r.user().name(), name), r.locale());
        } catch (ValidationException e) {
            ParsedImport all = new ParsedImport(parsed.spec(), parsed.headers(), parsed.rows(), e.errors());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            reader.writeErrorWorkbook(all, r.locale(), out);
            String token = keep(r.user().name(), out.toByteArray());
            List<Object> details = new ArrayList<>();
            details.add(Map.of("errorWorkbook", "/wanglai/api/" + PATH + "/errors/" + token));
            details.addAll(e.errors());
            String message = zh(r.locale()) ? "文件未导入（任何一行有错则全部不导入）：" + e.getMessage()
                    : "Nothing was imported (a file is imported whole or not at all): " + e.getMessage();
            throw new ApiException(400, "costing.import-rejected", message, details);
        }
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

    private synchronized String keep(String user, byte[] workbook) {
        expire();
        while (rejected.size() >= KEEP_FILES) {
            rejected.remove(rejected.keySet().iterator().next());
        }
        byte[] b = new byte[16];
        random.nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        rejected.put(token, new Rejected(user, System.currentTimeMillis(), workbook));
        return token;
    }

    private synchronized Rejected take(String token, String user) {
        expire();
        Rejected x = rejected.get(token);
        if (x == null || !x.user().equals(user)) {
            throw new ApiException(404, "costing.no-error-workbook", "no error workbook '"
                    + CostingEndpoints.shorten(token) + "' of yours (they are kept " + KEEP_MINUTES + " minutes)");
        }
        return x;
    }

    private void expire() {
        long oldest = System.currentTimeMillis() - KEEP_MINUTES * 60_000L;
        rejected.values().removeIf(x -> x.at() < oldest);
    }
}
