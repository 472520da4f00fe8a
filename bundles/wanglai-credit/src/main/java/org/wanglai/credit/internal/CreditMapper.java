package org.wanglai.credit.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;

/**
 * All SQL of the credit bundle (CreditMapper.xml). Host tables are named through the profile's {@code ${wl.*}}
 * variables; the plug-in tables are {@code wl_cr_*}. Queries that take an optional {@code customerId} read every
 * customer set-based when it is null.
 */
public interface CreditMapper {

    // ---- host data, set-based

    record CustomerRow(long id, String code, String name, String currency, Long categoryId, BigDecimal creditLimit,
            String creditStatus, BigDecimal watchPct, LocalDate createdDate) {
    }

    record AmountRow(long customerId, BigDecimal amount) {
    }

    record OrderRow(long customerId, long orderId, BigDecimal amount) {
    }

    record OverdueRow(long customerId, BigDecimal overdue, LocalDate oldestOpenDue) {
    }

    Cursor<CustomerRow> customers(@Param("customerId") Long customerId);

    Cursor<AmountRow> receivables(@Param("customerId") Long customerId);

    Cursor<OrderRow> openOrders(@Param("customerId") Long customerId);

    Cursor<AmountRow> shipped(@Param("customerId") Long customerId);

    Cursor<OverdueRow> overdue(@Param("customerId") Long customerId, @Param("today") LocalDate today);

    /** The exposure recomputed in SQL for one customer, as a check without the in-memory ledger would need it. */
    BigDecimal exposureInSql(@Param("customerId") long customerId);

    // ---- plug-in tables

    record PluginCustomerRow(long customerId, boolean noCheck, boolean stop) {
    }

    /** A category's rule; a null currency (rules set before currencies were kept) applies to every customer. */
    record CategoryRuleRow(long categoryId, BigDecimal defaultLimit, BigDecimal watchPct, String currency,
            boolean noCheck) {
    }

    /** A host customer category with the credit settings Wanglai keeps for it (nulls where none are set). */
    record CategorySettingRow(long categoryId, String code, String nameZh, String nameEn, BigDecimal hostWatchPct,
            BigDecimal defaultLimit, String currency, BigDecimal watchPct, boolean noCheck, String changedBy,
            LocalDateTime changedAt, String reason) {
    }

    /** One changed setting of a category or a customer: old and new value as text, who, when, why. */
    record SettingChange(String subject, long subjectId, String subjectCode, String setting, String oldValue,
            String newValue, String changedBy, LocalDateTime changedAt, String reason) {
    }

    record TempRow(long id, long customerId, BigDecimal amount, LocalDate validFrom, LocalDate validTo) {
    }

    record GradeRow(long customerId, String grade) {
    }

    List<PluginCustomerRow> pluginCustomers(@Param("customerId") Long customerId);

    List<CategoryRuleRow> categoryRules();

    List<TempRow> activeTemps(@Param("customerId") Long customerId, @Param("today") LocalDate today);

    Cursor<GradeRow> latestGrades();

    int updatePluginCustomer(@Param("customerId") long customerId, @Param("stop") Boolean stop,
            @Param("noCheck") Boolean noCheck, @Param("reason") String reason, @Param("user") String user,
            @Param("at") LocalDateTime at);

    void insertPluginCustomer(@Param("customerId") long customerId, @Param("stop") boolean stop,
            @Param("noCheck") boolean noCheck, @Param("reason") String reason, @Param("user") String user,
            @Param("at") LocalDateTime at);

    int updateCategoryRule(CategoryRuleRow row);

    void insertCategoryRule(CategoryRuleRow row);

    List<CategorySettingRow> categorySettings(@Param("code") String code);

    int updateCategorySettings(@Param("categoryId") long categoryId, @Param("defaultLimit") BigDecimal defaultLimit,
            @Param("currency") String currency, @Param("watchPct") BigDecimal watchPct,
            @Param("noCheck") boolean noCheck, @Param("user") String user, @Param("at") LocalDateTime at,
            @Param("reason") String reason);

