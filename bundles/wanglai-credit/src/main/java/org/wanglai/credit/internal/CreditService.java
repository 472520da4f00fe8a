package org.wanglai.credit.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.CreditStatus;
import org.wanglai.api.DocumentType;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.Money;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.api.credit.CreditAdmin;
import org.wanglai.api.credit.CreditAlert;
import org.wanglai.api.credit.CreditCheckRequest;
import org.wanglai.api.credit.CreditControl;
import org.wanglai.api.credit.CreditDecision;
import org.wanglai.api.credit.CreditDecision.Outcome;
import org.wanglai.api.credit.CreditExposure;
import org.wanglai.api.credit.CreditReason;
import org.wanglai.api.credit.CreditTopics;
import org.wanglai.api.credit.ScoreExplanation;
import org.wanglai.api.imports.ImportColumn;
import org.wanglai.api.imports.ImportRow;
import org.wanglai.api.imports.ImportSpec;
import org.wanglai.api.imports.ParsedImport;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.host.HostTopics;
import org.wanglai.api.host.HostTransaction;
import org.wanglai.api.notify.DeliveryChannel;
import org.wanglai.api.notify.Notification;

/**
 * The credit engine: keeps every customer's exposure in memory (loaded set-based at start, refreshed per customer
 * on host document events, reconciled against SQL on a schedule), answers checks from it, and owns the plug-in
 * tables (limits, history, check log, scores, alerts).
 */
@Component(service = { CreditControl.class, CreditAdmin.class, EventHandler.class, CreditService.class }, immediate = true,
        configurationPid = CreditService.PID, property = EventConstants.EVENT_TOPIC + "=" + HostTopics.ALL)
@Designate(ocd = CreditService.Config.class)
public final class CreditService implements CreditControl, CreditAdmin, EventHandler {

    public static final String PID = "org.wanglai.credit";
    private static final Logger LOG = LoggerFactory.getLogger(CreditService.class);
    private static final String SYSTEM = "system";

    @ObjectClassDefinition(name = "Wanglai credit control",
            description = "Credit check rules per document type, watch level, approvals, bypass, scoring and alerts")
    public @interface Config {
        @AttributeDefinition(name = "Order rules", description = "amount=add|ignore; stop/hold/exceed/watch=block|warn|off; overdue-days=N:action; overdue-amount=X:action; grade=G:action")
        String orderRule() default DocRule.DEFAULT_ORDER;

        @AttributeDefinition(name = "Shipment rules")
        String shipmentRule() default DocRule.DEFAULT_SHIPMENT;

        @AttributeDefinition(name = "Invoice rules")
        String invoiceRule() default DocRule.DEFAULT_INVOICE;

        @AttributeDefinition(name = "Refund rules")
        String refundRule() default DocRule.DEFAULT_REFUND;

        @AttributeDefinition(name = "Default watch percent", description = "Watch when exposure > limit x this % (a category's own value wins)")
        double watchPercent() default 90;

        @AttributeDefinition(name = "Approval above", description = "A raise of a limit to more than this amount waits for a second user's approval")
        double approvalAbove() default 100_000;

        @AttributeDefinition(name = "Approver role", description = "Web role that may approve limit raises")
        String approverRole() default "credit-approver";

        @AttributeDefinition(name = "Bypass role", description = "Web role that may bypass a blocked check (with a reason)")
        String bypassRole() default "credit-controller";

        @AttributeDefinition(name = "Bypass users", description = "Host logins that may bypass when calling the service directly")
        String[] bypassUsers() default {};

        @AttributeDefinition(name = "Reservation minutes", description = "How long a passed order check holds its amount until the host completes the order")
        int reservationMinutes() default 60;

        @AttributeDefinition(name = "Reconcile minutes", description = "Interval of the full reconciliation of the exposure against SQL (0 = off)")
        int reconcileMinutes() default 15;

        @AttributeDefinition(name = "Score window months")
        int scoreWindowMonths() default 12;

        @AttributeDefinition(name = "Score interval hours", description = "Scores are recomputed this often (0 = on demand only)")
        int scoreIntervalHours() default 24;

        @AttributeDefinition(name = "Score weights")
        String scoreWeights() default "dso=20,late=25,share=15,worst=15,tenure=10,trend=5,external=10";

        @AttributeDefinition(name = "Grade thresholds", description = "Minimum scores of AAA, AA, A, B, C; D below")
        String gradeThresholds() default "90,80,70,60,45";

        @AttributeDefinition(name = "Recommended limit multipliers", description = "Months of average sales per grade")
        String limitMultipliers() default "AAA=3,AA=2.5,A=2,B=1.5,C=1,D=0";

        @AttributeDefinition(name = "Alert thresholds", description = "Utilisation percents whose crossing raises an alert")
        String alertThresholds() default "80,100";

        @AttributeDefinition(name = "Alert email recipients", description = "e.g. user:credit.manager or mail:ar@example.com; needs the email channel")
        String[] alertRecipients() default {};

        @AttributeDefinition(name = "Today", description = "Business date (yyyy-MM-dd) for replaying a day; empty = the system clock")
        String today() default "";
    }

    private final HostDatabase db;
    private final HostCustomers hostCustomers;
    private final SqlSessionFactory factory;
    private final Messages messages = new Messages();
    private final CheckEngine engine = new CheckEngine(messages);
    private final Map<DocumentType, DocRule> rules = new EnumMap<>(DocumentType.class);
    private final BigDecimal defaultWatch;
    private final BigDecimal approvalAbove;
    private final Set<String> bypassUsers;
    private final long reservationMillis;
    private final int scoreWindowMonths;
    private final ScoreCalculator scores;
    private final List<BigDecimal> alertThresholds;
    private final List<String> alertRecipients;
    private final String approverRole;
    private final String bypassRole;
    private final LocalDate fixedToday;
    private final Clock clock = Clock.systemDefaultZone();

