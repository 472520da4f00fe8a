package org.wanglai.costing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.api.imports.ImportReader;
import org.wanglai.api.imports.ParsedImport;

/**
 * Gogo commands (scope {@code wanglai}) for imported cost entries: {@code costimport <file>} imports a .xlsx or .csv
 * file (all rows or none), {@code costimports [month]} lists the imports, {@code costimportdelete <id>} deletes one.
 * They need the platform's import framework (wanglai-excel) and come and go with it.
 */
@Component(service = CostImportCommands.class, property = { "osgi.command.scope=wanglai",
        "osgi.command.function=costimport", "osgi.command.function=costimports",
        "osgi.command.function=costimportdelete" })
public final class CostImportCommands {
    private static final String USER = "gogo";

    private final CostEntryImports imports;
    private final ImportReader reader;

    @Activate
    public CostImportCommands(@Reference CostingService costing, @Reference ImportReader reader) {
        this.imports = costing.imports();
        this.reader = reader;
    }

    /** Imports the file at {@code path}; prints every problem by row and column when it is rejected. */
    public String costimport(String path) throws IOException {
        Path file = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            return "no such file: " + file + "\n";
        }
        ParsedImport parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = reader.parse(imports.spec(), file.getFileName().toString(), in);
        } catch (ValidationException e) {
            return "REJECTED, nothing imported: " + e.getMessage() + "\n";
        }
        try {
            CostEntryImports.Summary s = imports.importEntries(parsed, USER, file.getFileName().toString());
            StringBuilder b = new StringBuilder(String.format("import %d: %d entries, %s %s, %s..%s%n", s.id(), s.rows(),
                    s.amount().toPlainString(), s.currency(), s.firstMonth(), s.lastMonth()));
            if (!s.allocatedMonths().isEmpty()) {
                b.append("allocated already, run costallocate again for: ").append(s.allocatedMonths()).append('\n');
            }
            return b.toString();
        } catch (ValidationException e) {
            StringBuilder b = new StringBuilder("REJECTED, nothing imported (" + e.errors().size() + " problems):\n");
            for (ValidationError x : e.errors()) {
                b.append("  ").append(x).append('\n');
            }
            return b.toString();
        }
    }

    public String costimports() {
        return costimports(null);
    }

    /** The imports, newest first (with the months allocated before them); with a month only those around it. */
    public String costimports(String month) {
        YearMonth m;
        try {
            m = month == null ? null : YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            return "not a month (yyyy-MM): " + month + "\n";
        }
        StringBuilder b = new StringBuilder();
        for (CostEntryImports.Summary s : imports.imports(m, m)) {
            b.append(String.format("%d  %s  %s  %s  %d rows  %s %s  %s..%s%n", s.id(), s.importedAt(), s.user(),
                    s.fileName(), s.rows(), s.amount().toPlainString(), s.currency(), s.firstMonth(), s.lastMonth()));
            if (!s.allocatedMonths().isEmpty()) {
                b.append("    allocated before this import, run costallocate again for: ").append(s.allocatedMonths())
                        .append('\n');
            }
        }
        return b.length() == 0 ? "no imports\n" : b.toString();
    }

    /** Deletes one import and all its entries. */
    public String costimportdelete(long id) {
        CostEntryImports.Summary s = imports.delete(id, USER);
        StringBuilder b = new StringBuilder(String.format("deleted import %d (%s, %d rows, %s %s)%n", s.id(),
                s.fileName(), s.rows(), s.amount().toPlainString(), s.currency()));
        if (!s.allocatedMonths().isEmpty()) {
            b.append("allocated with these entries, run costallocate again for: ").append(s.allocatedMonths())
                    .append('\n');
        }
        return b.toString();
    }
}
