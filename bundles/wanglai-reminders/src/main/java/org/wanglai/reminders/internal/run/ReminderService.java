package org.wanglai.reminders.internal.run;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.ibatis.cursor.Cursor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationException;
import org.wanglai.api.credit.CreditControl;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.notify.DeliveryChannel;
import org.wanglai.api.notify.Notification;
import org.wanglai.api.reminders.ReminderTopics;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportExporter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.reminders.internal.db.RemindersMapper;
import org.wanglai.reminders.internal.db.RemindersStore;
import org.wanglai.reminders.internal.db.Rows;
import org.wanglai.reminders.internal.policy.LevelAction;
import org.wanglai.reminders.internal.policy.LevelDecider;
import org.wanglai.reminders.internal.policy.PolicyResolver;
import org.wanglai.reminders.internal.policy.ReminderLevel;
import org.wanglai.reminders.internal.policy.ReminderPolicy;

/**
 * Reminder runs: proposal (set-based selection of open items, levels decided per item) → review (exclusions with
 * reason) → approval (each (item, level) reserved once, for ever) → sending through an outbox of deliveries that is
 * committed after every message, so that a resumed run sends only what is left.
 */
@Component(service = ReminderService.class, configurationPid = Settings.PID)
@Designate(ocd = Settings.class)
public final class ReminderService {
    private static final Logger LOG = LoggerFactory.getLogger(ReminderService.class);
    static final String LOCK = "reminders";
    private static final int BATCH = 500;
    /** Lock lease; renewed before every delivery, so a killed container blocks the others for this long at most. */
    static final int LEASE_MINUTES = 2;

    private final RemindersStore store;
    private final Settings settings;
    private final String instance;
    private volatile boolean closed;
    /**
     * Held while this container sends. The database lock is owned by the container's instance name, so it does not
     * keep a second thread of the same container (the minute's resume next to a send from the web page or the
     * shell) from sending the same outbox at the same time.
     */
    private final ReentrantLock sending = new ReentrantLock();

    /** Delivery channels with their service ranking; the highest-ranked channel of an id delivers. */
    private final Map<DeliveryChannel, Integer> channels = new java.util.concurrent.ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addChannel(DeliveryChannel c, Map<String, Object> props) {
        Object r = props.get(org.osgi.framework.Constants.SERVICE_RANKING);
        channels.put(c, r instanceof Integer ? (Integer) r : 0);
    }

    void removeChannel(DeliveryChannel c) {
        channels.remove(c);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CreditControl credit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile HostCustomers customers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin events;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ReportExporter exporter;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(wanglai.report=reminders.statement)")
    volatile Report statementReport;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(wanglai.report=reminders.letter)")
    volatile Report letterReport;

    @Activate
    public ReminderService(@Reference RemindersStore store, Settings settings) {
        this.store = store;
        this.settings = settings;
        if (settings.maxAttempts() < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + settings.maxAttempts());
        }
        if (settings.retryMinutes() < 0) {
            throw new IllegalArgumentException("retryMinutes must be >= 0, was " + settings.retryMinutes());
        }
        for (String r : settings.digestRecipients()) {
            Recipients.check(r, "digestRecipients");
        }
        Recipients.check(settings.fallbackRecipient(), "fallbackRecipient");
        this.instance = settings.instanceName().isBlank() ? hostName() + ":" + UUID.randomUUID().toString().substring(0, 8)
                : settings.instanceName();
    }

    @Deactivate
    void deactivate() {
        closed = true;
    }

    public String instance() {
        return instance;
    }

    public Settings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ proposal

    /** Outcome of a proposal. */
    public record Proposal(long runId, int customers, int items, long disputedSkipped, int customersBelowMinimum,
            Map<String, BigDecimal> amountByCurrency) {
    }

