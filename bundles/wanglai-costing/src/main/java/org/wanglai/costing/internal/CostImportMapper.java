package org.wanglai.costing.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;

/** Imported cost entries (plug-in tables {@code wl_cost_import*}). SQL in {@code CostImportMapper.xml}. */
public interface CostImportMapper {

    /** PostgreSQL only: serialises imports and deletions of containers sharing the database until commit. */
    void lockImports();


    /** Insert parameter of an import; MyBatis sets {@code id}. */
    final class NewImport {
        public Long id;
        public String fileName;
        public String importedBy;
        public LocalDateTime importedAt;
        public int rowCount;
        public String currency;
        public BigDecimal amount;
        public LocalDate firstPeriod;
        public LocalDate lastPeriod;
    }

    /** One validated row of a file; ids of the host's pool, channel and region (null: company-wide). */
    record EntryRow(int rowNo, long poolId, Long channelId, Long regionId, LocalDate period, String currency,
            BigDecimal amount, String reference, String description) {
    }

    record ImportRow(long id, String fileName, String importedBy, LocalDateTime importedAt, int rowCount,
            String currency, BigDecimal amount, LocalDate firstPeriod, LocalDate lastPeriod) {
    }

    /** The net amount of one scope (pool, channel, region; 0 = none) in one month over host ledger and imports. */
    record ScopeTotal(LocalDate period, long poolId, long channelId, long regionId, BigDecimal amount) {
    }

    /** A reference already imported for a scope and month. */
    record ImportedKey(long importId, String fileName, LocalDate period, long poolId, long channelId, long regionId,
            String reference) {
    }

    /** An imported entry with the host's codes, as the export report shows it. */
    record EntryView(long importId, int rowNo, String fileName, String importedBy, LocalDateTime importedAt,
            String poolCode, String channelCode, String regionCode, LocalDate period, String currency,
            BigDecimal amount, String reference, String description) {
    }

    int insertImport(NewImport header);

    int insertEntries(@Param("importId") long importId, @Param("h") NewImport header,
            @Param("rows") List<EntryRow> rows);

    List<ScopeTotal> scopeTotals(@Param("from") LocalDate from, @Param("to") LocalDate to);

    List<ImportedKey> importedKeys(@Param("from") LocalDate from, @Param("to") LocalDate to);

    List<ImportRow> imports(@Param("from") LocalDate from, @Param("to") LocalDate to);

    ImportRow importById(@Param("id") long id);

    int deleteEntries(@Param("id") long id);

    int deleteImport(@Param("id") long id);

    /** A month of an import whose current allocation run started before the import (does not include it yet). */
    record StaleMonth(long importId, LocalDate runMonth) {
    }

    /** The months of the imports meeting [from, to] whose current allocation run is older than the import. */
    List<StaleMonth> staleMonths(@Param("from") LocalDate from, @Param("to") LocalDate to);

    /** Months in [from, to] that have a current allocation run. */
    List<LocalDate> allocatedMonths(@Param("from") LocalDate from, @Param("to") LocalDate to);

    Cursor<EntryView> entries(@Param("from") LocalDate from, @Param("to") LocalDate to,
            @Param("importId") Long importId);
}
