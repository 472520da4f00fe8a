package org.wanglai.api.imports;

import java.util.ArrayList;
import java.util.List;

import org.wanglai.api.ValidationError;

/** The rows of an uploaded file and every problem found in them. */
public record ParsedImport(ImportSpec spec, List<String> headers, List<ImportRow> rows, List<ValidationError> errors) {
    public ParsedImport {
        headers = List.copyOf(headers);
        rows = List.copyOf(rows);
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** This import with more errors, e.g. found by the capability's own checks. */
    public ParsedImport withErrors(List<ValidationError> more) {
        List<ValidationError> all = new ArrayList<>(errors);
        all.addAll(more);
        return new ParsedImport(spec, headers, rows, all);
    }
}
