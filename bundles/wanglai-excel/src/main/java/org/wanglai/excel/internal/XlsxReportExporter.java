package org.wanglai.excel.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportExporter;
import org.wanglai.api.report.ReportQuery;

/** Renders any {@link Report} to a streamed .xlsx workbook (POI SXSSF): memory stays bounded whatever the rows. */
@Component(service = ReportExporter.class, configurationPid = XlsxReportExporter.PID)
@Designate(ocd = XlsxReportExporter.Config.class)
public class XlsxReportExporter implements ReportExporter {
    static final String PID = "org.wanglai.excel.export";
    private static final Logger LOG = LoggerFactory.getLogger(XlsxReportExporter.class);
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    @ObjectClassDefinition(name = "Wanglai Excel export", description = "How reports are written to .xlsx.")
    public @interface Config {
        @AttributeDefinition(name = "Row window",
                description = "Rows kept in memory while streaming; older rows go to a compressed temporary file.")
        int rowWindow() default 200;

        @AttributeDefinition(name = "Rows sampled",
                description = "First data rows used to size the columns and to see whether money columns mix currencies.")
        int sampleRows() default 200;

        @AttributeDefinition(name = "Chart rows",
                description = "Largest number of category rows drawn in a report's chart sheet.")
        int chartRows() default 500;
    }

    private final Settings settings;
    private final Messages messages;
    private final Clock clock;

    @Activate
    public XlsxReportExporter(Config config) {
        this(settingsOf(config), Clock.systemDefaultZone());
    }

    XlsxReportExporter(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.messages = new Messages();
        PoiLimits.apply();
    }

    static Settings settingsOf(Config config) {
        if (config.rowWindow() < 10 || config.rowWindow() > 100_000) {
            throw new IllegalArgumentException("rowWindow must be between 10 and 100000, was " + config.rowWindow());
        }
        if (config.sampleRows() < 0 || config.sampleRows() > 100_000) {
            throw new IllegalArgumentException("sampleRows must be between 0 and 100000, was " + config.sampleRows());
        }
        if (config.chartRows() < 1 || config.chartRows() > 10_000) {
            throw new IllegalArgumentException("chartRows must be between 1 and 10000, was " + config.chartRows());
        }
        return new Settings(config.rowWindow(), config.sampleRows(), config.chartRows());
    }

    @Override
    public long export(Report report, ReportQuery query, OutputStream out) throws IOException {
        long start = System.nanoTime();
        long rows = new ReportWorkbookWriter(settings, messages, clock, report.definition(), query).write(report, out);
        LOG.debug("exported report {} ({} rows) in {} ms", report.definition().id(), rows,
                (System.nanoTime() - start) / 1_000_000);
        return rows;
    }

    @Override
    public String fileName(Report report, ReportQuery query) {
        String id = report.definition().id().replaceAll("[^a-z0-9.-]", "-");
        return id + "-" + LocalDate.now(clock).format(FILE_DATE) + ".xlsx";
    }

    /** Validated configuration. */
    record Settings(int rowWindow, int sampleRows, int chartRows) {
        static Settings defaults() {
            return new Settings(200, 200, 500);
        }
    }
}
