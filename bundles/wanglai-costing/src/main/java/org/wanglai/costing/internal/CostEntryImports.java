package org.wanglai.costing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.imports.ImportSpec;
import org.wanglai.api.imports.ParsedImport;

/**
 * Cost entries imported from Excel/CSV files next to the host's cost ledger (which stays the host's). A file is
 * checked as a whole and written in one transaction, or not at all; an import can be deleted as a whole. Allocation
 * reads the imported entries with the ledger; a month allocated before an import or a deletion keeps its facts
 * until it is allocated again, so both answers name those months. Part of {@link CostingService} (one component, so
 * that a configuration change restarts one service, not a chain of them); reached through
 * {@link CostingService#imports()}.
 */
public final class CostEntryImports {
    private static final Logger LOG = LoggerFactory.getLogger(CostEntryImports.class);
    private static final int INSERT_CHUNK = 500;
    /**
     * Imports and deletions one at a time in this container: a file's checks against earlier imports (repeated
     * references, a pool's month not below zero) must see every import committed before it. Containers sharing a
     * PostgreSQL database are serialised by a table lock taken in the transaction as well.
     */
    private static final ReentrantLock WRITES = new ReentrantLock(true);

    private final HostDatabase db;
    private final org.apache.ibatis.session.SqlSessionFactory factory;
    private final String currency;
    private final Clock clock;

    /**
     * An import: its rows, amount and months, and the allocated months that do not include it yet (on an import or a
     * deletion: every allocated month it touches; in the list: those whose current run is older than the import).
     */
    public record Summary(long id, String fileName, String user, LocalDateTime importedAt, int rows,
            String currency, BigDecimal amount, YearMonth firstMonth, YearMonth lastMonth,
            List<YearMonth> allocatedMonths) {
    }

    CostEntryImports(HostDatabase db, org.apache.ibatis.session.SqlSessionFactory factory, String currency,
            Clock clock) {
        this.db = db;
        this.factory = factory;
        this.currency = currency;
        this.clock = clock;
    }

    public ImportSpec spec() {
        return CostEntrySpec.SPEC;
    }

