package org.wanglai.classification.internal.web;

import java.io.IOException;
import java.util.Map;

import org.wanglai.api.ValidationException;
import org.wanglai.api.imports.ImportReader;
import org.wanglai.api.imports.ImportSpec;
import org.wanglai.api.imports.ParsedImport;
import org.wanglai.api.web.ApiDownload;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.ImportUploads;

/**
 * A file import through the platform's import framework: {@code POST} a .xlsx or .csv file (multipart part
 * {@code file}); all rows are written in one transaction or none. Rejected files, their error workbooks and the
 * template ({@code GET /template}): see {@link ImportUploads}.
 */
abstract class ImportEndpoint implements ApiEndpoint {
    private final String path;
    private final String role;
    private final ImportUploads uploads;

    ImportEndpoint(ImportReader reader, String path, String role, ImportSpec spec) {
        this.path = path;
        this.role = role;
        this.uploads = new ImportUploads(reader, spec, path, "classification");
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
        ApiDownload download = uploads.download(r);
        if (download != null) {
            return download;
        }
        if ("GET".equals(r.method())) {
            throw new ApiException(404, "classification.unknown-action", "use GET /" + path + "/template");
        }
        if (!r.pathRemainder().isEmpty()) {
            throw new ApiException(404, "classification.unknown-action", "use POST /" + path);
        }
        return uploads.upload(r, (parsed, user, file) -> Map.of("imported", store(parsed, user, file)));
    }
}