    public Proposal propose(LocalDate asOf, String user, String note) {
        requireUser(user);
        Map<Long, ReminderPolicy> policies = loadPolicies();
        PolicyResolver resolver = resolver(policies);
        int minDays = policies.values().stream().mapToInt(ReminderPolicy::earliestDays).min().orElse(Integer.MAX_VALUE);
        boolean current = RemindersStore.isCurrent(asOf);
        Proposal p = store.tx(m -> {
            Rows.Run run = new Rows.Run();
            run.asOf = asOf;
            run.status = "PROPOSED";
            run.createdBy = user;
            run.createdAt = LocalDateTime.now();
            run.note = note;
            m.insertRun(run);
            ProposalBuilder b = new ProposalBuilder(m, run.id, asOf, policies, resolver);
            if (minDays != Integer.MAX_VALUE) {
                try (Cursor<Rows.Candidate> c = m.candidates(asOf, minDays, current)) {
                    for (Rows.Candidate cand : c) {
                        b.add(cand);
                    }
                }
                b.finish();
            }
            long disputed = m.disputedOpenItems(asOf, current);
            return new Proposal(run.id, b.customers, b.items, disputed, b.belowMinimum, b.amounts);
        });
        LOG.info("Reminder run {} proposed as of {} by {}: {} customers, {} items ({} disputed items skipped)",
                p.runId(), asOf, user, p.customers(), p.items(), p.disputedSkipped());
        post(ReminderTopics.RUN_PROPOSED, Map.of(ReminderTopics.PROP_RUN_ID, p.runId()));
        return p;
    }

    /** Groups the candidate stream (ordered by customer) and writes the proposed items in batches. */
    private static final class ProposalBuilder {
        final RemindersMapper m;
        final long runId;
        final LocalDate asOf;
        final Map<Long, ReminderPolicy> policies;
        final PolicyResolver resolver;
        final List<Rows.RunItem> customer = new ArrayList<>();
        final List<Rows.RunItem> batch = new ArrayList<>();
        final Map<String, BigDecimal> amounts = new TreeMap<>();
        long currentCustomer = -1;
        ReminderPolicy currentPolicy;
        int customers;
        int items;
        int belowMinimum;

        ProposalBuilder(RemindersMapper m, long runId, LocalDate asOf, Map<Long, ReminderPolicy> policies,
                PolicyResolver resolver) {
            this.m = m;
            this.runId = runId;
            this.asOf = asOf;
            this.policies = policies;
            this.resolver = resolver;
        }

        void add(Rows.Candidate c) {
            if (c.customerId != currentCustomer) {
                flushCustomer();
                currentCustomer = c.customerId;
                currentPolicy = resolver.policyOf(c.customerId, c.categoryId).map(policies::get).orElse(null);
            }
            if (currentPolicy == null) {
                return;
            }
            Optional<ReminderLevel> level = LevelDecider.next(currentPolicy, c.dueDate, c.graceDays, asOf, c.lastLevel,
                    c.lastSent);
            if (level.isEmpty()) {
                return;
            }
            long days = ChronoUnit.DAYS.between(c.dueDate, asOf);
            Rows.RunItem it = new Rows.RunItem();
            it.runId = runId;
            it.customerId = c.customerId;
            it.invoiceId = c.invoiceId;
            it.scheduleId = c.scheduleId;
            it.docNo = c.docNo;
            it.invoiceDate = c.invoiceDate;
            it.dueDate = c.dueDate;
            it.daysOverdue = (int) days;
            it.currency = c.currency;
            it.openAmount = c.openAmount;
            it.interest = LevelDecider.interest(c.openAmount, level.get().interestRate(), days,
                    c.openAmount.scale());
            it.policyId = currentPolicy.id();
            it.levelNo = level.get().levelNo();
            it.status = "PROPOSED";
            customer.add(it);
        }

        void flushCustomer() {
            if (customer.isEmpty()) {
                return;
            }
            Map<String, BigDecimal> open = new HashMap<>();
            for (Rows.RunItem it : customer) {
                open.merge(it.currency, it.openAmount, BigDecimal::add);
            }
            boolean enough = open.values().stream().anyMatch(a -> a.compareTo(currentPolicy.minOpenAmount()) >= 0);
            if (enough) {
                customers++;
                items += customer.size();
                for (Rows.RunItem it : customer) {
                    amounts.merge(it.currency, it.openAmount, BigDecimal::add);
                }
                batch.addAll(customer);
                if (batch.size() >= BATCH) {
                    m.insertItems(batch);
                    batch.clear();
                }
            } else {
                belowMinimum++;
            }
            customer.clear();
        }

