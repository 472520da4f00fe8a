/**
 * Reports as services (whiteboard). A capability registers {@link org.wanglai.api.report.Report} services; the web
 * bundle lists them, shows them as tables and charts, and the Excel bundle renders any of them to .xlsx through
 * {@link org.wanglai.api.report.ReportExporter}. Rows are pushed from a database cursor, never collected in a list.
 */
@Export
@Version("1.0.0")
package org.wanglai.api.report;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
