package org.wanglai.classification.internal.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wanglai.api.ValidationException;
import org.wanglai.api.imports.ImportReader;
import org.wanglai.api.imports.ImportSpec;
import org.wanglai.api.imports.ParsedImport;
import org.wanglai.api.web.ApiDownload;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;

/**
 * A file import through the platform's import framework: {@code POST} a .xlsx or .csv file (multipart part
 * {@code file}); all rows are written in one transaction or none. A rejected file answers 400 with every row/column
 * problem and, as the first detail, {@code {"errorWorkbook": "/wanglai/api/<path>/errors/<token>"}}: the uploaded rows
 * with an error column, kept for the uploading user for {@value #KEEP_MINUTES} minutes. {@code GET /template} is the
 * empty file.
 */
abstract class ImportEndpoint implements ApiEndpoint {
    static final int KEEP_MINUTES = 30;
    private static final int KEEP_FILES = 20;
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ImportReader reader;
    private final String path;
    private final String role;
    private final ImportSpec spec;
    private final SecureRandom random = new SecureRandom();
    /** Error workbooks of rejected uploads, oldest first; bounded by count and age. */
    private final Map<String, Rejected> rejected = new LinkedHashMap<>();

    private record Rejected(String user, long at, byte[] workbook) {
    }

    ImportEndpoint(ImportReader reader, String path, String role, ImportSpec spec) {
        this.reader = reader;
        this.path = path;
        this.role = role;
        this.spec = spec;
    }

    /** Checks and writes the parsed file in one transaction; throws {@link ValidationException} with row errors. */
    abstract int store(ParsedImport parsed, String user, String fileName);

    @Override
    public String path() {
        return path;
    }

    @Override
    public String role(String method) {
        return "GET".equals(method) || "POST".equals(method) ? role : null;
    }

    @Override
    public Object handle(ApiRequest r) throws IOException {
        String rest = r.pathRemainder();
        String file = path.replace('/', '-');
        if ("GET".equals(r.method())) {
            if ("template".equals(rest)) {
                return new ApiDownload(file + ".xlsx", XLSX, out -> reader.writeTemplate(spec, r.locale(), out));
            }
            if (rest.startsWith("errors/")) {
                Rejected x = take(rest.substring("errors/".length()), r.user().name());
                return new ApiDownload(file + "-errors.xlsx", XLSX, out -> out.write(x.workbook()));
            }
            throw new ApiException(404, "classification.unknown-action", "use GET /" + path + "/template");
        }
        if (!rest.isEmpty()) {
            throw new ApiException(404, "classification.unknown-action", "use POST /" + path);
        }
        String name = r.uploadFileName("file").orElse("upload.xlsx");
        ParsedImport parsed;
        try (InputStream in = r.upload("file")) {
            parsed = reader.parse(spec, name, in);
        }
        try {
            return Map.of("imported", store(parsed, r.user().name(), name));
        } catch (ValidationException e) {
            ParsedImport all = new ParsedImport(parsed.spec(), parsed.headers(), parsed.rows(), e.errors());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            reader.writeErrorWorkbook(all, r.locale(), out);
            String token = keep(r.user().name(), out.toByteArray());
            List<Object> details = new ArrayList<>();
            details.add(Map.of("errorWorkbook", "/wanglai/api/" + path + "/errors/" + token));
            details.addAll(e.errors());
            throw new ApiException(400, "classification.import-rejected", e.getMessage(), details);
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
            throw new ApiException(404, "classification.no-error-workbook", "no error workbook '" + token
                    + "' of yours (they are kept " + KEEP_MINUTES + " minutes)");
        }
        return x;
    }

    private void expire() {
        long oldest = System.currentTimeMillis() - KEEP_MINUTES * 60_000L;
        rejected.values().removeIf(x -> x.at() < oldest);
    }
}
