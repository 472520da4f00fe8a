package org.wanglai.reminders.internal.db;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;
import org.wanglai.reminders.internal.db.Rows.*;

/** All SQL of the reminders capability; the statements are in RemindersMapper.xml next to this interface. */
public interface RemindersMapper {

    // ---- open items, ageing, reconciliation ----

    /**
     * @param groupBy one of customer, category, region, salesperson (whitelisted by the caller)
     * @param basis due or invoice
     * @param bounds upper bounds (days) of the buckets after "not due", e.g. 30, 60, 90, 120
     * @param overflow index of the open-ended bucket ({@code bounds.size()})
     * @param current true when asOf is today or later: only invoices not yet paid can be open
     * @return one row per group and currency, ordered by group id and currency, with the bucket sums
     */
    Cursor<AgeingRow> ageing(@Param("asOf") LocalDate asOf, @Param("groupBy") String groupBy,
            @Param("basis") String basis, @Param("bounds") List<Integer> bounds, @Param("overflow") int overflow, @Param("current") boolean current,
            @Param("customerId") Long customerId);

    List<CurrencyTotal> openReceivables(@Param("asOf") LocalDate asOf);

    /** The plain GROUP BY over the same open items, no buckets: the benchmark's baseline. */
    List<CurrencyTotal> openItemsPlain(@Param("asOf") LocalDate asOf, @Param("current") boolean current);

    Cursor<Candidate> candidates(@Param("asOf") LocalDate asOf, @Param("minDays") int minDays,
            @Param("current") boolean current);

    long disputedOpenItems(@Param("asOf") LocalDate asOf, @Param("current") boolean current);

    // ---- policies ----

    List<PolicyRow> policies();

    List<LevelRow> levels();

    List<Assignment> assignments();

    List<IdPair> categoryParents();

    Long policyIdByCode(String code);

    void insertPolicy(PolicyRow p);

    int deleteLevel(@Param("policyId") long policyId, @Param("levelNo") int levelNo);

    void insertLevel(LevelRow l);

    int deleteAssignment(@Param("categoryId") Long categoryId, @Param("customerId") Long customerId);

    void insertAssignment(Assignment a);

    Long categoryIdByCode(String code);

    int deleteContact(long customerId);

    void insertContact(@Param("customerId") long customerId, @Param("email") String email,
            @Param("language") String language);

    // ---- runs ----

    void insertRun(Run run);

    Run findRun(long id);

    Run findRunForUpdate(long id);

    int updateRunStatus(@Param("id") long id, @Param("from") String from, @Param("to") String to);

    int approveRun(@Param("id") long id, @Param("user") String user, @Param("at") LocalDateTime at);

    int finishRun(@Param("id") long id, @Param("at") LocalDateTime at);

    void insertItems(@Param("items") List<RunItem> items);

    List<RunCustomer> runCustomers(long runId);

    List<RunItem> runItems(@Param("runId") long runId, @Param("customerId") Long customerId);

    int excludeCustomer(@Param("runId") long runId, @Param("customerId") long customerId,
            @Param("reason") String reason, @Param("user") String user);

    int excludeItem(@Param("runId") long runId, @Param("docNo") String docNo, @Param("reason") String reason,
            @Param("user") String user);

    int reserve(@Param("runId") long runId, @Param("date") LocalDate date);

    int markReserved(long runId);

    int excludeUnreserved(long runId);

    int insertLetterDeliveries(@Param("runId") long runId, @Param("fallback") String fallback);

    int insertDigestDeliveries(long runId);

    int insertActions(long runId);

    void insertDelivery(Delivery d);

    List<Long> runsToResume();

    // ---- deliveries ----

    List<Delivery> deliveriesToSend(@Param("runId") long runId, @Param("now") LocalDateTime now,
            @Param("maxAttempts") int maxAttempts);

    List<Long> runsWithRetries(@Param("now") LocalDateTime now, @Param("maxAttempts") int maxAttempts);

    int markSending(@Param("id") long id);

    int markSent(@Param("id") long id, @Param("at") LocalDateTime at);

    int markFailed(@Param("id") long id, @Param("error") String error, @Param("next") LocalDateTime next,
            @Param("status") String status);

    int markItemsSent(@Param("runId") long runId, @Param("customerId") long customerId,
            @Param("date") LocalDate date);

    List<Delivery> deliveries(@Param("runId") Long runId, @Param("status") String status);

    long openDeliveries(@Param("runId") long runId, @Param("maxAttempts") int maxAttempts);

    List<RunCustomer> digestCustomers(@Param("runId") long runId, @Param("login") String login);

    List<Action> pendingActions(long runId);

    int markActionDone(@Param("id") long id, @Param("at") LocalDateTime at, @Param("note") String note);

    CustomerRef customer(long id);

    CustomerRef customerByCode(String code);

    // ---- channels ----

    int insertInApp(@Param("key") String key, @Param("recipient") String recipient, @Param("subject") String subject,
            @Param("body") String body, @Param("at") LocalDateTime at);

    long inAppCount(String key);

    String mailStatus(String key);

    void insertMailLog(@Param("key") String key, @Param("recipient") String recipient, @Param("status") String status,
            @Param("at") LocalDateTime at);

    int updateMailLog(@Param("key") String key, @Param("status") String status, @Param("at") LocalDateTime at);

    List<RunItem> customerReminders(long customerId);

    List<InApp> inbox(String recipient);

    int markRead(@Param("id") long id, @Param("recipient") String recipient, @Param("at") LocalDateTime at);

    // ---- cluster ----

    int tryLock(@Param("name") String name, @Param("owner") String owner, @Param("now") LocalDateTime now,
            @Param("until") LocalDateTime until);

    int unlock(@Param("name") String name, @Param("owner") String owner);

    int claimDay(@Param("date") LocalDate date, @Param("owner") String owner);

    int setDailyRun(@Param("date") LocalDate date, @Param("runId") long runId);

    // ---- statistics and reports ----

    List<CountRow> sentByCustomer(@Param("from") LocalDate from, @Param("to") LocalDate to);

    List<CountRow> highestOpenLevel();

    Cursor<StatementLine> statement(@Param("customerId") long customerId, @Param("from") LocalDate from,
            @Param("to") LocalDate to);

    List<StatementLine> openingBalance(@Param("customerId") long customerId, @Param("from") LocalDate from);

    Cursor<RunSummary> runHistory(@Param("from") LocalDate from, @Param("to") LocalDate to);

    Cursor<ForecastCell> forecast(@Param("asOf") LocalDate asOf, @Param("current") boolean current,
            @Param("historyFrom") LocalDate historyFrom);

    // ---- payment terms ----

    List<TermRow> paymentTerms();

    /** Parts of split terms: {@code id} is the term's id. */
    List<TermRow> termLines();

    Cursor<ScheduleRow> schedules(@Param("from") LocalDate from, @Param("to") LocalDate to);
}