    /** The exposure ledger; read it through {@link #ledger()}, which waits for the initial load. */
    private final ConcurrentHashMap<Long, CustomerCredit> entries = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile RuntimeException loadFailure;
    private volatile Map<Long, CreditMapper.CategoryRuleRow> categoryRules = Map.of();
    private final AtomicLong checkIds = new AtomicLong();
    private final CheckLogWriter checkLog;
    /** How long a caller waits for the initial load before it fails (CreditGate then applies its unavailable policy). */
    private static final long LOAD_WAIT_SECONDS = 30;
    private final ScheduledExecutorService executor;
    private volatile boolean open = true;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + DeliveryChannel.PROPERTY + "=email)")
    volatile DeliveryChannel email;

    @Activate
    public CreditService(@Reference HostDatabase db, @Reference HostCustomers hostCustomers, Config config) {
        this.db = db;
        this.hostCustomers = hostCustomers;
        rules.put(DocumentType.ORDER, DocRule.parse("orderRule", config.orderRule()));
        rules.put(DocumentType.SHIPMENT, DocRule.parse("shipmentRule", config.shipmentRule()));
        rules.put(DocumentType.INVOICE, DocRule.parse("invoiceRule", config.invoiceRule()));
        rules.put(DocumentType.REFUND, DocRule.parse("refundRule", config.refundRule()));
        if (config.watchPercent() <= 0 || config.watchPercent() > 100) {
            throw new IllegalArgumentException("Setting 'watchPercent' must be in (0, 100], was " + config.watchPercent());
        }
        this.defaultWatch = BigDecimal.valueOf(config.watchPercent());
        if (config.approvalAbove() < 0) {
            throw new IllegalArgumentException("Setting 'approvalAbove' must not be negative");
        }
        this.approvalAbove = BigDecimal.valueOf(config.approvalAbove());
        this.bypassUsers = Set.copyOf(Arrays.asList(config.bypassUsers()));
        if (config.reservationMinutes() < 1) {
            throw new IllegalArgumentException("Setting 'reservationMinutes' must be at least 1");
        }
        this.reservationMillis = config.reservationMinutes() * 60_000L;
        if (config.scoreWindowMonths() < 3 || config.scoreWindowMonths() > 60) {
            throw new IllegalArgumentException("Setting 'scoreWindowMonths' must be between 3 and 60");
        }
        this.scoreWindowMonths = config.scoreWindowMonths();
        this.scores = new ScoreCalculator(config.scoreWeights(), config.gradeThresholds(), config.limitMultipliers());
        this.alertThresholds = parsePercents(config.alertThresholds());
        this.alertRecipients = List.copyOf(Arrays.asList(config.alertRecipients()));
        this.approverRole = config.approverRole();
        this.bypassRole = config.bypassRole();
        try {
            this.fixedToday = config.today() == null || config.today().isBlank() ? null : LocalDate.parse(config.today().trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("Setting 'today' must be yyyy-MM-dd or empty, was '" + config.today() + "'");
        }

        db.migrate(CreditService.class.getClassLoader(), "db/credit-changelog.xml");
        this.factory = db.sessionFactory(CreditMapper.class);
        this.checkLog = new CheckLogWriter(db, factory);
        try (SqlSession s = factory.openSession()) {
            CreditMapper m = s.getMapper(CreditMapper.class);
            Long max = m.maxCheckId();
            checkIds.set(max == null ? 0 : max);
            loadCategoryRules(m);
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wanglai-credit");
            t.setDaemon(true);
            return t;
        });
        // The ledger loads on the worker, not on the framework's start-up thread: the container and the other
        // bundles start while a large host's exposure is read. Callers that need the ledger wait for it (ledger()).
        // Event refreshes and reconciliation run on the same single worker, so they always come after the load.
        int reconcileMinutes = config.reconcileMinutes();
        int scoreIntervalHours = config.scoreIntervalHours();
        executor.execute(() -> loadLedger(reconcileMinutes, scoreIntervalHours));
        executor.scheduleWithFixedDelay(this::flushQuietly, 250, 250, TimeUnit.MILLISECONDS);
    }

    private void loadLedger(int reconcileMinutes, int scoreIntervalHours) {
        long t0 = System.nanoTime();
        boolean scored;
        try (SqlSession s = factory.openSession()) {
            CreditMapper m = s.getMapper(CreditMapper.class);
            Map<Long, LedgerLoader.Fresh> fresh = LedgerLoader.load(m, null, today());
            for (LedgerLoader.Fresh f : fresh.values()) {
                CustomerCredit c = new CustomerCredit(f.master.id(), f.master.code(), currency(f.master.currency()));
                apply(c, f, false);
                entries.put(c.id, c);
            }
            loadGrades(m);
            scored = !entries.isEmpty() && entries.values().stream().anyMatch(c -> c.grade != null);
        } catch (RuntimeException e) {
            loadFailure = e;
            LOG.error("Credit ledger could not be loaded; credit checks fail until the bundle is restarted", e);
            return;
        } finally {
            loaded.countDown();
        }
        LOG.info("Credit ledger loaded: {} customers in {} ms", entries.size(), (System.nanoTime() - t0) / 1_000_000);
        guarded("initial status sync", () -> syncStatuses(entries.values(), false));
        if (reconcileMinutes > 0) {
            executor.scheduleWithFixedDelay(() -> guarded("reconciliation", this::reconcile),
                    reconcileMinutes, reconcileMinutes, TimeUnit.MINUTES);
        }
        if (scoreIntervalHours > 0) {
            executor.scheduleWithFixedDelay(() -> guarded("score recompute", () -> recomputeScores((Long) null)),
                    scored ? scoreIntervalHours * 60L : 0, scoreIntervalHours * 60L, TimeUnit.MINUTES);
        }
    }

    /** Waits for the initial ledger load however long it takes (for benchmarks and commands that time it). */
    public void awaitLoaded() {
        try {
            loaded.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the credit ledger loads", e);
        }
        ledger();
    }

    /** The ledger, once the initial load has finished (waits for it, bounded). */
    private Map<Long, CustomerCredit> ledger() {
        if (loaded.getCount() > 0) {
            try {
                if (!loaded.await(LOAD_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the credit ledger is still loading after " + LOAD_WAIT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the credit ledger loads", e);
            }
        }
        RuntimeException failure = loadFailure;
        if (failure != null) {
            throw new IllegalStateException("the credit ledger could not be loaded: " + failure.getMessage(), failure);
        }
        return entries;
    }

    @Deactivate
    public void deactivate() {
        open = false;
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
        LOG.info("Credit control stopped");
    }

    private static List<BigDecimal> parsePercents(String spec) {
        List<BigDecimal> l = new ArrayList<>();
        if (spec != null && !spec.isBlank()) {
            for (String s : spec.split(",")) {
                try {
                    l.add(new BigDecimal(s.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Setting 'alertThresholds': '" + s.trim() + "' is not a percent");
                }
            }
        }
        l.sort(null);
        return List.copyOf(l);
    }

    private static Currency currency(String code) {
        return Currency.getInstance(code == null ? "CNY" : code.trim());
    }

    /** The business date: the {@code today} setting, or the system clock's date. */
    public LocalDate today() {
        return fixedToday != null ? fixedToday : LocalDate.now(clock);
    }

    private void guarded(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            if (open) {
                LOG.error("Credit {} failed: {}", what, e.getMessage(), e);
            }
        }
    }

    private void flushQuietly() {
        try {
            checkLog.flush();
        } catch (RuntimeException e) {
            LOG.error("Credit check log flush failed: {}", e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Ledger maintenance

    private void loadCategoryRules(CreditMapper m) {
        Map<Long, CreditMapper.CategoryRuleRow> r = new HashMap<>();
        for (CreditMapper.CategoryRuleRow row : m.categoryRules()) {
            r.put(row.categoryId(), row);
        }
        categoryRules = Map.copyOf(r);
    }

    private void loadGrades(CreditMapper m) {
        try (Cursor<CreditMapper.GradeRow> c = m.latestGrades()) {
            for (CreditMapper.GradeRow g : c) {
                CustomerCredit cc = entries.get(g.customerId());
                if (cc != null) {
                    synchronized (cc) {
                        cc.grade = g.grade();
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies fresh database state into the customer's ledger entry; returns true when the exposure drifted. */
    private boolean apply(CustomerCredit c, LedgerLoader.Fresh f, boolean compare) {
        CreditMapper.CategoryRuleRow rule = f.master.categoryId() == null ? null : categoryRules.get(f.master.categoryId());
        CustomerCredit.Exposure e = f.exposure();
        synchronized (c) {
            boolean drift = compare && !c.exposure.sameAs(e);
            c.currency = currency(f.master.currency());
            c.categoryId = f.master.categoryId();
            c.hostLimit = f.master.creditLimit() == null ? BigDecimal.ZERO : f.master.creditLimit();
            boolean ruleCurrency = rule != null && (rule.currency() == null
                    || rule.currency().trim().equals(c.currency.getCurrencyCode()));
            c.categoryDefault = ruleCurrency && rule.defaultLimit() != null ? rule.defaultLimit() : BigDecimal.ZERO;
            c.categoryNoCheck = rule != null && rule.noCheck();
            c.watchPercent = rule != null && rule.watchPct() != null ? rule.watchPct()
                    : f.master.watchPct() != null && f.master.watchPct().signum() > 0 ? f.master.watchPct() : defaultWatch;
            c.temps = List.copyOf(f.temps);
            c.stop = f.effectiveStop();
            c.noCheck = f.noCheck;
            c.hostStatus = CreditStatus.ofCode(f.master.creditStatus());
            c.exposure = e;
            if (!compare) {
                c.alertLevel = alertLevel(c);
                c.overdueSeen = e.overdue().signum() > 0;
            }
            return drift;
        }
    }

    /** Re-reads one customer from SQL (after a host event) and releases the completed document's reservation. */
    void refresh(long customerId, CustomerCredit.DocKey completed) {
        Map<Long, LedgerLoader.Fresh> fresh;
        try (SqlSession s = factory.openSession()) {
            fresh = LedgerLoader.load(s.getMapper(CreditMapper.class), customerId, today());
        }
        LedgerLoader.Fresh f = fresh.get(customerId);
        if (f == null) {
            ledger().remove(customerId);
            return;
        }
        CustomerCredit c = ledger().computeIfAbsent(customerId,
                id -> new CustomerCredit(id, f.master.code(), currency(f.master.currency())));
        apply(c, f, true);
        if (completed != null) {
            synchronized (c) {
                c.release(completed);
            }
        }
        syncStatuses(List.of(c), true);
    }

    /**
     * Recomputes every customer's exposure in SQL, logs and repairs any difference from the ledger, and writes the
     * statuses that changed.
     */
    @Override
    public Reconciliation reconcile() {
        long t0 = System.nanoTime();
        Map<Long, LedgerLoader.Fresh> fresh;
        try (SqlSession s = factory.openSession()) {
            CreditMapper m = s.getMapper(CreditMapper.class);
            loadCategoryRules(m);
            fresh = LedgerLoader.load(m, null, today());
        }
        int drifted = 0;
        for (LedgerLoader.Fresh f : fresh.values()) {
            CustomerCredit c = ledger().get(f.master.id());
            if (c == null) {
                c = new CustomerCredit(f.master.id(), f.master.code(), currency(f.master.currency()));
                ledger().put(c.id, c);
                apply(c, f, false);
                continue;
            }
            CustomerCredit.Exposure before;
            synchronized (c) {
                before = c.exposure;
            }
            if (apply(c, f, true)) {
                drifted++;
                if (drifted <= 20) {
                    CustomerCredit.Exposure after = f.exposure();
                    LOG.warn("Credit exposure drift repaired for customer {} ({}): receivables {} -> {}, open orders {} -> {}, shipped {} -> {}",
                            c.code, c.id, before.receivables(), after.receivables(), before.openOrderTotal(),
                            after.openOrderTotal(), before.shipped(), after.shipped());
                }
            }
        }
        ledger().keySet().retainAll(fresh.keySet());
        int changes = syncStatuses(ledger().values(), true);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (drifted > 0) {
            LOG.warn("Credit reconciliation: {} of {} customers had drifted and were repaired ({} ms)", drifted,
                    fresh.size(), ms);
        } else {
            LOG.info("Credit reconciliation: {} customers, no drift, {} status changes ({} ms)", fresh.size(), changes, ms);
        }
        return new Reconciliation(fresh.size(), drifted, changes, ms);
    }

    /** Writes the statuses that differ from the host's column, with history and events; raises alerts. */
    private int syncStatuses(Collection<CustomerCredit> customers, boolean alerts) {
        LocalDate today = today();
        record Change(CustomerCredit c, CreditStatus from, CreditStatus to) {
        }
        List<Change> changes = new ArrayList<>();
        List<Runnable> alertsToRaise = new ArrayList<>();
        for (CustomerCredit c : customers) {
            synchronized (c) {
                CreditStatus now = c.computedStatus(today);
                if (now != c.hostStatus) {
                    changes.add(new Change(c, c.hostStatus, now));
                }
                if (alerts) {
                    int level = alertLevel(c);
                    if (level > c.alertLevel) {
                        BigDecimal threshold = alertThresholds.get(level - 1);
                        Snapshot s = c.snapshot(null, today, Long.MAX_VALUE - 1);
                        LocalizedText text = messages.text("alert.threshold", c.code, threshold.toPlainString() + "%",
                                new Money(s.committed(), c.currency), new Money(s.limit(), c.currency));
                        long id = c.id;
                        alertsToRaise.add(() -> raiseAlert(id, "THRESHOLD", text));
                    }
                    c.alertLevel = level;
                    boolean overdue = c.exposure.overdue().signum() > 0;
                    if (overdue && !c.overdueSeen) {
                        LocalizedText text = messages.text("alert.overdue", c.code, new Money(c.exposure.overdue(), c.currency));
                        long id = c.id;
                        alertsToRaise.add(() -> raiseAlert(id, "OVERDUE", text));
                    }
                    c.overdueSeen = overdue;
                }
            }
        }
        if (!changes.isEmpty()) {
            LocalDateTime at = LocalDateTime.now(clock);
            db.inTransaction(tx -> {
                CreditMapper m = tx.mapper(factory, CreditMapper.class);
                for (Change ch : changes) {
                    hostCustomers.updateCreditStatus(tx, ch.c().id, ch.to());
                    m.insertStatusChange(new CreditMapper.StatusChange(ch.c().id, String.valueOf(ch.from().code()),
                            String.valueOf(ch.to().code()), at, "computed", SYSTEM));
                }
                return null;
            });
            for (Change ch : changes) {
                synchronized (ch.c()) {
                    ch.c().hostStatus = ch.to();
                }
                post(CreditTopics.STATUS_CHANGED, Map.of("customerId", ch.c().id, "oldStatus",
                        String.valueOf(ch.from().code()), "newStatus", String.valueOf(ch.to().code()), "reason", "computed"));
                if (alerts) {
                    LocalizedText text = messages.text("alert.status", ch.c().code, ch.from().name(), ch.to().name());
                    alertsToRaise.add(() -> raiseAlert(ch.c().id, "STATUS", text));
                }
            }
        }
        alertsToRaise.forEach(Runnable::run);
        return changes.size();
    }

    /** 0 below every threshold, else 1 + index of the highest threshold the utilisation exceeds. */
    private int alertLevel(CustomerCredit c) {
        BigDecimal limit = c.effectiveLimit(today());
        if (c.notChecked() || limit.signum() <= 0 || alertThresholds.isEmpty()) {
            return 0;
        }
        BigDecimal pct = c.exposure.committed().multiply(Snapshot.HUNDRED).divide(limit, 4, RoundingMode.HALF_UP);
        int level = 0;
        for (int i = 0; i < alertThresholds.size(); i++) {
            if (pct.compareTo(alertThresholds.get(i)) >= 0) {
                level = i + 1;
            }
        }
        return level;
    }

    private void raiseAlert(long customerId, String type, LocalizedText text) {
        CreditMapper.NewAlert row = new CreditMapper.NewAlert(customerId, type, LocalDateTime.now(clock),
                clip(text.zh(), 400), clip(text.en(), 400));
        Long id = db.inTransaction(tx -> {
            tx.mapper(factory, CreditMapper.class).insertAlert(row);
            return row.getId();
        });
        post(CreditTopics.ALERT, Map.of("customerId", customerId, "alertType", type, "alertId", id == null ? 0L : id,
                "message", text.en()));
        DeliveryChannel mail = email;
        if (mail != null) {
            for (String recipient : alertRecipients) {
                try {
                    if (mail.accepts(recipient)) {
                        mail.deliver(new Notification("credit-alert-" + id + "-" + recipient, recipient,
                                "[Wanglai] " + text.zh(), text.zh() + "\n\n" + text.en(), List.of()));
                    }
                } catch (Exception e) {
                    LOG.warn("Credit alert {} for customer {} could not be mailed to {}: {}", id, customerId, recipient,
                            e.getMessage());
                }
            }
        }
    }

    private void post(String topic, Map<String, Object> props) {
        EventAdmin ea = eventAdmin;
        if (ea != null) {
            ea.postEvent(new Event(topic, props));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Host events

    @Override
    public void handleEvent(Event event) {
        Object customer = event.getProperty(HostTopics.PROP_CUSTOMER_ID);
        if (!(customer instanceof Number n) || !open) {
            return;
        }
        long customerId = n.longValue();
        CustomerCredit.DocKey completed = null;
        Object doc = event.getProperty(HostTopics.PROP_DOCUMENT_ID);
        if (doc instanceof Number d && (HostTopics.ORDER_COMPLETED.equals(event.getTopic())
                || HostTopics.ORDER_CLOSED.equals(event.getTopic()))) {
            completed = new CustomerCredit.DocKey(DocumentType.ORDER, d.longValue());
        }
        CustomerCredit.DocKey key = completed;
        executor.execute(() -> guarded("refresh of customer " + customerId, () -> refresh(customerId, key)));
    }

    /** Waits until the events received so far are processed (for commands and tests). */
    public void awaitIdle() {
        try {
            executor.submit(() -> null).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("credit worker did not become idle: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Check

    @Override
    public CreditDecision check(CreditCheckRequest request) {
        return check(request, false, false);
    }

    /**
     * @param bypassAuthorised the caller (the web endpoint) has verified the bypass role; direct service callers are
     *        authorised through the {@code bypassUsers} setting
     * @param simulate a what-if check from the console: logged, but reserves nothing
     */
    public CreditDecision check(CreditCheckRequest request, boolean bypassAuthorised, boolean simulate) {
        if (!open) { // deactivating: let the caller apply its unavailable policy (see CreditGate)
            throw new IllegalStateException("credit control is stopping");
        }
        LocalDate today = today();
        long now = clock.millis();
        Money amount = request.amount();
        CustomerCredit c = ledger().get(request.customerId());
        if (c == null && open) {
            refresh(request.customerId(), null); // a customer created since the last load
            c = ledger().get(request.customerId());
        }
        if (c == null) {
            CreditReason r = new CreditReason("credit.unknown-customer",
                    messages.text("credit.unknown-customer", request.customerId()));
            Money zero = Money.zero(amount.currency());
            return log(request, new CreditDecision(Outcome.BLOCK, List.of(r), zero, zero, CreditStatus.NO_CHECK,
                    checkIds.incrementAndGet()), today);
        }
        DocRule rule = rules.get(request.documentType());
        CreditDecision decision;
        synchronized (c) {
            CustomerCredit.DocKey key = new CustomerCredit.DocKey(request.documentType(), request.documentId());
            Snapshot s = c.snapshot(key, today, now);
            if (rule == null) { // receipts reduce exposure: never checked
                decision = new CreditDecision(Outcome.PASS, List.of(), new Money(s.committed().add(s.reservedOthers()), c.currency),
                        new Money(s.limit(), c.currency), s.status(), checkIds.incrementAndGet());
                return log(request, decision, today);
            }
            CheckEngine.Verdict v = engine.decide(s, rule, amount);
            Outcome outcome = v.outcome();
            List<CreditReason> reasons = new ArrayList<>(v.reasons());
            boolean reserve = v.reserve();
            if (request.bypass() && outcome == Outcome.BLOCK) {
                boolean allowed = (bypassAuthorised || request.user() != null && bypassUsers.contains(request.user()))
                        && request.bypassReason() != null && !request.bypassReason().isBlank();
                if (allowed) {
                    outcome = Outcome.WARN;
                    reasons.add(new CreditReason("credit.bypassed",
                            messages.text("credit.bypassed", request.user(), request.bypassReason().trim())));
                    reserve = rule.addAmount() && amount.signum() > 0 && amount.currency().equals(c.currency);
                } else {
                    reasons.add(new CreditReason("credit.bypass-denied",
                            messages.text("credit.bypass-denied", String.valueOf(request.user()))));
                }
            }
            if (simulate) {
                // nothing reserved, nothing released
            } else if (reserve) {
                // only what the document adds beyond what the ledger already counts for it (a re-opened order)
                BigDecimal delta = amount.amount().subtract(s.alreadyCounted());
                c.reserve(key, delta.signum() > 0 ? delta : BigDecimal.ZERO, now + reservationMillis);
            } else if (rule.addAmount() && outcome == Outcome.BLOCK) {
                c.release(key);
            }
            decision = new CreditDecision(outcome, reasons, new Money(v.exposureSeen(), c.currency),
                    new Money(s.limit(), c.currency), v.status(), checkIds.incrementAndGet());
        }
        log(request, decision, today);
        if (decision.outcome() == Outcome.BLOCK || request.bypass()) {
            post(CreditTopics.CHECKED, Map.of("customerId", request.customerId(), "outcome", decision.outcome().name(),
                    "documentType", request.documentType().name(), "documentId", request.documentId(),
                    "checkId", decision.checkId()));
        }
        return decision;
    }

    private CreditDecision log(CreditCheckRequest r, CreditDecision d, LocalDate today) {
        String reasons = d.reasons().stream().map(x -> x.code() + ": " + x.message().en()).collect(Collectors.joining(" | "));
        checkLog.add(new CreditMapper.CheckRow(d.checkId(), LocalDateTime.now(clock), r.customerId(),
                r.documentType().name(), r.documentId(), clip(r.documentNo(), 30), r.amount().amount(),
                r.amount().currencyCode(), d.outcome().name(), d.exposure().amount(), d.limit().amount(),
                String.valueOf(d.status().code()), clip(reasons, 2000), clip(r.user(), 60), r.bypass(),
                clip(r.bypassReason(), 400)));
        return d;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Writes the queued check log rows now. */
    public int flushCheckLog() {
        return checkLog.flush();
    }

    /** The exposure recomputed in SQL for one customer: the cost a check would have without the ledger. */
    public BigDecimal exposureInSql(long customerId) {
        try (SqlSession s = factory.openSession()) {
            return s.getMapper(CreditMapper.class).exposureInSql(customerId);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Exposure, grades, stop

    @Override
    public Optional<CreditExposure> exposure(long customerId) {
        CustomerCredit c = ledger().get(customerId);
        if (c == null) {
            return Optional.empty();
        }
        LocalDate today = today();
        synchronized (c) {
            Snapshot s = c.snapshot(null, today, clock.millis());
            Currency cur = c.currency;
            BigDecimal total = s.committed().add(s.reservedOthers());
            BigDecimal util = s.limit().signum() > 0 ? total.divide(s.limit(), 4, RoundingMode.HALF_UP) : null;
            return Optional.of(new CreditExposure(customerId, new Money(c.exposure.receivables(), cur),
                    new Money(c.exposure.openOrderTotal(), cur), new Money(c.exposure.shipped(), cur),
                    new Money(s.reservedOthers(), cur), new Money(total, cur), new Money(s.limit(), cur), util,
                    s.status(), new Money(s.overdue(), cur), s.overdueDays()));
        }
    }

    /** Code of a customer in the ledger, or null. */
    public String code(long customerId) {
        CustomerCredit c = ledger().get(customerId);
        return c == null ? null : c.code;
    }

    String grade(long customerId) {
        CustomerCredit c = ledger().get(customerId);
        if (c == null) {
            return null;
        }
        synchronized (c) {
            return c.grade;
        }
    }

    long[] customerIds() {
        return ledger().keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    }

    int size() {
        return ledger().size();
    }

    @Override
    public Map<Long, String> currentGrades() {
        Map<Long, String> grades = new HashMap<>();
        try (SqlSession s = factory.openSession(); Cursor<CreditMapper.GradeRow> c = s.getMapper(CreditMapper.class).latestGrades()) {
            for (CreditMapper.GradeRow g : c) {
                grades.put(g.customerId(), g.grade());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return grades;
    }

    @Override
    public void setStop(long customerId, boolean stop, String reason, String user) {
        requireText(reason, "reason");
        requireText(user, "user");
        CustomerCredit c = requireCustomer(customerId);
        LocalDateTime at = LocalDateTime.now(clock);
        CreditStatus from;
        CreditStatus to;
        synchronized (c) {
            from = c.hostStatus;
            boolean before = c.stop;
            c.stop = stop;
            to = c.computedStatus(today());
            c.stop = before;
        }
        db.inTransaction(tx -> {
            CreditMapper m = tx.mapper(factory, CreditMapper.class);
            upsertFlags(m, customerId, stop, null, reason, user, at);
            if (to != from) {
                hostCustomers.updateCreditStatus(tx, customerId, to);
            }
            m.insertStatusChange(new CreditMapper.StatusChange(customerId, String.valueOf(from.code()),
                    String.valueOf(to.code()), at, (stop ? "stop: " : "stop lifted: ") + reason, user));
            return null;
        });
        synchronized (c) {
            c.stop = stop;
            c.hostStatus = to;
        }
        post(CreditTopics.STATUS_CHANGED, Map.of("customerId", customerId, "oldStatus", String.valueOf(from.code()),
                "newStatus", String.valueOf(to.code()), "reason", reason));
        if (to != from) {
            raiseAlert(customerId, "STATUS", messages.text("alert.status", c.code, from.name(), to.name()));
        }
        LOG.info("Credit stop of customer {} {} by {}: {}", c.code, stop ? "set" : "lifted", user, reason);
    }

    /** Marks a customer "no credit check" (or checked again); audited in the status history. */
    @Override
    public void setNoCheck(long customerId, boolean noCheck, String reason, String user) {
        requireText(reason, "reason");
        requireText(user, "user");
        CustomerCredit c = requireCustomer(customerId);
        LocalDateTime at = LocalDateTime.now(clock);
        boolean before;
        synchronized (c) {
            before = c.noCheck;
        }
        db.inTransaction(tx -> {
            CreditMapper m = tx.mapper(factory, CreditMapper.class);
            upsertFlags(m, customerId, null, noCheck, reason, user, at);
            m.insertSettingChange(new CreditMapper.SettingChange("CUSTOMER", customerId, c.code, "noCheck",
                    String.valueOf(before), String.valueOf(noCheck), user, at, reason));
            return null;
        });
        synchronized (c) {
            c.noCheck = noCheck;
        }
        syncStatuses(List.of(c), true);
    }

    private void upsertFlags(CreditMapper m, long customerId, Boolean stop, Boolean noCheck, String reason, String user,
            LocalDateTime at) {
        if (m.updatePluginCustomer(customerId, stop, noCheck, reason, user, at) == 0) {
            CustomerCredit c = ledger().get(customerId);
            boolean currentStop = c != null && c.stop;
            boolean currentNoCheck = c != null && c.noCheck;
            m.insertPluginCustomer(customerId, stop != null ? stop : currentStop,
                    noCheck != null ? noCheck : currentNoCheck, stop != null ? reason : null,
                    stop != null ? user : null, stop != null ? at : null);
        }
    }

    private CustomerCredit requireCustomer(long customerId) {
        CustomerCredit c = ledger().get(customerId);
        if (c == null) {
            refresh(customerId, null);
            c = ledger().get(customerId);
        }
        if (c == null) {
            throw new NotFoundException("customer", String.valueOf(customerId));
        }
        return c;
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Limits

    /**
     * Sets a customer's credit limit (in its currency). A raise to more than the approval amount is stored as a
     * pending request and takes effect only when another user approves it.
     */
    @Override
    public LimitChange setLimit(long customerId, BigDecimal newLimit, String user, String reason) {
        requireText(user, "user");
        requireText(reason, "reason");
        if (newLimit == null || newLimit.signum() < 0) {
            throw new ValidationException("limit", "must be zero (no check) or positive");
        }
        CustomerCredit c = requireCustomer(customerId);
        BigDecimal old;
        Currency cur;
        synchronized (c) {
            old = c.hostLimit;
            cur = c.currency;
        }
        BigDecimal limit = new Money(newLimit, cur).amount();
        LocalDateTime at = LocalDateTime.now(clock);
        if (limit.compareTo(old) > 0 && limit.compareTo(approvalAbove) > 0) {
            Long id = db.inTransaction(tx -> {
                CreditMapper m = tx.mapper(factory, CreditMapper.class);
                m.insertLimitRequest(new CreditMapper.LimitRequest(null, customerId, old, limit, cur.getCurrencyCode(),
                        user, at, reason, "PENDING", null, null, null));
                return m.lastLimitRequestId(customerId, user);
            });
            LOG.info("Limit raise of customer {} from {} to {} by {} waits for approval (request {})", c.code, old, limit,
                    user, id);
            return new LimitChange("PENDING", id, new Money(old, cur), new Money(limit, cur));
        }
        applyLimit(c, old, limit, user, null, reason, null, at);
        return new LimitChange("APPLIED", null, new Money(old, cur), new Money(limit, cur));
    }

    private void applyLimit(CustomerCredit c, BigDecimal old, BigDecimal limit, String user, String approver,
            String reason, Long requestId, LocalDateTime at) {
        db.inTransaction(tx -> {
            hostCustomers.updateCreditLimit(tx, c.id, limit);
            tx.mapper(factory, CreditMapper.class).insertLimitChange(new CreditMapper.LimitChange(c.id, "LIMIT", old,
                    limit, c.currency.getCurrencyCode(), user, approver, at, reason, requestId));
            return null;
        });
        synchronized (c) {
            c.hostLimit = limit;
        }
        post(CreditTopics.LIMIT_CHANGED, Map.of("customerId", c.id, "oldLimit", old.toPlainString(), "newLimit",
                limit.toPlainString(), "currency", c.currency.getCurrencyCode(), "user", user));
        syncStatuses(List.of(c), true);
    }

    /** Approves a pending raise; the approver must be another user than the requester. */
    @Override
    public LimitChange approve(long requestId, String approver, String note) {
        requireText(approver, "approver");
        CreditMapper.LimitRequest r;
        try (SqlSession s = factory.openSession()) {
            r = s.getMapper(CreditMapper.class).limitRequest(requestId);
        }
        if (r == null) {
            throw new NotFoundException("limit request", String.valueOf(requestId));
        }
        if (!"PENDING".equals(r.status())) {
            throw new ValidationException("request", "limit request " + requestId + " is already " + r.status());
        }
        if (approver.equalsIgnoreCase(r.requestedBy())) {
            throw new ValidationException("approver", "the requester " + r.requestedBy()
                    + " cannot approve their own limit raise; a second user must");
        }
        CustomerCredit c = requireCustomer(r.customerId());
        LocalDateTime at = LocalDateTime.now(clock);
        BigDecimal old;
        synchronized (c) {
            old = c.hostLimit;
        }
        db.inTransaction(tx -> {
            CreditMapper m = tx.mapper(factory, CreditMapper.class);
            if (m.decideLimitRequest(requestId, "APPROVED", approver, at, note) != 1) {
                throw new ValidationException("request", "limit request " + requestId + " was decided meanwhile");
            }
            hostCustomers.updateCreditLimit(tx, c.id, r.newLimit());
            m.insertLimitChange(new CreditMapper.LimitChange(c.id, "LIMIT", old, r.newLimit(), r.currency(),
                    r.requestedBy(), approver, at, r.reason(), requestId));
            return null;
        });
        synchronized (c) {
            c.hostLimit = r.newLimit();
        }
        post(CreditTopics.LIMIT_CHANGED, Map.of("customerId", c.id, "oldLimit", old.toPlainString(), "newLimit",
                r.newLimit().toPlainString(), "currency", r.currency(), "user", approver));
        syncStatuses(List.of(c), true);
        return new LimitChange("APPLIED", requestId, new Money(old, c.currency), new Money(r.newLimit(), c.currency));
    }

    @Override
    public void reject(long requestId, String user, String note) {
        requireText(user, "user");
        requireText(note, "note");
        int n = db.inTransaction(tx -> tx.mapper(factory, CreditMapper.class).decideLimitRequest(requestId, "REJECTED",
                user, LocalDateTime.now(clock), note));
        if (n != 1) {
            throw new ValidationException("request", "limit request " + requestId + " is not pending");
        }
    }

    @Override
    public List<LimitRequest> pendingRequests() {
        try (SqlSession s = factory.openSession()) {
            return s.getMapper(CreditMapper.class).pendingLimitRequests().stream()
                    .map(r -> new LimitRequest(r.id(), r.customerId(), Money.of(r.oldLimit(), r.currency().trim()),
                            Money.of(r.newLimit(), r.currency().trim()), r.requestedBy(), r.requestedAt(), r.reason()))
                    .toList();
        }
    }

    /** Adds a temporary increase valid from today to {@code validTo} inclusive. */
    @Override
    public Money addTemporaryIncrease(long customerId, BigDecimal amount, LocalDate validTo, String user, String reason) {
        requireText(user, "user");
        requireText(reason, "reason");
        List<ValidationError> errors = new ArrayList<>();
        if (amount == null || amount.signum() <= 0) {
            errors.add(new ValidationError(0, "amount", "must be positive"));
        }
        LocalDate today = today();
        if (validTo == null || validTo.isBefore(today)) {
            errors.add(new ValidationError(0, "validTo", "must be today or later"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        CustomerCredit c = requireCustomer(customerId);
        BigDecimal before;
        synchronized (c) {
            if (c.baseLimit().signum() <= 0) {
                throw new ValidationException("amount", "customer " + c.code + " has no limit to increase");
            }
            before = c.effectiveLimit(today);
        }
        BigDecimal add = new Money(amount, c.currency).amount();
        LocalDateTime at = LocalDateTime.now(clock);
        db.inTransaction(tx -> {
            CreditMapper m = tx.mapper(factory, CreditMapper.class);
            m.insertTemp(customerId, add, c.currency.getCurrencyCode(), today, validTo, reason, user, at);
            m.insertLimitChange(new CreditMapper.LimitChange(customerId, "TEMPORARY", before, before.add(add),
                    c.currency.getCurrencyCode(), user, null, at, reason + " (until " + validTo + ")", null));
            return null;
        });
        synchronized (c) {
            c.temps = CustomerCredit.temps(c.temps, new CustomerCredit.TempIncrease(add, validTo));
        }
        syncStatuses(List.of(c), true);
        return new Money(before.add(add), c.currency);
    }

    /** Sets a category's default limit (for customers without their own) and watch percent. */
    @Override
    public void setCategoryRule(long categoryId, BigDecimal defaultLimit, BigDecimal watchPct, String user) {
        requireText(user, "user");
        if (defaultLimit != null && defaultLimit.signum() < 0) {
            throw new ValidationException("defaultLimit", "must not be negative");
        }
        if (watchPct != null && (watchPct.signum() <= 0 || watchPct.compareTo(Snapshot.HUNDRED) > 0)) {
            throw new ValidationException("watchPercent", "must be in (0, 100]");
        }
        CreditMapper.CategoryRuleRow row = new CreditMapper.CategoryRuleRow(categoryId, defaultLimit, watchPct, null, false);
        db.inTransaction(tx -> {
            CreditMapper m = tx.mapper(factory, CreditMapper.class);
            if (m.updateCategoryRule(row) == 0) {
                m.insertCategoryRule(row);
            }
            return null;
        });
        LOG.info("Credit rule of category {} set by {}: default limit {}, watch {}%", categoryId, user, defaultLimit, watchPct);
        reconcile();
    }

    /** A host customer category with its credit settings; nulls where Wanglai keeps none. */
    public record CategorySettings(long categoryId, String code, String nameZh, String nameEn, Money defaultLimit,
            BigDecimal watchPercent, BigDecimal hostWatchPercent, boolean noCheck, String changedBy,
            LocalDateTime changedAt, String reason) {
    }

    private static CategorySettings settings(CreditMapper.CategorySettingRow r) {
        Money limit = r.defaultLimit() == null ? null
                : r.currency() == null ? null : Money.of(r.defaultLimit(), r.currency().trim());
        return new CategorySettings(r.categoryId(), r.code(), r.nameZh(), r.nameEn(), limit, r.watchPct(),
                r.hostWatchPct(), r.noCheck(), r.changedBy(), r.changedAt(), r.reason());
    }

    /** Every host customer category with its default limit, watch percent and "no check", ordered by code. */
    public List<CategorySettings> categorySettings() {
        try (SqlSession s = factory.openSession()) {
            return s.getMapper(CreditMapper.class).categorySettings(null).stream().map(CreditService::settings).toList();
        }
    }

    /** The latest settings changes (categories and customers' "no check"), newest first. */
    public List<CreditMapper.SettingChange> settingsHistory(int max) {
        try (SqlSession s = factory.openSession()) {
            return s.getMapper(CreditMapper.class).settingsHistory(max);
        }
    }

    /**
     * Sets the credit settings of the category with the host code {@code code}: default limit in {@code currency}
     * for its customers without a limit of their own (null = none; customers in another currency get none), watch
     * percent (1..100, null = the host's category value, else the {@code watchPercent} setting) and "no check". Every
     * changed value goes to the settings history with the user and the reason, in the same transaction.
     */
    public CategorySettings setCategorySettings(String code, BigDecimal defaultLimit, String currency,
            BigDecimal watchPct, Boolean noCheck, String reason, String user) {
        requireText(user, "user");
        List<ValidationError> errors = new ArrayList<>();
        CreditMapper.CategorySettingRow before = null;
        if (code == null || code.isBlank()) {
            errors.add(new ValidationError(0, "category", "is required"));
        } else {
            try (SqlSession s = factory.openSession()) {
                List<CreditMapper.CategorySettingRow> found = s.getMapper(CreditMapper.class).categorySettings(code.trim());
                if (found.isEmpty()) {
                    errors.add(new ValidationError(0, "category", "unknown customer category code '" + code.trim() + "'"));
                } else {
                    before = found.get(0);
                }
            }
        }
        if (defaultLimit != null && defaultLimit.signum() < 0) {
            errors.add(new ValidationError(0, "defaultLimit", "must be zero or positive"));
        }
        Currency cur = null;
        if (currency != null && !currency.isBlank()) {
            String c = currency.trim();
            try {
                cur = c.matches("[A-Z]{3}") ? Currency.getInstance(c) : null;
            } catch (IllegalArgumentException e) {
                cur = null;
            }
            if (cur == null) {
                errors.add(new ValidationError(0, "currency", "'" + c + "' is not an ISO 4217 currency code"));
            }
        } else if (defaultLimit != null && defaultLimit.signum() > 0) {
            errors.add(new ValidationError(0, "currency", "is required with a default limit"));
        }
        if (watchPct != null && (watchPct.compareTo(BigDecimal.ONE) < 0 || watchPct.compareTo(Snapshot.HUNDRED) > 0)) {
            errors.add(new ValidationError(0, "watchPercent", "must be between 1 and 100"));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new ValidationError(0, "reason", "is required"));
        } else if (reason.length() > 400) {
            errors.add(new ValidationError(0, "reason", "must be at most 400 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        CreditMapper.CategorySettingRow old = before;
        BigDecimal limit = defaultLimit == null || cur == null ? null : new Money(defaultLimit, cur).amount();
        String curCode = limit == null ? null : cur.getCurrencyCode();
        BigDecimal watch = watchPct == null ? null : watchPct.setScale(2, RoundingMode.HALF_UP);
        boolean nc = Boolean.TRUE.equals(noCheck);
        LocalDateTime at = LocalDateTime.now(clock);
        String oldLimit = old.defaultLimit() == null ? null
                : old.defaultLimit().stripTrailingZeros().toPlainString()
                        + (old.currency() == null ? "" : " " + old.currency().trim());
        String newLimit = limit == null ? null : limit.stripTrailingZeros().toPlainString() + " " + curCode;
        String oldWatch = old.watchPct() == null ? null : old.watchPct().stripTrailingZeros().toPlainString();
        String newWatch = watch == null ? null : watch.stripTrailingZeros().toPlainString();
        db.inTransaction(tx -> {
            CreditMapper m = tx.mapper(factory, CreditMapper.class);
            if (m.updateCategorySettings(old.categoryId(), limit, curCode, watch, nc, user, at, reason) == 0) {
                m.insertCategorySettings(old.categoryId(), limit, curCode, watch, nc, user, at, reason);
            }
            settingChange(m, old, "defaultLimit", oldLimit, newLimit, user, at, reason);
            settingChange(m, old, "watchPercent", oldWatch, newWatch, user, at, reason);
            settingChange(m, old, "noCheck", String.valueOf(old.noCheck()), String.valueOf(nc), user, at, reason);
            return null;
        });
        LOG.info("Credit settings of category {} set by {}: default limit {}, watch {}%, no check {}: {}", old.code(),
                user, newLimit, newWatch, nc, reason);
        applyCategory(old.categoryId(), old.hostWatchPct());
        try (SqlSession s = factory.openSession()) {
            return settings(s.getMapper(CreditMapper.class).categorySettings(old.code()).get(0));
        }
    }

    private static void settingChange(CreditMapper m, CreditMapper.CategorySettingRow category, String setting,
            String oldValue, String newValue, String user, LocalDateTime at, String reason) {
        if (!java.util.Objects.equals(oldValue, newValue)) {
            m.insertSettingChange(new CreditMapper.SettingChange("CATEGORY", category.categoryId(), category.code(),
                    setting, oldValue, newValue, user, at, reason));
        }
    }

    /** Re-reads the category rules and applies one category's to its customers in the ledger (no document SQL). */
    private void applyCategory(long categoryId, BigDecimal hostWatchPct) {
        try (SqlSession s = factory.openSession()) {
            loadCategoryRules(s.getMapper(CreditMapper.class));
        }
        CreditMapper.CategoryRuleRow rule = categoryRules.get(categoryId);
        List<CustomerCredit> affected = new ArrayList<>();
        for (CustomerCredit c : ledger().values()) {
            synchronized (c) {
                if (c.categoryId == null || c.categoryId != categoryId) {
                    continue;
                }
                boolean ruleCurrency = rule != null && (rule.currency() == null
                        || rule.currency().trim().equals(c.currency.getCurrencyCode()));
                c.categoryDefault = ruleCurrency && rule.defaultLimit() != null ? rule.defaultLimit() : BigDecimal.ZERO;
                c.categoryNoCheck = rule != null && rule.noCheck();
                c.watchPercent = rule != null && rule.watchPct() != null ? rule.watchPct()
                        : hostWatchPct != null && hostWatchPct.signum() > 0 ? hostWatchPct : defaultWatch;
                affected.add(c);
            }
        }
        syncStatuses(affected, true);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Scores

    /** Recomputes and stores the scores of one customer or (null) of all, set-based; returns how many were scored. */
    @Override
    public int recomputeScores(Optional<Long> customer) {
        return recomputeScores(customer.orElse(null));
    }

    int recomputeScores(Long customerId) {
        LocalDate asOf = today();
        LocalDate from = asOf.minusMonths(scoreWindowMonths).plusDays(1);
        LocalDate mid = asOf.minusMonths(scoreWindowMonths / 2L).plusDays(1);
        LocalDateTime at = LocalDateTime.now(clock);
        long t0 = System.nanoTime();
        Map<Long, String> grades = new HashMap<>();
        int n = db.inTransaction(tx -> {
            CreditMapper m = tx.mapper(factory, CreditMapper.class);
            List<CreditMapper.ScoreRow> batch = new ArrayList<>();
            int count = 0;
            try (SqlSession read = factory.openSession(); Cursor<CreditMapper.FactorRow> cursor = read
                    .getMapper(CreditMapper.class).scoreFactors(customerId, from, mid, asOf, asOf.minusYears(1))) {
                for (CreditMapper.FactorRow f : cursor) {
                    ScoreCalculator.Inputs in = ScoreCalculator.inputs(f, from, asOf);
                    ScoreCalculator.Result r = scores.score(in);
                    if (r == null) {
                        continue;
                    }
                    Map<ScoreCalculator.Factor, BigDecimal> cb = r.contributions();
                    batch.add(new CreditMapper.ScoreRow(f.customerId(), at, asOf, r.score(), r.grade(),
                            r.recommendedLimit(), f.currency().trim(), in.dso(), in.avgDaysLate(), in.overdueShare(),
                            in.worstDays(), in.tenureMonths(), in.trend(), in.external(),
                            cb.get(ScoreCalculator.Factor.DSO), cb.get(ScoreCalculator.Factor.LATE),
                            cb.get(ScoreCalculator.Factor.SHARE), cb.get(ScoreCalculator.Factor.WORST),
                            cb.get(ScoreCalculator.Factor.TENURE), cb.get(ScoreCalculator.Factor.TREND),
                            cb.get(ScoreCalculator.Factor.EXTERNAL)));
                    grades.put(f.customerId(), r.grade());
                    count++;
                    if (batch.size() == 200) {
                        m.insertScores(batch);
                        batch.clear();
                    }
                }
            }
            if (!batch.isEmpty()) {
                m.insertScores(batch);
            }
            return count;
        });
        for (Map.Entry<Long, String> g : grades.entrySet()) {
            CustomerCredit c = ledger().get(g.getKey());
            if (c != null) {
                synchronized (c) {
                    c.grade = g.getValue();
                }
            }
        }
        LOG.info("Credit scores recomputed: {} customers as of {} in {} ms", n, asOf, (System.nanoTime() - t0) / 1_000_000);
        return n;
    }

    @Override
    public Optional<ScoreExplanation> explain(long customerId) {
        CreditMapper.ScoreRow r = latestScore(customerId);
        if (r == null) {
            return Optional.empty();
        }
        List<ScoreExplanation.Factor> f = new ArrayList<>();
        f.add(factor("dso", r.dso(), r.cDso()));
        f.add(factor("late", r.avgDaysLate(), r.cLate()));
        f.add(factor("share", r.overdueShare(), r.cShare()));
        f.add(factor("worst", r.worstDays(), r.cWorst()));
        f.add(factor("tenure", r.tenureMonths(), r.cTenure()));
        f.add(factor("trend", r.trend(), r.cTrend()));
        f.add(factor("external", r.externalScore(), r.cExternal()));
        String cur = r.currency().trim();
        return Optional.of(new ScoreExplanation(customerId, r.asOf(), r.score(), r.grade(),
                r.recommendedLimit() == null ? null : Money.of(r.recommendedLimit(), cur), f));
    }

    private ScoreExplanation.Factor factor(String id, BigDecimal value, BigDecimal contribution) {
        return new ScoreExplanation.Factor(id, messages.text("factor." + id), value, contribution);
    }

    static final ImportSpec EXTERNAL_SPEC = new ImportSpec("credit.external-scores",
            LocalizedText.of("外部信用评分", "External credit scores"),
            List.of(ImportColumn.customer("customer", "客户编码", "Customer code", false),
                    ImportColumn.number("score", "评分", "Score", ColumnType.DECIMAL, true, BigDecimal.ZERO,
                            Snapshot.HUNDRED),
                    new ImportColumn("agency", LocalizedText.of("评级机构", "Agency"), ColumnType.TEXT, true, null, null,
                            60, false, false),
                    ImportColumn.date("date", "评分日期", "Score date", true)),
            ImportSpec.DEFAULT_MAX_ROWS);

    @Override
    public ImportSpec externalScoreSpec() {
        return EXTERNAL_SPEC;
    }

    @Override
    public int importExternalScores(ParsedImport parsed, String user) {
        requireText(user, "user");
        if (!EXTERNAL_SPEC.id().equals(parsed.spec().id())) {
            throw new ValidationException("file", "not an external credit score file (" + parsed.spec().id() + ")");
        }
        List<ValidationError> errors = new ArrayList<>(parsed.errors());
        Set<String> flagged = new java.util.HashSet<>();
        for (ValidationError e : errors) {
            flagged.add(e.row() + "/" + e.field());
        }
        Set<String> codes = new java.util.HashSet<>();
        for (ImportRow row : parsed.rows()) {
            String code = row.get("customer", String.class);
            if (code != null) {
                codes.add(code.trim());
            }
        }
        Map<String, Long> ids = codes.isEmpty() ? Map.of() : hostCustomers.idsByCodes(codes);
        LocalDate today = today();
        LocalDateTime at = LocalDateTime.now(clock);
        List<CreditMapper.ExternalScoreRow> rows = new ArrayList<>();
        for (ImportRow row : parsed.rows()) {
            String code = row.get("customer", String.class);
            BigDecimal score = row.get("score", BigDecimal.class);
            String agency = row.get("agency", String.class);
            LocalDate date = row.get("date", LocalDate.class);
            int n = row.rowNumber();
            if (code != null && !ids.containsKey(code.trim())) {
                addOnce(errors, flagged, n, "customer", "unknown customer code '" + code.trim() + "'");
            }
            if (score != null && (score.signum() < 0 || score.compareTo(Snapshot.HUNDRED) > 0)) {
                addOnce(errors, flagged, n, "score", "must be between 0 and 100, was " + score.toPlainString());
            }
            if (date != null && date.isAfter(today)) {
                addOnce(errors, flagged, n, "date", "lies in the future (" + date + ")");
            }
            if (agency != null && (agency.isBlank() || agency.trim().length() > 60)) {
                addOnce(errors, flagged, n, "agency", "must be 1 to 60 characters");
            }
            if (code != null && ids.containsKey(code.trim()) && score != null && agency != null && date != null) {
                rows.add(new CreditMapper.ExternalScoreRow(ids.get(code.trim()), score.setScale(1, RoundingMode.HALF_UP),
                        agency.trim(), date, user, at));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (rows.isEmpty()) {
            throw new ValidationException("file", "contains no rows");
        }
        db.inTransaction(tx -> {
            insertExternalScores(tx, rows);
            return null;
        });
        LOG.info("{} imported {} external credit scores", user, rows.size());
        return rows.size();
    }

    private static void addOnce(List<ValidationError> errors, Set<String> flagged, int row, String field, String message) {
        if (flagged.add(row + "/" + field)) {
            errors.add(new ValidationError(row, field, message));
        }
    }

    public CreditMapper.ScoreRow latestScore(long customerId) {
        try (SqlSession s = factory.openSession()) {
            return s.getMapper(CreditMapper.class).latestScore(customerId);
        }
    }

    SqlSessionFactory factory() {
        return factory;
    }

    HostDatabase db() {
        return db;
    }

    HostCustomers hostCustomers() {
        return hostCustomers;
    }

    Messages messages() {
        return messages;
    }

    /** The web role that may approve limit raises (setting {@code approverRole}). */
    public String approverRole() {
        return approverRole;
    }

    /** The web role that may bypass a blocked check (setting {@code bypassRole}). */
    public String bypassRole() {
        return bypassRole;
    }

    Clock clock() {
        return clock;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Web views

    /** The id of the customer with the host code {@code code}. */
    public Optional<Long> customerId(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(hostCustomers.idsByCodes(List.of(code.trim())).get(code.trim()));
    }

    /** One line of the credit monitor, from the ledger (no SQL over documents). */
    public record MonitorLine(long customerId, String code, String name, String category, CreditStatus status,
            Money exposure, Money limit, BigDecimal utilisation, String grade, int overdueDays) {
    }

    /** A page of the monitor and how many customers matched. */
    public record MonitorPage(int matched, List<MonitorLine> lines) {
    }

    /**
     * The customers of the ledger matching {@code status} (null = any) and the code prefix, highest utilisation
     * first (customers without a limit last, by exposure); at most {@code max}. Names are read for that page only.
     */
    public MonitorPage monitor(CreditStatus status, String codePrefix, int max) {
        record Line(CreditExposure e, String code, String grade) {
        }
        String prefix = codePrefix == null ? "" : codePrefix.trim().toUpperCase(Locale.ROOT);
        List<Line> all = new ArrayList<>();
        for (CustomerCredit c : ledger().values()) {
            if (!prefix.isEmpty() && !c.code.toUpperCase(Locale.ROOT).startsWith(prefix)) {
                continue;
            }
            Optional<CreditExposure> e = exposure(c.id);
            if (e.isEmpty() || status != null && e.get().status() != status) {
                continue;
            }
            all.add(new Line(e.get(), c.code, grade(c.id)));
        }
        java.util.Comparator<Line> order = java.util.Comparator.comparing(
                (Line l) -> l.e().utilisation() == null ? BigDecimal.valueOf(-1) : l.e().utilisation()).reversed()
                .thenComparing((Line l) -> l.e().total().amount(), java.util.Comparator.reverseOrder())
                .thenComparing(Line::code);
        all.sort(order);
        List<Line> page = all.subList(0, Math.min(all.size(), Math.max(1, max)));
        Map<Long, CreditMapper.MonitorRow> names = new HashMap<>();
        if (!page.isEmpty()) {
            try (SqlSession s = factory.openSession()) {
                for (CreditMapper.MonitorRow r : s.getMapper(CreditMapper.class)
                        .customerNames(page.stream().map(l -> l.e().customerId()).toList())) {
                    names.put(r.customerId(), r);
                }
            }
        }
        List<MonitorLine> lines = page.stream().map(l -> {
            CreditMapper.MonitorRow n = names.get(l.e().customerId());
            return new MonitorLine(l.e().customerId(), l.code(), n == null ? l.code() : n.name(),
                    n == null ? null : n.categoryCode(), l.e().status(), l.e().total(), l.e().limit(),
                    l.e().utilisation(), l.grade(), l.e().oldestOverdueDays());
        }).toList();
        return new MonitorPage(all.size(), lines);
    }

    /** The histories shown on the customer's credit card: latest status and limit changes, temporary increases. */
    public record CardHistory(List<CreditMapper.StatusHistoryRow> statuses, List<CreditMapper.CustomerLimitRow> limits,
            List<CreditMapper.TempLimitRow> temporary, CreditMapper.MonitorRow customer) {
    }

    public CardHistory history(long customerId, int max) {
        try (SqlSession s = factory.openSession()) {
            CreditMapper m = s.getMapper(CreditMapper.class);
            List<CreditMapper.MonitorRow> names = m.customerNames(List.of(customerId));
            return new CardHistory(m.customerStatusHistory(customerId, max), m.customerLimitHistory(customerId, max),
                    m.customerTemps(customerId, today()), names.isEmpty() ? null : names.get(0));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Alerts

    @Override
    public List<CreditAlert> openAlerts(int limit) {
        try (SqlSession s = factory.openSession()) {
            return s.getMapper(CreditMapper.class).openAlerts(Math.max(1, Math.min(limit, 1000))).stream()
                    .map(a -> new CreditAlert(a.id(), a.customerId(), a.alertType(), a.createdAt(),
                            LocalizedText.of(a.messageZh(), a.messageEn())))
                    .toList();
        }
    }

    @Override
    public void acknowledge(long alertId, String user) {
        requireText(user, "user");
        int n = db.inTransaction(tx -> tx.mapper(factory, CreditMapper.class).acknowledgeAlert(alertId, user,
                LocalDateTime.now(clock)));
        if (n != 1) {
            throw new NotFoundException("open alert", String.valueOf(alertId));
        }
    }

    /** Used by the external score import: writes all rows in the caller's transaction, in multi-row inserts. */
    void insertExternalScores(HostTransaction tx, List<CreditMapper.ExternalScoreRow> rows) {
        CreditMapper m = tx.mapper(factory, CreditMapper.class);
        for (int i = 0; i < rows.size(); i += 200) {
            m.insertExternalScores(rows.subList(i, Math.min(rows.size(), i + 200)));
        }
    }

    static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
