package org.wanglai.credit.internal.web;

import java.io.IOException;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.imports.ImportReader;
import org.wanglai.api.web.ApiDownload;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.ImportUploads;
import org.wanglai.api.web.WebUser;
import org.wanglai.credit.internal.CreditService;

/**
 * {@code /wanglai/api/credit/external-scores}: POST a .xlsx or .csv file (multipart part {@code file}) of external
 * scores (customer code, score 0–100, agency, date) through the platform's import framework; all rows are stored in
 * one transaction or none. Rejected files, their error workbooks and the template: see {@link ImportUploads}.
 */
@Component(service = ApiEndpoint.class)
public final class ScoreImportEndpoint implements ApiEndpoint {
    private static final String PATH = "credit/external-scores";

    private final CreditService credit;
    private final ImportUploads uploads;

    @Activate
    public ScoreImportEndpoint(@Reference CreditService credit, @Reference ImportReader reader) {
        this.credit = credit;
        this.uploads = new ImportUploads(reader, credit.externalScoreSpec(), PATH, "credit");
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String role(String method) {
        return "GET".equals(method) || "POST".equals(method) ? WebUser.ACCOUNTANT : null;
    }

    @Override
    public Object handle(ApiRequest r) throws IOException {
        ApiDownload download = uploads.download(r);
        if (download != null) {
            return download;
        }
        if ("GET".equals(r.method())) {
            throw new ApiException(404, "credit.unknown-action", "use GET /" + PATH + "/template");
        }
        if (!r.pathRemainder().isEmpty()) {
            throw new ApiException(404, "credit.unknown-action", "use POST /" + PATH);
        }
        return uploads.upload(r, (parsed, user, file) -> Map.of("imported", credit.importExternalScores(parsed, user)));
    }
}