    /**
     * Checks every row and writes them all in one transaction.
     *
     * @throws ValidationException with every problem, each naming its row and column; nothing is written
     */
    public Summary importEntries(ParsedImport parsed, String user, String fileName) {
        if (user == null || user.isBlank()) {
            throw new ValidationException("user", "is required");
        }
        if (!CostEntrySpec.SPEC.id().equals(parsed.spec().id())) {
            throw new ValidationException("file", "not a cost entry file (" + parsed.spec().id() + ")");
        }
        String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
        if (name.length() > 255) {
            name = name.substring(0, 255);
        }
        String file = name;
        String who = user.length() > 60 ? user.substring(0, 60) : user;
        Summary done = serialised(() -> db.inTransaction(tx -> {
            CostMapper m = tx.mapper(factory, CostMapper.class);
            CostImportMapper im = tx.mapper(factory, CostImportMapper.class);
            lockAgainstOtherContainers(im);
            CostEntrySpec.Checked checked = CostEntrySpec.check(parsed, codes(m.pools()), codes(m.channels()),
                    codes(m.regions()), currency);
            List<ValidationError> errors = new ArrayList<>(checked.errors());
            List<CostImportMapper.EntryRow> rows = checked.rows();
            if (errors.isEmpty() && rows.isEmpty()) {
                throw new ValidationException("file", "contains no rows");
            }
            if (errors.isEmpty()) {
                LocalDate first = rows.stream().map(CostImportMapper.EntryRow::period).min(LocalDate::compareTo).get();
                LocalDate last = rows.stream().map(CostImportMapper.EntryRow::period).max(LocalDate::compareTo).get();
                errors.addAll(againstEarlierImports(im, parsed, rows, first, last));
                if (rows.stream().anyMatch(r -> r.amount().signum() < 0)) {
                    errors.addAll(netNotNegative(im, parsed, rows, first, last));
                }
            }
            if (!errors.isEmpty()) {
                errors.sort(java.util.Comparator.comparingInt(ValidationError::row));
                throw new ValidationException(errors);
            }
            CostImportMapper.NewImport h = new CostImportMapper.NewImport();
            h.fileName = file;
            h.importedBy = who;
            h.importedAt = LocalDateTime.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            h.rowCount = rows.size();
            h.currency = currency;
            h.amount = rows.stream().map(CostImportMapper.EntryRow::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            h.firstPeriod = rows.stream().map(CostImportMapper.EntryRow::period).min(LocalDate::compareTo).get();
            h.lastPeriod = rows.stream().map(CostImportMapper.EntryRow::period).max(LocalDate::compareTo).get();
            im.insertImport(h);
            for (int i = 0; i < rows.size(); i += INSERT_CHUNK) {
                im.insertEntries(h.id, h, rows.subList(i, Math.min(rows.size(), i + INSERT_CHUNK)));
            }
            Set<LocalDate> months = new HashSet<>();
            rows.forEach(r -> months.add(r.period()));
            return new Summary(h.id, h.fileName, h.importedBy, h.importedAt, h.rowCount, h.currency, h.amount,
                    YearMonth.from(h.firstPeriod), YearMonth.from(h.lastPeriod),
                    allocated(im, h.firstPeriod, h.lastPeriod, months));
        }));
        LOG.info("{} imported {} cost entries from {} as import {} ({} {}, {}..{}); allocated months to re-run: {}",
                who, done.rows(), file, done.id(), done.amount(), done.currency(), done.firstMonth(),
                done.lastMonth(), done.allocatedMonths());
        return done;
    }

    /**
     * The imports whose months meet [from, to] (either may be null), newest first; {@link Summary#allocatedMonths()}
     * are here the months of each import whose current allocation run is older than the import (allocate them again).
     */
    public List<Summary> imports(YearMonth from, YearMonth to) {
        try (SqlSession s = factory.openSession()) {
            CostImportMapper im = s.getMapper(CostImportMapper.class);
            LocalDate first = from == null ? null : from.atDay(1);
            LocalDate last = to == null ? null : to.atDay(1);
            Map<Long, List<YearMonth>> stale = new HashMap<>();
            for (CostImportMapper.StaleMonth m : im.staleMonths(first, last)) {
                stale.computeIfAbsent(m.importId(), k -> new ArrayList<>()).add(YearMonth.from(m.runMonth()));
            }
            List<Summary> out = new ArrayList<>();
            for (CostImportMapper.ImportRow r : im.imports(first, last)) {
                out.add(summary(r, stale.getOrDefault(r.id(), List.of())));
            }
            return out;
        }
    }

    /**
     * Deletes one import, all its entries, in one transaction.
     *
     * @return the deleted import with the months that were allocated with its entries (to be allocated again)
     * @throws NotFoundException when there is no such import
     */
    public Summary delete(long id, String user) {
        Summary gone = serialised(() -> db.inTransaction(tx -> {
            CostImportMapper im = tx.mapper(factory, CostImportMapper.class);
            lockAgainstOtherContainers(im);
            CostImportMapper.ImportRow r = im.importById(id);
            if (r == null) {
                throw new NotFoundException("cost entry import", String.valueOf(id));
            }
            im.deleteEntries(id);
            im.deleteImport(id);
            return summary(r, allocated(im, r.firstPeriod(), r.lastPeriod(), null));
        }));
        LOG.info("{} deleted cost entry import {} ({}, {} rows, {} {}); allocated months to re-run: {}", user, id,
                gone.fileName(), gone.rows(), gone.amount(), gone.currency(), gone.allocatedMonths());
        return gone;
    }

    private static <T> T serialised(java.util.function.Supplier<T> work) {
        WRITES.lock();
        try {
            return work.get();
        } finally {
            WRITES.unlock();
        }
    }

    /** On PostgreSQL, a lock on the import table that conflicts with itself only (readers go on) until commit. */
    private void lockAgainstOtherContainers(CostImportMapper im) {
        if ("postgresql".equals(factory.getConfiguration().getDatabaseId())) {
            im.lockImports();
        }
    }

    /** Streams the imported entries of [from, to] (and of one import, when given) from a cursor. */
    public void stream(YearMonth from, YearMonth to, Long importId, Predicate<CostImportMapper.EntryView> sink) {
        try (SqlSession s = factory.openSession();
                Cursor<CostImportMapper.EntryView> c = s.getMapper(CostImportMapper.class)
                        .entries(from == null ? null : from.atDay(1), to == null ? null : to.atDay(1), importId)) {
            for (CostImportMapper.EntryView v : c) {
                if (!sink.test(v)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String currencyCode() {
        return currency;
    }

    /** A reference already imported for the same scope and month would count the cost twice. */
    private static List<ValidationError> againstEarlierImports(CostImportMapper im, ParsedImport parsed,
            List<CostImportMapper.EntryRow> rows, LocalDate first, LocalDate last) {
        List<ValidationError> errors = new ArrayList<>();
        if (rows.stream().noneMatch(r -> r.reference() != null)) {
            return errors;
        }
        Map<String, CostImportMapper.ImportedKey> earlier = new HashMap<>();
        for (CostImportMapper.ImportedKey k : im.importedKeys(first, last)) {
            earlier.putIfAbsent(key(k.period(), k.poolId(), k.channelId(), k.regionId(), k.reference()), k);
        }
        for (CostImportMapper.EntryRow r : rows) {
            if (r.reference() == null) {
                continue;
            }
            CostImportMapper.ImportedKey k = earlier.get(key(r.period(), r.poolId(), zero(r.channelId()),
                    zero(r.regionId()), r.reference()));
            if (k != null) {
                errors.add(new ValidationError(r.rowNo(), CostEntrySpec.header(parsed, CostEntrySpec.REFERENCE),
                        "reference '" + r.reference() + "' of this cost pool, channel, region and period was imported "
                                + "already (import " + k.importId() + ", " + k.fileName() + "); delete that import "
                                + "first to replace it"));
            }
        }
        return errors;
    }

    /** A correction may reduce a scope's month to zero, not below: a negative pool cannot be allocated. */
    private static List<ValidationError> netNotNegative(CostImportMapper im, ParsedImport parsed,
            List<CostImportMapper.EntryRow> rows, LocalDate first, LocalDate last) {
        Map<String, BigDecimal> net = new LinkedHashMap<>();
        for (CostImportMapper.ScopeTotal t : im.scopeTotals(first, last)) {
            net.put(key(t.period(), t.poolId(), t.channelId(), t.regionId(), ""), t.amount());
        }
        Map<String, Integer> lastNegativeRow = new LinkedHashMap<>();
        for (CostImportMapper.EntryRow r : rows) {
            String k = key(r.period(), r.poolId(), zero(r.channelId()), zero(r.regionId()), "");
            net.merge(k, r.amount(), BigDecimal::add);
            if (r.amount().signum() < 0) {
                lastNegativeRow.put(k, r.rowNo());
            }
        }
        List<ValidationError> errors = new ArrayList<>();
        for (Map.Entry<String, Integer> e : lastNegativeRow.entrySet()) {
            BigDecimal total = net.get(e.getKey());
            if (total.signum() < 0) {
                errors.add(new ValidationError(e.getValue(), CostEntrySpec.header(parsed, CostEntrySpec.AMOUNT),
                        "this correction takes the cost pool's month (ledger, earlier imports and this file) below "
                                + "zero, to " + total.toPlainString()));
            }
        }
        return errors;
    }

    private static List<YearMonth> allocated(CostImportMapper im, LocalDate first, LocalDate last,
            Set<LocalDate> onlyThese) {
        Set<YearMonth> out = new TreeSet<>();
        for (LocalDate d : im.allocatedMonths(first, last)) {
            if (onlyThese == null || onlyThese.contains(d)) {
                out.add(YearMonth.from(d));
            }
        }
        return List.copyOf(out);
    }

    private static Summary summary(CostImportMapper.ImportRow r, List<YearMonth> allocated) {
        return new Summary(r.id(), r.fileName(), r.importedBy(), r.importedAt(), r.rowCount(),
                r.currency() == null ? null : r.currency().trim(), r.amount(), YearMonth.from(r.firstPeriod()),
                YearMonth.from(r.lastPeriod()), allocated);
    }

    private static Map<String, Long> codes(List<CostMapper.CodeName> rows) {
        Map<String, Long> out = new HashMap<>();
        for (CostMapper.CodeName r : rows) {
            out.putIfAbsent(r.code().trim().toUpperCase(Locale.ROOT), r.id());
        }
        return out;
    }

    private static long zero(Long id) {
        return id == null ? 0 : id;
    }

    private static String key(LocalDate period, long pool, long channel, long region, String reference) {
        return period + "/" + pool + "/" + channel + "/" + region + "/"
                + (reference == null ? "" : reference.toUpperCase(Locale.ROOT));
    }
}
