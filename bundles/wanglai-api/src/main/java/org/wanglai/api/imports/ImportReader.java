package org.wanglai.api.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

import org.osgi.annotation.versioning.ProviderType;

/** Parses uploaded .xlsx and .csv files against an {@link ImportSpec}. */
@ProviderType
public interface ImportReader {

    /**
     * Reads and validates every row. File-level problems (not a spreadsheet, too large, zip bomb, external entities,
     * missing required column, too many rows) raise {@link org.wanglai.api.ValidationException}; row problems are
     * returned in {@link ParsedImport#errors()}, each naming its row and column.
     */
    ParsedImport parse(ImportSpec spec, String fileName, InputStream in) throws IOException;

    /** The uploaded rows again with an error column, problem cells highlighted: what the user fixes and re-uploads. */
    void writeErrorWorkbook(ParsedImport parsed, Locale locale, OutputStream out) throws IOException;

    /** An empty workbook with the spec's headers, for users to fill in. */
    void writeTemplate(ImportSpec spec, Locale locale, OutputStream out) throws IOException;
}