    void insertCategorySettings(@Param("categoryId") long categoryId, @Param("defaultLimit") BigDecimal defaultLimit,
            @Param("currency") String currency, @Param("watchPct") BigDecimal watchPct,
            @Param("noCheck") boolean noCheck, @Param("user") String user, @Param("at") LocalDateTime at,
            @Param("reason") String reason);

    void insertSettingChange(SettingChange change);

    List<SettingChange> settingsHistory(@Param("max") int max);

    // ---- history and logs

    record StatusChange(long customerId, String oldStatus, String newStatus, LocalDateTime changedAt, String reason,
            String changedBy) {
    }

    void insertStatusChange(StatusChange change);

    record LimitChange(long customerId, String kind, BigDecimal oldLimit, BigDecimal newLimit, String currency,
            String changedBy, String approvedBy, LocalDateTime changedAt, String reason, Long requestId) {
    }

    void insertLimitChange(LimitChange change);

    record CheckRow(long id, LocalDateTime checkedAt, long customerId, String docType, long docId, String docNo,
            BigDecimal amount, String currency, String outcome, BigDecimal exposure, BigDecimal limitAmount,
            String status, String reasons, String userName, boolean bypass, String bypassReason) {
    }

    void insertChecks(@Param("rows") List<CheckRow> rows);

    Long maxCheckId();

    // ---- limit requests (approval) and temporary increases

    record LimitRequest(Long id, long customerId, BigDecimal oldLimit, BigDecimal newLimit, String currency,
            String requestedBy, LocalDateTime requestedAt, String reason, String status, String decidedBy,
            LocalDateTime decidedAt, String decisionNote) {
    }

    void insertLimitRequest(LimitRequest request);

    Long lastLimitRequestId(@Param("customerId") long customerId, @Param("requestedBy") String requestedBy);

    LimitRequest limitRequest(@Param("id") long id);

    List<LimitRequest> pendingLimitRequests();

    int decideLimitRequest(@Param("id") long id, @Param("status") String status, @Param("decidedBy") String decidedBy,
            @Param("decidedAt") LocalDateTime decidedAt, @Param("note") String note);

    void insertTemp(@Param("customerId") long customerId, @Param("amount") BigDecimal amount,
            @Param("currency") String currency, @Param("validFrom") LocalDate validFrom,
            @Param("validTo") LocalDate validTo, @Param("reason") String reason, @Param("user") String user,
            @Param("at") LocalDateTime at);

    // ---- scoring

    record FactorRow(long customerId, String currency, LocalDate createdDate, BigDecimal sales, BigDecimal firstHalf,
            BigDecimal secondHalf, BigDecimal openAmount, BigDecimal weightedLate, BigDecimal lateBase,
            Long invoices, Long lateInvoices, Long worstLate, BigDecimal externalScore) {
    }

    Cursor<FactorRow> scoreFactors(@Param("customerId") Long customerId, @Param("from") LocalDate from,
            @Param("mid") LocalDate mid, @Param("asOf") LocalDate asOf, @Param("externalFrom") LocalDate externalFrom);

    record ScoreRow(long customerId, LocalDateTime scoredAt, LocalDate asOf, BigDecimal score, String grade,
            BigDecimal recommendedLimit, String currency, BigDecimal dso, BigDecimal avgDaysLate,
            BigDecimal overdueShare, BigDecimal worstDays, BigDecimal tenureMonths, BigDecimal trend,
            BigDecimal externalScore, BigDecimal cDso, BigDecimal cLate, BigDecimal cShare, BigDecimal cWorst,
            BigDecimal cTenure, BigDecimal cTrend, BigDecimal cExternal) {
    }

    void insertScores(@Param("rows") List<ScoreRow> rows);

    ScoreRow latestScore(@Param("customerId") long customerId);

    record ExternalScoreRow(long customerId, BigDecimal score, String agency, LocalDate scoreDate, String importedBy,
            LocalDateTime importedAt) {
    }

