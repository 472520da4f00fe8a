package org.wanglai.costing.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;

/** Rules, runs, facts and the month's host data the allocation reads. SQL in {@code CostMapper.xml}. */
public interface CostMapper {

    /** A host master row: id, code, names. */
    record CodeName(long id, String code, String nameZh, String nameEn) {
    }

    record CategoryRow(long id, Long parentId, String code, String nameZh, String nameEn) {
    }

    record RuleRow(String poolCode, String categoryCode, String driver, String channelCode, String regionCode) {
    }

    record PoolTotal(long poolId, BigDecimal amount) {
    }

    record RunTotals(BigDecimal revenue, BigDecimal cogs, BigDecimal allocated, BigDecimal financing, long customers,
            long factRows) {
    }

    record RunRow(long id, LocalDate runMonth, LocalDateTime startedAt, long durationMs, String runBy, String currency,
            BigDecimal poolTotal, BigDecimal allocated, BigDecimal financing, BigDecimal revenue, BigDecimal cogs,
            long customers, long factRows, boolean isCurrent) {
    }

    record RunPoolRow(long runId, int lineNo, String poolCode, String channelCode, String regionCode, String driver,
            BigDecimal amount, BigDecimal allocated, long receivers, int segments, int fallbacks, boolean widened) {
    }

    record CategoryLevel(long categoryId, int lvl, long ancestorId) {
    }

    /** Insert parameter of a run; MyBatis sets {@code id}. */
    final class NewRun {
        public Long id;
        public LocalDate month;
        public LocalDateTime startedAt;
        public String runBy;
        public String currency;
        public String rulesSnapshot;
    }

    List<CodeName> pools();

    List<CodeName> channels();

    List<CodeName> regions();

    List<CategoryRow> categories();

    List<RuleRow> rules();

    int deleteRules();

    int insertRule(@Param("seq") int seq, @Param("r") RuleRow rule, @Param("user") String user,
            @Param("at") LocalDateTime at);

    long foreignCurrencyDocuments(@Param("from") LocalDate from, @Param("to") LocalDate to,
            @Param("currency") String currency);

    List<EntryGroup> entryGroups(@Param("from") LocalDate from, @Param("to") LocalDate to);

    Cursor<DriverRow> drivers(@Param("driver") String driver, @Param("from") LocalDate from, @Param("to") LocalDate to);

    /** Every customer with its category, channel and region from the master (qty 0). */
    Cursor<DriverRow> customerDimensions();

    int insertRun(NewRun run);

    int clearCurrent(@Param("month") LocalDate month);

    int finishRun(@Param("id") long id, @Param("durationMs") long durationMs, @Param("poolTotal") BigDecimal poolTotal,
            @Param("t") RunTotals totals);

    int insertRunPools(@Param("rows") List<RunPoolRow> rows);

    int deleteFacts(@Param("month") LocalDate month);

    int deleteFactSums(@Param("month") LocalDate month);

    /** Sums the month's facts over the customers into {@code wl_cost_fact_sum}. */
    int insertFactSums(@Param("month") LocalDate month);

    int insertSalesFacts(@Param("runId") long runId, @Param("month") LocalDate month, @Param("from") LocalDate from,
            @Param("to") LocalDate to);

    int insertOrderFacts(@Param("runId") long runId, @Param("month") LocalDate month, @Param("from") LocalDate from,
            @Param("to") LocalDate to);

    int insertCostFacts(@Param("runId") long runId, @Param("month") LocalDate month,
            @Param("rows") List<Allocation> rows);

    int insertFinancingFacts(@Param("runId") long runId, @Param("month") LocalDate month,
            @Param("prevEnd") LocalDate prevEnd, @Param("to") LocalDate to, @Param("rate") BigDecimal annualRate,
            @Param("fromInvoiceDate") boolean fromInvoiceDate, @Param("startColumn") String startColumn);

    List<PoolTotal> factPoolTotals(@Param("month") LocalDate month);

    RunTotals runTotals(@Param("month") LocalDate month);

    int deleteCategoryLevels();

    int insertCategoryLevels(@Param("rows") List<CategoryLevel> rows);

    List<RunRow> runs(@Param("from") LocalDate from, @Param("to") LocalDate to);

    List<RunPoolRow> runPools(@Param("runIds") Collection<Long> runIds);
}