        void finish() {
            flushCustomer();
            if (!batch.isEmpty()) {
                m.insertItems(batch);
                batch.clear();
            }
        }
    }

    // ------------------------------------------------------------------ review

    /** Excludes a customer (docNo null) or one document of a proposed run, with a reason. */
    public int exclude(long runId, String customerCode, String docNo, String reason, String user) {
        requireUser(user);
        if (reason == null || reason.isBlank()) {
            throw new ValidationException("reason", "an exclusion needs a reason");
        }
        return store.tx(m -> {
            Rows.Run run = requireRun(m, runId);
            if (!"PROPOSED".equals(run.status)) {
                throw new ValidationException("runId", "run " + runId + " is " + run.status + ", only a proposal can be reviewed");
            }
            int n;
            if (docNo != null) {
                n = m.excludeItem(runId, docNo, reason, user);
                if (n == 0) {
                    throw new ValidationException("docNo", "document " + docNo + " is not proposed in run " + runId);
                }
            } else {
                Rows.CustomerRef c = m.customerByCode(customerCode);
                if (c == null) {
                    throw new ValidationException("customer", "unknown customer " + customerCode);
                }
                n = m.excludeCustomer(runId, c.id, reason, user);
                if (n == 0) {
                    throw new ValidationException("customer", "customer " + customerCode + " has no proposed item in run " + runId);
                }
            }
            LOG.info("Run {}: {} item(s) excluded by {} ({}{}): {}", runId, n, user,
                    customerCode == null ? "" : "customer " + customerCode, docNo == null ? "" : "document " + docNo, reason);
            return n;
        });
    }

    public int cancel(long runId, String user) {
        requireUser(user);
        return store.tx(m -> {
            int n = m.updateRunStatus(runId, "PROPOSED", "CANCELLED");
            if (n == 0) {
                throw new ValidationException("runId", "only a proposed run can be cancelled; run " + runId + " is "
                        + requireRun(m, runId).status);
            }
            return n;
        });
    }

    // ------------------------------------------------------------------ approval

    public record Approval(long runId, int reserved, int alreadyReminded, int deliveries, int actions) {
    }

    public Approval approve(long runId, String user) {
        requireUser(user);
        Approval a = store.tx(m -> {
            Rows.Run run = m.findRunForUpdate(runId);
            if (run == null) {
                throw new NotFoundException("reminder run", String.valueOf(runId));
            }
            if (!"PROPOSED".equals(run.status)) {
                throw new ValidationException("runId", "run " + runId + " is " + run.status + ", not PROPOSED");
            }
            LocalDate today = LocalDate.now();
            long t = System.nanoTime();
            m.reserve(runId, today.isBefore(run.asOf) ? run.asOf : today);
            int reserved = m.markReserved(runId);
            int dup = m.excludeUnreserved(runId);
            long tReserve = System.nanoTime();
            int deliveries = m.insertLetterDeliveries(runId, settings.fallbackRecipient());
            if (reserved > 0) {
                deliveries += m.insertDigestDeliveries(runId);
                for (String r : settings.digestRecipients()) {
                    Rows.Delivery d = new Rows.Delivery();
                    d.runId = runId;
                    d.kind = "DIGEST";
                    d.channel = r.startsWith("mail:") ? "email" : "inapp";
                    d.recipient = r;
                    d.language = "zh";
                    m.insertDelivery(d);
                    deliveries++;
                }
            }
            long tOutbox = System.nanoTime();
            int actions = m.insertActions(runId);
            m.approveRun(runId, user, LocalDateTime.now());
            LOG.debug("Run {} approval: reservations {} ms, outbox {} ms, actions {} ms", runId,
                    (tReserve - t) / 1_000_000, (tOutbox - tReserve) / 1_000_000, (System.nanoTime() - tOutbox) / 1_000_000);
            return new Approval(runId, reserved, dup, deliveries, actions);
        });
        LOG.info("Reminder run {} approved by {}: {} items reserved, {} already reminded, {} deliveries, {} actions",
                runId, user, a.reserved(), a.alreadyReminded(), a.deliveries(), a.actions());
        post(ReminderTopics.RUN_APPROVED, Map.of(ReminderTopics.PROP_RUN_ID, runId));
        return a;
    }

