package org.wanglai.excel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.imports.ImportReader;
import org.wanglai.api.imports.ImportSpec;
import org.wanglai.api.imports.ParsedImport;

/**
 * Parses uploaded .xlsx (streamed with POI's SAX event API) and .csv files against an import spec, and writes the
 * error workbook and the empty template. The upload is counted while it is read and refused past the configured
 * size; customer codes are checked in the host with one set-based lookup per file.
 */
@Component(service = ImportReader.class, configurationPid = ExcelImportReader.PID)
@Designate(ocd = ExcelImportReader.Config.class)
public class ExcelImportReader implements ImportReader {
    static final String PID = "org.wanglai.excel.import";
    private static final Logger LOG = LoggerFactory.getLogger(ExcelImportReader.class);
    private static final byte[] ZIP = { 'P', 'K', 3, 4 };
    private static final byte[] OLE2 = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0 };

    @ObjectClassDefinition(name = "Wanglai Excel import", description = "Limits of uploaded .xlsx and .csv files.")
    public @interface Config {
        @AttributeDefinition(name = "Largest file (MB)", description = "Uploads larger than this are refused.")
        int maxFileSizeMb() default 20;
    }

    private final HostCustomers customers;
    private final long maxBytes;
    private final int maxMb;
    private final Messages messages = new Messages();

    @Activate
    public ExcelImportReader(@Reference HostCustomers customers, Config config) {
        this(customers, validMb(config.maxFileSizeMb()));
    }

    ExcelImportReader(HostCustomers customers, int maxFileSizeMb) {
        this.customers = customers;
        this.maxMb = maxFileSizeMb;
        this.maxBytes = maxFileSizeMb * 1024L * 1024L;
        PoiLimits.apply();
    }

    private static int validMb(int mb) {
        if (mb < 1 || mb > 1024) {
            throw new IllegalArgumentException("maxFileSizeMb must be between 1 and 1024, was " + mb);
        }
        return mb;
    }

    @Override
    public ParsedImport parse(ImportSpec spec, String fileName, InputStream in) throws IOException {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).strip();
        ImportValidator validator = new ImportValidator(spec, messages);
        Path tmp = Files.createTempFile("wanglai-import", ".upload");
        try {
            long size = copyLimited(in, tmp);
            byte[] head = head(tmp);
            if (startsWith(head, ZIP)) {
                XlsxTableReader.read(tmp, validator);
            } else if (startsWith(head, OLE2)) {
                throw new FileProblem("file.xls");
            } else if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) {
                throw new FileProblem("file.corrupt", "the file is not a zip package");
            } else if (name.endsWith(".csv") || name.endsWith(".txt")) {
                CsvTableReader.read(Files.readAllBytes(tmp), validator);
            } else {
                throw new FileProblem("file.type");
            }
            ParsedImport parsed = validator.finish(customers::idsByCodes);
            LOG.debug("parsed import {} from {} ({} bytes): {} rows, {} problems", spec.id(), fileName, size,
                    parsed.rows().size(), parsed.errors().size());
            return parsed;
        } catch (FileProblem p) {
            throw rejected(p);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private ValidationException rejected(FileProblem p) {
        List<FileProblem> all = p instanceof ImportValidator.MultiProblem m ? m.problems() : List.of(p);
        List<ValidationError> errors = new ArrayList<>();
        for (FileProblem f : all) {
            errors.add(new ValidationError(f.row(), "file", messages.english(f.key(), f.args())));
        }
        return new ValidationException(errors);
    }

    /** Copies the upload to a temporary file, counting bytes: past the limit the upload is refused unread. */
    private long copyLimited(InputStream in, Path target) throws IOException, FileProblem {
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new FileProblem("file.size", String.valueOf(maxMb));
                }
                out.write(buf, 0, n);
            }
        }
        return total;
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
    }

    @Override
    public void writeErrorWorkbook(ParsedImport parsed, Locale locale, OutputStream out) throws IOException {
        new ErrorWorkbookWriter(messages, parsed, locale).write(out);
    }

    @Override
    public void writeTemplate(ImportSpec spec, Locale locale, OutputStream out) throws IOException {
        new TemplateWriter(messages, spec, locale).write(out);
    }
}
