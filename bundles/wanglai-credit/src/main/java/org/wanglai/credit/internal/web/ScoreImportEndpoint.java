package org.wanglai.credit.internal.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.ValidationException;
import org.wanglai.api.imports.ImportReader;
import org.wanglai.api.imports.ParsedImport;
import org.wanglai.api.web.ApiDownload;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.credit.internal.CreditService;

/**
 * {@code /wanglai/api/credit/external-scores}: POST a .xlsx or .csv file (multipart part {@code file}) of external
 * scores (customer code, score 0–100, agency, date) through the platform's import framework; all rows are stored in
 * one transaction or none. A rejected file answers 400 with every row/field problem and, as the first detail,
 * {@code {"errorWorkbook": "/wanglai/api/credit/external-scores/errors/<token>"}}: the uploaded rows with an error
 * column, kept for the uploading user for {@value #KEEP_MINUTES} minutes. GET {@code /template} is the empty file.
 */
@Component(service = ApiEndpoint.class)
public final class ScoreImportEndpoint implements ApiEndpoint {
    static final int KEEP_MINUTES = 30;
    private static final int KEEP_FILES = 20;
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final CreditService credit;
    private final ImportReader reader;
    private final SecureRandom random = new SecureRandom();
    /** Error workbooks of rejected uploads, oldest first; bounded by count and age. */
    private final Map<String, Rejected> rejected = new LinkedHashMap<>();

    private record Rejected(String user, long at, byte[] workbook) {
    }

    @Activate
    public ScoreImportEndpoint(@Reference CreditService credit, @Reference ImportReader reader) {
        this.credit = credit;
        this.reader = reader;
    }

    @Override
    public String path() {
        return "credit/external-scores";
    }

    @Override
    public String role(String method) {
        return "GET".equals(method) || "POST".equals(method) ? WebUser.ACCOUNTANT : null;
    }

    @Override
    public Object handle(ApiRequest r) throws IOException {
        String rest = r.pathRemainder();
        if ("GET".equals(r.method())) {
            if ("template".equals(rest)) {
                return new ApiDownload("credit-external-scores.xlsx", XLSX,
                        out -> reader.writeTemplate(credit.externalScoreSpec(), r.locale(), out));
            }
            if (rest.startsWith("errors/")) {
                Rejected x = take(rest.substring("errors/".length()), r.user().name());
                return new ApiDownload("credit-external-scores-errors.xlsx", XLSX, out -> out.write(x.workbook()));
            }
            throw new ApiException(404, "credit.unknown-action", "use GET /credit/external-scores/template");
        }
        if (!rest.isEmpty()) {
            throw new ApiException(404, "credit.unknown-action", "use POST /credit/external-scores");
        }
        String name = r.uploadFileName("file").orElse("upload.xlsx");
        ParsedImport parsed;
        try (InputStream in = r.upload("file")) {
            parsed = reader.parse(credit.externalScoreSpec(), name, in);
        }
        try {
            return Map.of("imported", credit.importExternalScores(parsed, r.user().name()));
        } catch (ValidationException e) {
            ParsedImport all = new ParsedImport(parsed.spec(), parsed.headers(), parsed.rows(), e.errors());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            reader.writeErrorWorkbook(all, r.locale(), out);
            String token = keep(r.user().name(), out.toByteArray());
            List<Object> details = new ArrayList<>();
            details.add(Map.of("errorWorkbook", "/wanglai/api/credit/external-scores/errors/" + token));
            details.addAll(e.errors());
            throw new ApiException(400, "credit.import-rejected", e.getMessage(), details);
        }
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
            throw new ApiException(404, "credit.no-error-workbook", "no error workbook '" + token
                    + "' of yours (they are kept " + KEEP_MINUTES + " minutes)");
        }
        return x;
    }

    private void expire() {
        long oldest = System.currentTimeMillis() - KEEP_MINUTES * 60_000L;
        rejected.values().removeIf(x -> x.at() < oldest);
    }
}