    void insertExternalScores(@Param("rows") List<ExternalScoreRow> rows);

    // ---- alerts

    record AlertRow(Long id, long customerId, String alertType, LocalDateTime createdAt, String messageZh,
            String messageEn, String acknowledgedBy, LocalDateTime acknowledgedAt) {
    }

    /** A new alert; MyBatis sets {@code id} from the generated key. */
    final class NewAlert {
        Long id;
        final long customerId;
        final String alertType;
        final LocalDateTime createdAt;
        final String messageZh;
        final String messageEn;

        NewAlert(long customerId, String alertType, LocalDateTime createdAt, String messageZh, String messageEn) {
            this.customerId = customerId;
            this.alertType = alertType;
            this.createdAt = createdAt;
            this.messageZh = messageZh;
            this.messageEn = messageEn;
        }

        public Long getId() {
            return id;
        }

        public void setId(Long id) {
            this.id = id;
        }

        public long getCustomerId() {
            return customerId;
        }

        public String getAlertType() {
            return alertType;
        }

        public LocalDateTime getCreatedAt() {
            return createdAt;
        }

        public String getMessageZh() {
            return messageZh;
        }

        public String getMessageEn() {
            return messageEn;
        }
    }

    void insertAlert(NewAlert alert);

    List<AlertRow> openAlerts(@Param("limit") int limit);

    int acknowledgeAlert(@Param("id") long id, @Param("user") String user, @Param("at") LocalDateTime at);

    // ---- reports (streamed)

    record MonitorRow(long customerId, String code, String name, String categoryCode) {
    }

    /** Customers in code order, optionally those of one category subtree (code prefix). */
    Cursor<MonitorRow> monitor(@Param("category") String categoryCode);

    record LimitHistoryRow(LocalDateTime changedAt, String code, String name, String kind, BigDecimal oldLimit,
            BigDecimal newLimit, String currency, String changedBy, String approvedBy, String reason) {
    }

    Cursor<LimitHistoryRow> limitHistory(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to,
            @Param("customerId") Long customerId);

    record CheckLogRow(long id, LocalDateTime checkedAt, String code, String docType, String docNo, BigDecimal amount,
            String currency, String outcome, BigDecimal exposure, BigDecimal limitAmount, String status,
            String reasons, String userName, boolean bypass, String bypassReason) {
    }

    Cursor<CheckLogRow> checkLog(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to,
            @Param("outcome") String outcome, @Param("customerId") Long customerId);

    record ScoreHistoryRow(LocalDateTime scoredAt, String code, String name, BigDecimal score, String grade,
            BigDecimal recommendedLimit, String currency, BigDecimal dso, BigDecimal avgDaysLate,
            BigDecimal overdueShare, BigDecimal worstDays, BigDecimal externalScore) {
    }

    Cursor<ScoreHistoryRow> scoreHistory(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to,
            @Param("customerId") Long customerId);

    // ---- customer card (one customer, the latest entries)

    record StatusHistoryRow(LocalDateTime changedAt, String oldStatus, String newStatus, String reason,
            String changedBy) {
    }

    List<StatusHistoryRow> customerStatusHistory(@Param("customerId") long customerId, @Param("limit") int limit);

    record CustomerLimitRow(LocalDateTime changedAt, String kind, BigDecimal oldLimit, BigDecimal newLimit,
            String currency, String changedBy, String approvedBy, String reason) {
    }

    List<CustomerLimitRow> customerLimitHistory(@Param("customerId") long customerId, @Param("limit") int limit);

    record TempLimitRow(long id, BigDecimal amount, String currency, LocalDate validFrom, LocalDate validTo,
            String reason, String createdBy) {
    }

    List<TempLimitRow> customerTemps(@Param("customerId") long customerId, @Param("today") LocalDate today);

    /** Code, name and category of the given customers (a page of the monitor), one query. */
    List<MonitorRow> customerNames(@Param("ids") java.util.Collection<Long> ids);

    record GradeCount(String grade, long customers) {
    }

    List<GradeCount> gradeDistribution();
}