    // ------------------------------------------------------------------ sending

    public record SendResult(long runId, int sent, int failed, int uncertain, long stillOpen, boolean finished,
            int actionsDone) {
    }

    /**
     * Sends what is left of an approved (or interrupted) run. Holds the cluster lock while sending; a second
     * container, or a second call here, is refused while the first one sends.
     */
    public SendResult send(long runId) {
        if (!sending.tryLock()) {
            throw new IllegalStateException("this container is already sending reminders; send run " + runId
                    + " again when that has finished");
        }
        try {
            LocalDateTime now = LocalDateTime.now();
            if (!lock(now)) {
                throw new IllegalStateException("another container is sending reminders (lock '" + LOCK + "')");
            }
            try {
                return sendLocked(runId);
            } finally {
                store.tx(m -> m.unlock(LOCK, instance));
            }
        } finally {
            sending.unlock();
        }
    }

    /** Resumes every run left in SENDING (e.g. after the container was killed) and retries failed deliveries. */
    public List<SendResult> resumeAll() {
        LocalDateTime now = LocalDateTime.now();
        List<Long> runs = store.tx(m -> {
            List<Long> ids = new ArrayList<>(m.runsToResume());
            for (Long r : m.runsWithRetries(now, settings.maxAttempts())) {
                if (!ids.contains(r)) {
                    ids.add(r);
                }
            }
            return ids;
        });
        List<SendResult> out = new ArrayList<>();
        if (runs.isEmpty() || !sending.tryLock()) {
            return out; // nothing to do, or this container is sending: the next round resumes what is left
        }
        try {
            if (!lock(now)) {
                return out;
            }
            try {
                for (long r : runs) {
                    if (closed) {
                        break;
                    }
                    out.add(sendLocked(r));
                }
            } finally {
                store.tx(m -> m.unlock(LOCK, instance));
            }
        } finally {
            sending.unlock();
        }
        return out;
    }

    boolean lock(LocalDateTime now) {
        return store.tx(m -> m.tryLock(LOCK, instance, now, now.plusMinutes(LEASE_MINUTES))) == 1;
    }

    private SendResult sendLocked(long runId) {
        Rows.Run run = store.tx(m -> {
            Rows.Run r = requireRun(m, runId);
            if ("APPROVED".equals(r.status)) {
                m.updateRunStatus(runId, "APPROVED", "SENDING");
                r.status = "SENDING";
            }
            return r;
        });
        if (!"SENDING".equals(run.status) && !"SENT".equals(run.status)) {
            throw new ValidationException("runId", "run " + runId + " is " + run.status + "; approve it first");
        }
        List<Rows.Delivery> todo = store.tx(m -> m.deliveriesToSend(runId, LocalDateTime.now(), settings.maxAttempts()));
        int sent = 0;
        int failed = 0;
        int uncertain = 0;
        for (Rows.Delivery d : todo) {
            if (closed) {
                LOG.warn("Reminder run {} interrupted (component stopping); resume sends the rest", runId);
                break;
            }
            if (!lock(LocalDateTime.now())) {
                throw new IllegalStateException("lost the reminders lock while sending run " + runId);
            }
            switch (deliver(run, d)) {
                case "SENT":
                    sent++;
                    break;
                case "UNCERTAIN":
                    uncertain++;
                    break;
                default:
                    failed++;
            }
        }
        int actions = closed ? 0 : runActions(runId);
        long open = store.tx(m -> m.openDeliveries(runId, settings.maxAttempts()));
        boolean finished = false;
        if (open == 0 && !closed) {
            finished = store.tx(m -> m.finishRun(runId, LocalDateTime.now())) == 1;
            if (finished) {
                post(ReminderTopics.RUN_SENT, Map.of(ReminderTopics.PROP_RUN_ID, runId));
            }
        }
        LOG.info("Reminder run {}: {} sent, {} failed, {} uncertain, {} still open", runId, sent, failed, uncertain, open);
        return new SendResult(runId, sent, failed, uncertain, open, finished, actions);
    }

