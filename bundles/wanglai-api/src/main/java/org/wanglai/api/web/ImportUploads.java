package org.wanglai.api.web;

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

/**
 * The web side of a file import, for a capability's {@link ApiEndpoint} at {@code path}: the upload (multipart part
 * {@code file}, parsed by the platform's {@link ImportReader}, then stored by the capability in one transaction), the
 * empty template ({@code GET <path>/template}) and the error workbooks of rejected files ({@code GET
 * <path>/errors/<token>}).
 * <p>
 * A rejected file (the capability's store throws {@link ValidationException}) answers 400 with the error code
 * {@code <capability>.import-rejected}, every row/column problem as details and, as the first detail,
 * {@code {"errorWorkbook": "/wanglai/api/<path>/errors/<token>"}}: the uploaded rows with an error column, kept for
 * the uploading user only, for {@value #KEEP_MINUTES} minutes (at most {@value #KEEP_FILES} workbooks per endpoint).
 */
public final class ImportUploads {
    public static final int KEEP_MINUTES = 30;
    public static final int KEEP_FILES = 20;
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** What the capability does with a parsed file: check it whole and write it in one transaction. */
    @FunctionalInterface
    public interface Store<T> {
        /** @throws ValidationException with every row/column problem; nothing written */
        T store(ParsedImport parsed, String user, String fileName);
    }

    private final ImportReader reader;
    private final ImportSpec spec;
    private final String path;
    private final String capability;
    private final SecureRandom random = new SecureRandom();
    /** Error workbooks of rejected uploads, oldest first; bounded by count and age. */
    private final Map<String, Rejected> rejected = new LinkedHashMap<>();

    private record Rejected(String user, long at, byte[] workbook) {
    }

    /**
     * @param path the endpoint's path, e.g. {@code credit/external-scores}; also the downloads' file name
     * @param capability the error codes' prefix, e.g. {@code credit}
     */
    public ImportUploads(ImportReader reader, ImportSpec spec, String path, String capability) {
        this.reader = reader;
        this.spec = spec;
        this.path = path;
        this.capability = capability;
    }

    /**
     * Serves {@code GET template} and {@code GET errors/<token>} of {@code request}; null for any other request,
     * which is then the endpoint's own.
     */
    public ApiDownload download(ApiRequest request) {
        if (!"GET".equals(request.method())) {
            return null;
        }
        String rest = request.pathRemainder();
        String file = path.replace('/', '-');
        if ("template".equals(rest)) {
            return new ApiDownload(file + ".xlsx", XLSX, out -> reader.writeTemplate(spec, request.locale(), out));
        }
        if (rest.startsWith("errors/")) {
            Rejected x = take(rest.substring("errors/".length()), request.user().name());
            return new ApiDownload(file + "-errors.xlsx", XLSX, out -> out.write(x.workbook()));
        }
        return null;
    }

    /**
     * Parses the uploaded file and hands it to {@code store}; a rejection becomes the 400 answer described above,
     * with a bilingual message saying that nothing was imported.
     */
    public <T> T upload(ApiRequest request, Store<T> store) throws IOException {
        String name = request.uploadFileName("file").orElse("upload.xlsx");
        ParsedImport parsed;
        try (InputStream in = request.upload("file")) {
            parsed = reader.parse(spec, name, in);
        }
        try {
            return store.store(parsed, request.user().name(), name);
        } catch (ValidationException e) {
            ParsedImport all = new ParsedImport(parsed.spec(), parsed.headers(), parsed.rows(), e.errors());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            reader.writeErrorWorkbook(all, request.locale(), out);
            String token = keep(request.user().name(), out.toByteArray());
            List<Object> details = new ArrayList<>();
            details.add(Map.of("errorWorkbook", "/wanglai/api/" + path + "/errors/" + token));
            details.addAll(e.errors());
            String message = "zh".equals(request.locale().getLanguage())
                    ? "文件未导入（任何一行有错则全部不导入）：" + e.getMessage()
                    : "Nothing was imported (a file is imported whole or not at all): " + e.getMessage();
            throw new ApiException(400, capability + ".import-rejected", message, details);
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
            String shown = token.length() > 40 ? token.substring(0, 40) + "…" : token;
            throw new ApiException(404, capability + ".no-error-workbook", "no error workbook '" + shown
                    + "' of yours (they are kept " + KEEP_MINUTES + " minutes)");
        }
        return x;
    }

    private void expire() {
        long oldest = System.currentTimeMillis() - KEEP_MINUTES * 60_000L;
        rejected.values().removeIf(x -> x.at() < oldest);
    }
}
