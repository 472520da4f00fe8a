package org.wanglai.classification.internal.db;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;

/** Report queries; every one is read through a cursor. */
public interface ReportMapper {

    record SummaryRow(String valueCode, String currency, Long customers, BigDecimal customerShare, BigDecimal revenue,
            BigDecimal margin, BigDecimal revenueShare) {
    }

    record ParetoRow(Long customerId, String code, String name, String currency, BigDecimal revenue,
            BigDecimal margin, Long rankNo, Long customerCount, BigDecimal cumRevenue, BigDecimal totalRevenue) {
    }

    record MigrationRow(String fromValue, String toValue, Long customers) {
    }

    record RfmCell(String r, String f, Long customers, BigDecimal avgM) {
    }

    record HistoryRow(Long id, Long runId, String runTrigger, String dimensionId, String oldValue, String newValue,
            String reason, String changedBy, LocalDateTime changedAt) {
    }

    record AssignmentRow(Long customerId, String dimensionId, String valueCode) {
    }

    record AssignmentExportRow(String customer, String category, String dimension, String valueCode, String locked) {
    }

    record TreeRow(Long id, String parentCode, String code, String nameZh, String nameEn, Long customers) {
    }

    Cursor<SummaryRow> summary(@Param("dimensionId") String dimensionId, @Param("from") LocalDate from,
            @Param("to") LocalDate to);

    Cursor<ParetoRow> pareto(@Param("from") LocalDate from, @Param("to") LocalDate to);

    Cursor<MigrationRow> migration(@Param("dimensionId") String dimensionId, @Param("fromRun") long fromRun,
            @Param("toRun") long toRun);

    Cursor<RfmCell> rfmGrid(@Param("dimensionId") String dimensionId);

    Cursor<HistoryRow> history(@Param("customerId") long customerId);

    Cursor<AssignmentRow> assignmentsByCustomer();

    Cursor<TreeRow> tree();

    /** Customer categories and locked dimension values, in the columns of the assignment import. */
    Cursor<AssignmentExportRow> assignments();

    Long latestRun(@Param("before") Long before);
}