    /** One delivery: SENDING committed before the channel is called, the outcome committed right after. */
    private String deliver(Rows.Run run, Rows.Delivery d) {
        DeliveryChannel channel = channel(d.channel);
        String key = "wl-rem-" + d.id;
        if (channel == null) {
            failDelivery(d, "channel '" + d.channel + "' is not available", "FAILED");
            return "FAILED";
        }
        Notification n;
        try {
            n = compose(run, d, key);
        } catch (RuntimeException e) {
            LOG.error("Reminder run {}: cannot compose delivery {} to {}", run.id, d.id, d.recipient, e);
            failDelivery(d, "compose: " + e.getMessage(), "FAILED");
            return "FAILED";
        }
        store.tx(m -> m.markSending(d.id));
        try {
            channel.deliver(n);
        } catch (UncertainDeliveryException e) {
            failDelivery(d, e.getMessage(), "UNCERTAIN");
            return "UNCERTAIN";
        } catch (Exception e) {
            LOG.warn("Reminder run {}: delivery {} via {} to {} failed: {}", run.id, d.id, d.channel, d.recipient,
                    e.toString());
            failDelivery(d, e.toString(), "FAILED");
            return "FAILED";
        }
        store.tx(m -> {
            m.markSent(d.id, LocalDateTime.now());
            if ("LETTER".equals(d.kind) && d.customerId != null) {
                m.markItemsSent(d.runId, d.customerId, LocalDate.now());
            }
            return null;
        });
        return "SENT";
    }

    private void failDelivery(Rows.Delivery d, String error, String status) {
        String msg = error.length() > 480 ? error.substring(0, 480) : error;
        int attempts = d.attempts + 1;
        LocalDateTime next = LocalDateTime.now().plusMinutes((long) settings.retryMinutes() * attempts);
        store.tx(m -> m.markFailed(d.id, msg, next, status));
        post(ReminderTopics.DELIVERY_FAILED, Map.of(ReminderTopics.PROP_RUN_ID, d.runId,
                ReminderTopics.PROP_DELIVERY_ID, d.id, ReminderTopics.PROP_CHANNEL, d.channel,
                ReminderTopics.PROP_ERROR, msg));
    }

    private DeliveryChannel channel(String id) {
        DeliveryChannel best = null;
        int bestRank = Integer.MIN_VALUE;
        for (Map.Entry<DeliveryChannel, Integer> e : channels.entrySet()) {
            if (id.equals(e.getKey().id()) && e.getValue() >= bestRank) {
                best = e.getKey();
                bestRank = e.getValue();
            }
        }
        return best;
    }

    private Notification compose(Rows.Run run, Rows.Delivery d, String key) {
        if ("LETTER".equals(d.kind)) {
            Rows.CustomerRef customer = store.tx(m -> m.customer(d.customerId));
            List<Rows.RunItem> items = store.tx(m -> m.runItems(run.id, d.customerId)).stream()
                    .filter(i -> !"EXCLUDED".equals(i.status)).toList();
            Letters.Letter letter = Letters.letter(settings, run.asOf, customer, items);
            List<Notification.Attachment> attachments = new ArrayList<>();
            Locale locale = Locale.forLanguageTag(d.language);
            attachment(letterReport, Map.of("run", run.id, "customer", customer.code), locale,
                    "reminder-" + customer.code + "-" + run.asOf + ".xlsx").ifPresent(attachments::add);
            attachment(statementReport, Map.of("customer", customer.code, "from", run.asOf.minusYears(1), "to",
                    run.asOf), locale, "statement-" + customer.code + "-" + run.asOf + ".xlsx").ifPresent(attachments::add);
            return new Notification(key, d.recipient, letter.subject(), letter.body(), attachments);
        }
        List<Rows.RunCustomer> customers = store.tx(m -> d.ownerLogin != null ? m.digestCustomers(run.id, d.ownerLogin)
                : m.runCustomers(run.id));
        Letters.Letter digest = Letters.digest(run, customers);
        return new Notification(key, d.recipient, digest.subject(), digest.body(), List.of());
    }

