package org.wanglai.api.report;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A report, registered as an OSGi service by the capability that owns it. When that bundle stops, its reports
 * disappear from the pages and the API.
 */
@ConsumerType
public interface Report {

    ReportDefinition definition();

    /**
     * Streams the rows for {@code query} into {@code sink}, one array per row with one value per column of the
     * definition, in column order. Stops early when the sink returns {@code false}. Implementations read from a
     * database cursor and must not collect the rows.
     *
     * @throws org.wanglai.api.ValidationException when a parameter is missing or invalid (naming it)
     */
    void run(ReportQuery query, RowSink sink);
}
