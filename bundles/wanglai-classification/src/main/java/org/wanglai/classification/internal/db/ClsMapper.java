package org.wanglai.classification.internal.db;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;
import org.wanglai.classification.internal.metrics.MetricRow;

/** SQL of the classification capability: metrics over host tables and its own wl_cls_* tables. */
public interface ClsMapper {

    record DimensionRow(String id, String nameZh, String nameEn, String method, Boolean builtIn, Boolean enabled,
            Integer seq, String params) {
    }

    record ValueRow(String dimensionId, String code, String nameZh, String nameEn, Integer seq) {
    }

    record RuleRow(Long id, String dimensionId, Integer seq, String conditionText, String valueCode) {
    }

    record AssignmentRow(Long customerId, String dimensionId, String valueCode) {
    }

    record LockRow(Long customerId, String dimensionId, String valueCode, String reason, String lockedBy,
            LocalDateTime lockedAt) {
    }

    record HistoryRow(Long id, Long runId, Long customerId, String dimensionId, String oldValue, String newValue,
            String reason, String changedBy, LocalDateTime changedAt) {
    }

    /** What an assignment row holds now: apply compares with it and writes only rows that differ. */
    record StoredAssignment(Long customerId, String dimensionId, String valueCode, String detail, BigDecimal score,
            String reason) {
    }

    record NewAssignment(long customerId, String dimensionId, String valueCode, String detail, BigDecimal score,
            String reason, long runId, LocalDateTime assignedAt) {
    }

    record NewHistory(long runId, long customerId, String dimensionId, String oldValue, String newValue, String reason,
            String changedBy, LocalDateTime changedAt) {
    }

    record RunRow(Long id, String runTrigger, String runUser, LocalDateTime startedAt, LocalDateTime finishedAt,
            LocalDate asOf, Integer windowMonths, Long customers, Long changes, Long lockedSkipped) {
    }

    record CategoryUsage(Long categoryId, Long customers) {
    }

    record ValueCount(String dimensionId, String valueCode, Long customers) {
    }

    record MonthCount(Integer yearNo, Integer monthNo, String dimensionId, Long changes) {
    }

    record Flow(String oldValue, String newValue, Long changes) {
    }

    record RunChange(Long customerId, String customerCode, String dimensionId, String oldValue, String newValue,
            String reason) {
    }

    /** Mutable holder for the generated run id. */
    final class NewRun {
        public Long id;
        public String runTrigger;
        public String runUser;
        public LocalDateTime startedAt;
        public LocalDate asOf;
        public int windowMonths;
    }

    Cursor<MetricRow> metrics(@Param("from") LocalDate from, @Param("mid") LocalDate mid, @Param("to") LocalDate to,
            @Param("customerId") Long customerId);

    List<DimensionRow> dimensions();

    List<ValueRow> values();

    List<RuleRow> rules(@Param("dimensionId") String dimensionId);

    /** Every assignment (read over plain JDBC by {@code ClsStore.select}: a row per customer and dimension). */
    List<AssignmentRow> assignments();

    List<AssignmentRow> assignmentsOf(@Param("dimensionId") String dimensionId);

    /** Every customer's host category code, as rows of {@code dimensionId}. */
    List<AssignmentRow> hostCategories(@Param("dimensionId") String dimensionId);

    List<AssignmentRow> assignmentsOfCustomer(@Param("customerId") long customerId);

    List<LockRow> locks();

    List<LockRow> locksOfCustomer(@Param("customerId") long customerId);

    int insertRun(NewRun run);

    int finishRun(@Param("id") long id, @Param("finishedAt") LocalDateTime finishedAt, @Param("customers") long customers,
            @Param("changes") long changes, @Param("lockedSkipped") long lockedSkipped);

    List<RunRow> runs(@Param("limit") int limit);

    RunRow run(@Param("id") long id);

    int deleteAssignments(@Param("dimensionId") String dimensionId, @Param("ids") Collection<Long> customerIds);

    int insertAssignments(@Param("rows") List<NewAssignment> rows);

    /** Every assignment as stored (read over plain JDBC by {@code ClsStore.select}, see {@link #assignments}). */
    List<StoredAssignment> storedAssignments();

    /** One row, meant for a BATCH session. */
    int insertAssignment(NewAssignment row);

    /** One row, meant for a BATCH session. */
    int updateAssignment(NewAssignment row);

    /** One row, meant for a BATCH session. */
    int insertHistoryRow(NewHistory row);

    int insertHistory(@Param("rows") List<NewHistory> rows);

    List<HistoryRow> history(@Param("customerId") long customerId);

    int insertLock(LockRow lock);

    int deleteLock(@Param("customerId") long customerId, @Param("dimensionId") String dimensionId);

    String setting(@Param("name") String name);

    int updateSetting(@Param("name") String name, @Param("value") String value);

    int insertSetting(@Param("name") String name, @Param("value") String value);

    int deleteRules(@Param("dimensionId") String dimensionId);

    int insertRule(RuleRow rule);

    int insertDimension(DimensionRow dimension);

    int updateDimension(@Param("id") String id, @Param("enabled") boolean enabled, @Param("params") String params);

    int insertValue(ValueRow value);

    int deleteValue(@Param("dimensionId") String dimensionId, @Param("code") String code);

    long countAssignmentsWithValue(@Param("dimensionId") String dimensionId, @Param("code") String code);

    List<CategoryUsage> categoryUsage();

    int renameDimension(@Param("id") String id, @Param("nameZh") String nameZh, @Param("nameEn") String nameEn);

    int renameValue(@Param("dimensionId") String dimensionId, @Param("code") String code, @Param("nameZh") String nameZh,
            @Param("nameEn") String nameEn);

    long countLocksWithValue(@Param("dimensionId") String dimensionId, @Param("code") String code);

    long countRulesWithValue(@Param("dimensionId") String dimensionId, @Param("code") String code);

    int deleteAssignmentsOfDimension(@Param("dimensionId") String dimensionId);

    int deleteLocksOfDimension(@Param("dimensionId") String dimensionId);

    int deleteValuesOfDimension(@Param("dimensionId") String dimensionId);

    int deleteDimension(@Param("id") String id);

    List<ValueCount> distribution();

    List<MonthCount> movementsPerMonth(@Param("since") LocalDateTime since);

    List<Flow> flows(@Param("dimensionId") String dimensionId, @Param("since") LocalDateTime since);

    Cursor<RunChange> historyOfRun(@Param("runId") long runId);
}
