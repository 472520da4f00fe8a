package org.wanglai.api.report;

import java.io.IOException;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ProviderType;

/** Renders any report to a streamed .xlsx workbook. */
@ProviderType
public interface ReportExporter {

    String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /**
     * Writes the report as .xlsx to {@code out}: title, parameters and generation time on top, bold frozen header,
     * autofilter, typed cells, totals row, and a chart sheet when the report declares a chart. Memory stays
     * bounded whatever the number of rows.
     *
     * @return the number of data rows written
     */
    long export(Report report, ReportQuery query, OutputStream out) throws IOException;

    /** A file name for the download: report id, date, {@code .xlsx}. */
    String fileName(Report report, ReportQuery query);
}