    /** One of this bundle's reports as .xlsx, when the platform's exporter is present. */
    private Optional<Notification.Attachment> attachment(Report report, Map<String, Object> params, Locale locale,
            String fileName) {
        ReportExporter x = exporter;
        if (x == null || report == null) {
            return Optional.empty();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            x.export(report, new ReportQuery(params, locale, "reminders"), out);
            return Optional.of(new Notification.Attachment(fileName, ReportExporter.CONTENT_TYPE, out.toByteArray()));
        } catch (Exception e) {
            LOG.warn("{} not attached: {}", fileName, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Carries out the pending level actions of a run; a credit stop waits while the credit capability is absent, a
     * term switch while no host customer service is present or when it fails (e.g. an unknown term code).
     */
    private int runActions(long runId) {
        List<Rows.Action> actions = store.tx(m -> m.pendingActions(runId));
        int done = 0;
        for (Rows.Action a : actions) {
            LevelAction action = LevelAction.parse(a.action, "action");
            String note;
            if (action == LevelAction.CREDIT_STOP) {
                CreditControl cc = credit;
                if (cc == null) {
                    continue;
                }
                try {
                    cc.setStop(a.customerId, true, "reminder level " + a.levelNo + " (run " + runId + ")", "reminders");
                } catch (RuntimeException e) {
                    LOG.warn("Credit stop of customer {} (run {}) failed: {}", a.customerId, runId, e.toString());
                    continue;
                }
                note = "credit stop set";
            } else if (action == LevelAction.SWITCH_TERM) {
                HostCustomers hc = customers;
                if (hc == null) {
                    continue;
                }
                try {
                    switchTerm(hc, a, runId);
                } catch (RuntimeException e) {
                    LOG.warn("Payment term switch of customer {} to {} (run {}) failed: {}", a.customerId,
                            a.switchTermCode, runId, e.toString());
                    continue;
                }
                note = null;
            } else {
                note = "handed over to collection";
            }
            Map<String, Object> props = new HashMap<>();
            props.put(ReminderTopics.PROP_RUN_ID, runId);
            props.put(ReminderTopics.PROP_CUSTOMER_ID, a.customerId);
            props.put(ReminderTopics.PROP_ACTION, action.name());
            props.put(ReminderTopics.PROP_LEVEL, a.levelNo);
            if (a.switchTermCode != null) {
                props.put(ReminderTopics.PROP_PAYMENT_TERM_CODE, a.switchTermCode);
            }
            post(ReminderTopics.LEVEL_ACTION, props);
            if (note != null) {
                store.tx(m -> m.markActionDone(a.id, LocalDateTime.now(), note));
            }
            done++;
        }
        return done;
    }

    /**
     * Sets the customer's default payment term to the level's term and marks the action done with "old -> new" in
     * one transaction, so the switch happens exactly once; a customer already on that term is left as it is. Only
     * invoices created afterwards use the new term.
     */
    private void switchTerm(HostCustomers hc, Rows.Action a, long runId) {
        String target = a.switchTermCode.trim();
        Long currentId = hc.find(a.customerId)
                .orElseThrow(() -> new NotFoundException("customer", String.valueOf(a.customerId))).paymentTermId();
        store.hostTx((tx, m) -> {
            String current = null;
            for (Rows.TermRow t : m.paymentTerms()) {
                if (currentId != null && t.id == currentId) {
                    current = t.code.trim();
                }
            }
            String note;
            if (target.equals(current)) {
                note = "payment term already " + target;
            } else {
                hc.updatePaymentTerm(tx, a.customerId, target);
                note = "payment term " + (current == null ? "none" : current) + " -> " + target;
            }
            m.markActionDone(a.id, LocalDateTime.now(), note);
            LOG.info("Reminder run {}: customer {} {}", runId, a.customerId, note);
            return null;
        });
    }

    // ------------------------------------------------------------------ reading

    public Rows.Run run(long runId) {
        return store.tx(m -> requireRun(m, runId));
    }

    public List<Rows.RunCustomer> runCustomers(long runId) {
        return store.tx(m -> {
            requireRun(m, runId);
            return m.runCustomers(runId);
        });
    }

    public List<Rows.RunItem> runItems(long runId, String customerCode) {
        return store.tx(m -> {
            requireRun(m, runId);
            Long id = null;
            if (customerCode != null) {
                Rows.CustomerRef c = m.customerByCode(customerCode);
                if (c == null) {
                    throw new ValidationException("customer", "unknown customer " + customerCode);
                }
                id = c.id;
            }
            return m.runItems(runId, id);
        });
    }

    public List<Rows.Delivery> deliveries(Long runId, String status) {
        return store.tx(m -> m.deliveries(runId, status));
    }

    public Map<Long, ReminderPolicy> loadPolicies() {
        return store.tx(m -> {
            Map<Long, List<ReminderLevel>> levels = new HashMap<>();
            for (Rows.LevelRow l : m.levels()) {
                levels.computeIfAbsent(l.policyId, k -> new ArrayList<>()).add(new ReminderLevel(l.levelNo,
                        l.daysAfterDue, l.minDaysBetween, l.fee, l.interestRate, LevelAction.parse(l.action,
                                "policy " + l.policyId + " level " + l.levelNo + " action"), l.switchTermCode));
            }
            Map<Long, ReminderPolicy> out = new LinkedHashMap<>();
            for (Rows.PolicyRow p : m.policies()) {
                out.put(p.id, new ReminderPolicy(p.id, p.code, p.nameZh, p.nameEn, p.minOpenAmount,
                        levels.getOrDefault(p.id, List.of())));
            }
            return out;
        });
    }

    public PolicyResolver resolver(Map<Long, ReminderPolicy> policies) {
        return store.tx(m -> {
            Map<Long, Long> byCustomer = new HashMap<>();
            Map<Long, Long> byCategory = new HashMap<>();
            for (Rows.Assignment a : m.assignments()) {
                if (a.customerId != null) {
                    byCustomer.put(a.customerId, a.policyId);
                } else if (a.categoryId != null) {
                    byCategory.put(a.categoryId, a.policyId);
                }
            }
            Map<Long, Long> parents = new HashMap<>();
            for (Rows.IdPair p : m.categoryParents()) {
                if (p.parentId != null) {
                    parents.put(p.id, p.parentId);
                }
            }
            Long def = settings.defaultPolicy().isBlank() ? null : m.policyIdByCode(settings.defaultPolicy());
            if (def == null && !settings.defaultPolicy().isBlank()) {
                LOG.warn("defaultPolicy '{}' does not exist; customers without an assignment get no reminders",
                        settings.defaultPolicy());
            }
            return new PolicyResolver(byCustomer, byCategory, parents, def);
        });
    }

    private static Rows.Run requireRun(RemindersMapper m, long runId) {
        Rows.Run r = m.findRun(runId);
        if (r == null) {
            throw new NotFoundException("reminder run", String.valueOf(runId));
        }
        return r;
    }

    private static void requireUser(String user) {
        if (user == null || user.isBlank()) {
            throw new ValidationException("user", "the acting user is required");
        }
    }

    private void post(String topic, Map<String, ?> props) {
        EventAdmin ea = events;
        if (ea != null) {
            ea.postEvent(new Event(topic, props));
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "host";
        }
    }
}
