package org.wanglai.classification.internal;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.CustomerCategory;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.ValidationException;
import org.wanglai.api.classification.Classification;
import org.wanglai.api.classification.ClassificationTopics;
import org.wanglai.api.classification.CustomerExplanation;
import org.wanglai.api.classification.Dimension;
import org.wanglai.api.classification.HistoryEntry;
import org.wanglai.api.classification.RunCancelledException;
import org.wanglai.api.classification.RunListener;
import org.wanglai.api.classification.RunOutcome;
import org.wanglai.api.classification.RunPreview;
import org.wanglai.api.classification.RunProgress;
import org.wanglai.api.classification.RunRequest;
import org.wanglai.api.classification.StalePreviewException;
import org.wanglai.api.credit.CreditControl;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.classification.internal.Computation.Change;
import org.wanglai.classification.internal.Computation.ClsLock;
import org.wanglai.classification.internal.db.ClsMapper;
import org.wanglai.classification.internal.db.ClsMapper.DimensionRow;
import org.wanglai.classification.internal.method.Computed;
import org.wanglai.classification.internal.method.KMeans;
import org.wanglai.classification.internal.method.Lifecycle;
import org.wanglai.classification.internal.method.Params;
import org.wanglai.classification.internal.method.Rfm;
import org.wanglai.classification.internal.method.Rules;
import org.wanglai.classification.internal.method.Weighted;
import org.wanglai.classification.internal.metrics.CustomerMetrics;

/**
 * Runs classifications: computes every dimension over the metrics of all customers (population methods need
 * everyone), compares with the current values and locks, and previews or applies the changes in one transaction.
 * One run at a time; event-triggered re-classifications of single customers are gathered for a few seconds and run
 * together; an optional daily schedule runs everything.
 */
@Component(service = { Classification.class, ClassificationEngine.class }, configurationPid = ClassificationEngine.PID)
@Designate(ocd = ClassificationEngine.Config.class)
public final class ClassificationEngine implements Classification {
    public static final String PID = "org.wanglai.classification";
    private static final Logger LOG = LoggerFactory.getLogger(ClassificationEngine.class);
    private static final int CHUNK = 500;
    private static final int EXAMPLES = 5;
    private static final int FITTED_CAPACITY = 8;
    private static final Set<String> RULE_METHODS = Set.of("RULES", "CATEGORY");
    private static final List<String> ASSIGNMENT_COLUMNS = List.of("customer_id", "dimension_id", "value_code");
    private static final List<String> STORED_COLUMNS = List.of("customer_id", "dimension_id", "value_code", "detail",
            "score", "reason");

    @ObjectClassDefinition(name = "Wanglai customer classification",
            description = "Runs of the customer classification: window, schedule and event-driven re-classification.")
    public @interface Config {
        @AttributeDefinition(name = "Window (months)", description = "Trailing months the metrics cover (1-120)")
        int windowMonths() default 12;

        @AttributeDefinition(name = "Daily run at", description = "HH:mm local time for a full run every day; empty = no schedule")
        String dailyRunAt() default "";

        @AttributeDefinition(name = "Re-classify on host events", description = "Re-classify the customer of a posted invoice, receipt or completed order")
        boolean reclassifyOnEvents() default true;

        @AttributeDefinition(name = "Customer card cache (seconds)", description = "How long the population statistics behind a customer's explanation (RFM quintiles, score ranks, k-means centres) are reused; they are also dropped on host events, applied runs and settings changes; 0 = never reuse")
        long fittedCacheSeconds() default 600;

        @AttributeDefinition(name = "Event delay (ms)", description = "Events are gathered this long, then their customers are re-classified together")
        long eventDelayMs() default 2_000;
    }

    private final ClsStore store;
    private final HostCustomers customers;
    private final Config config;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final ScheduledExecutorService executor;
    private final Set<Long> pending = new LinkedHashSet<>();
    private final FittedCache fitted;
    private volatile RunProgress progress;
    private ScheduledFuture<?> pendingFlush;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile CreditControl credit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin events;

    @Activate
    public ClassificationEngine(@Reference ClsStore store, @Reference HostCustomers customers, Config config) {
        if (config.windowMonths() < 1 || config.windowMonths() > 120) {
            throw new IllegalArgumentException("Setting 'windowMonths' of " + PID + " must be between 1 and 120, was "
                    + config.windowMonths());
        }
        if (config.fittedCacheSeconds() < 0) {
            throw new IllegalArgumentException("Setting 'fittedCacheSeconds' of " + PID + " must not be negative, was "
                    + config.fittedCacheSeconds());
        }
        LocalTime daily = parseDaily(config.dailyRunAt());
        this.store = store;
        this.customers = customers;
        this.config = config;
        this.fitted = new FittedCache(FITTED_CAPACITY, config.fittedCacheSeconds() * 1000);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wanglai-classification");
            t.setDaemon(true);
            return t;
        });
        if (daily != null) {
            LocalDateTime now = LocalDateTime.now();
            LocalDateTime next = now.toLocalDate().atTime(daily);
            if (!next.isAfter(now)) {
                next = next.plusDays(1);
            }
            executor.scheduleAtFixedRate(this::scheduledRun, Duration.between(now, next).toMillis(),
                    TimeUnit.DAYS.toMillis(1), TimeUnit.MILLISECONDS);
        }
    }

    private static LocalTime parseDaily(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Setting 'dailyRunAt' of " + PID + " must be HH:mm, was '" + text + "'");
        }
    }

    @Deactivate
    void deactivate() {
        cancelRequested.set(true);
        executor.shutdownNow();
    }

    public int windowMonths() {
        return config.windowMonths();
    }

    private void scheduledRun() {
        try {
            RunOutcome o = apply(new RunRequest(LocalDate.now(), config.windowMonths(), List.of(), Set.of(), "system",
                    "SCHEDULE"), RunListener.NONE);
            LOG.info("Scheduled classification run {}: {} changes", o.runId(), o.changes());
        } catch (RuntimeException e) {
            LOG.error("Scheduled classification run failed: {}", e.getMessage(), e);
        }
    }

    /** Queues a customer for re-classification after the event delay. */
    public void enqueue(long customerId) {
        // The customer's data moved, and with it the population statistics.
        invalidateFitted();
        if (!config.reclassifyOnEvents()) {
            return;
        }
        synchronized (pending) {
            pending.add(customerId);
            if (pendingFlush == null || pendingFlush.isDone()) {
                pendingFlush = executor.schedule(this::flushPending, config.eventDelayMs(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void flushPending() {
        Set<Long> ids;
        synchronized (pending) {
            ids = new LinkedHashSet<>(pending);
            pending.clear();
        }
        if (ids.isEmpty()) {
            return;
        }
        try {
            RunOutcome o = apply(new RunRequest(LocalDate.now(), config.windowMonths(), List.of(), ids, "system",
                    "EVENT"), RunListener.NONE);
            LOG.info("Re-classified {} customer(s) after host events: run {}, {} changes", ids.size(), o.runId(), o.changes());
        } catch (RuntimeException e) {
            LOG.error("Event-driven re-classification of customers {} failed: {}", ids, e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Map<Long, String> valuesOf(String dimension) {
        Map<Long, String> out = new HashMap<>();
        store.read(m -> m.assignmentsOf(dimension)).forEach(a -> out.put(a.customerId(), a.valueCode()));
        return out;
    }

    @Override
    public Optional<String> valueOf(long customerId, String dimension) {
        return store.read(m -> m.assignmentsOfCustomer(customerId)).stream()
                .filter(a -> a.dimensionId().equals(dimension)).map(ClsMapper.AssignmentRow::valueCode).findFirst();
    }

    @Override
    public List<Dimension> dimensions() {
        return catalog().toApi();
    }

    public List<ClsMapper.RunRow> runs(int limit) {
        return store.read(m -> m.runs(limit));
    }

    public Catalog catalog() {
        return store.read(Catalog::load);
    }

    @Override
    public List<HistoryEntry> history(long customerId) {
        return store.read(m -> m.history(customerId)).stream()
                .map(h -> new HistoryEntry(h.id(), h.customerId(), h.dimensionId(), h.oldValue(), h.newValue(),
                        h.reason(), h.runId(), h.changedBy(), h.changedAt()))
                .toList();
    }

    @Override
    public Optional<RunProgress> progress() {
        return Optional.ofNullable(progress);
    }

    @Override
    public boolean cancel() {
        if (progress == null) {
            return false;
        }
        cancelRequested.set(true);
        return true;
    }

    // ---------------------------------------------------------------- compute

    Computation compute(RunRequest req, Function<String, Void> unused, Checkpoint cp) {
        Catalog catalog = catalog();
        List<String> wanted = wanted(catalog, req.dimensions());
        long generation = fitted.generation();
        cp.at("METRICS", 0, 1);
        List<CustomerMetrics> metrics = store.metrics(req.asOf(), req.windowMonths(), null);
        cp.at("METRICS", 1, 1);
        Map<Long, Map<String, String>> current = new HashMap<>(Math.max(16, metrics.size() * 2));
        store.select("assignments", new HashMap<>(), ASSIGNMENT_COLUMNS, (rs, at) -> current
                .computeIfAbsent(ClsStore.longOrNull(rs, at[0]), k -> new HashMap<>()).put(rs.getString(at[1]), rs.getString(at[2])));
        for (CustomerMetrics m : metrics) {
            if (m.row().category() != null) {
                // The host's category column is the truth for the category dimension.
                current.computeIfAbsent(m.customerId(), k -> new HashMap<>()).put("category", m.row().category());
            }
        }
        Map<Long, Map<String, ClsLock>> locks = new HashMap<>();
        store.read(ClsMapper::locks).forEach(l -> locks.computeIfAbsent(l.customerId(), k -> new HashMap<>())
                .put(l.dimensionId(), new ClsLock(l.valueCode(), l.reason(), l.lockedBy())));
        List<String> order = order(catalog, wanted);
        Map<String, Map<Long, Computed>> scored = new HashMap<>();
        Fitted fit = fit(catalog, order, metrics, scored);
        if (req.dimensions().isEmpty()) {
            // Every enabled dimension was fitted: a customer card for the same date and window can reuse it.
            fitted.put(fittedKey(req.asOf(), req.windowMonths(), catalog), fit, generation);
        }
        Map<String, Map<Long, Computed>> computed = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        evaluate(catalog, order, fit, scored, metrics, current, req.windowMonths(), computed, skipped, cp);
        return new Computation(catalog, metrics, wanted, computed, current, locks, fit.clusters(), skipped);
    }

    /** The requested dimensions (empty = every enabled one), in catalog order. */
    private static List<String> wanted(Catalog catalog, List<String> requested) {
        List<String> wanted = new ArrayList<>();
        for (DimensionRow d : catalog.dimensions()) {
            boolean asked = requested.isEmpty() ? Boolean.TRUE.equals(d.enabled()) : requested.contains(d.id());
            if (asked) {
                wanted.add(d.id());
            }
        }
        for (String d : requested) {
            catalog.require(d);
        }
        return wanted;
    }

    /** Methods over the whole population first, then the rule lists in their order (rules may read them). */
    private static List<String> order(Catalog catalog, List<String> wanted) {
        List<String> order = new ArrayList<>(wanted);
        order.sort(Comparator.comparing((String d) -> RULE_METHODS.contains(catalog.require(d).method()))
                .thenComparing(d -> catalog.require(d).seq()));
        return order;
    }

    /** Fits the population methods (RFM, weighted score, k-means) of {@code order} on all customers' metrics. */
    static Fitted fit(Catalog catalog, List<String> order, List<CustomerMetrics> population) {
        return fit(catalog, order, population, null);
    }

    /**
     * With {@code values} not null, also puts there the values of the population's own customers for the RFM and
     * weighted-score dimensions, scored from the sorts the fit made (what the models would give them one by one).
     */
    private static Fitted fit(Catalog catalog, List<String> order, List<CustomerMetrics> population,
            Map<String, Map<Long, Computed>> values) {
        Map<String, Rfm.Model> rfm = new HashMap<>();
        Map<String, Weighted.Model> weighted = new HashMap<>();
        Map<String, KMeans.Model> kmeans = new HashMap<>();
        List<KMeans.Profile> clusters = List.of();
        for (String dim : order) {
            Params p = catalog.params(dim);
            switch (catalog.require(dim).method()) {
                case "RFM" -> {
                    if (values == null) {
                        rfm.put(dim, Rfm.fit(population, p));
                    } else {
                        Rfm.Fit f = Rfm.fitAndClassify(population, p);
                        rfm.put(dim, f.model());
                        values.put(dim, f.values());
                    }
                }
                case "WEIGHTED" -> {
                    if (values == null) {
                        weighted.put(dim, Weighted.fit(population, p));
                    } else {
                        Weighted.Fit f = Weighted.fitAndClassify(population, p);
                        weighted.put(dim, f.model());
                        values.put(dim, f.values());
                    }
                }
                case "KMEANS" -> {
                    KMeans.Model k = KMeans.fit(population, p);
                    clusters = k.profiles();
                    kmeans.put(dim, k);
                }
                default -> {
                }
            }
        }
        return new Fitted(rfm, weighted, kmeans, clusters);
    }

    /**
     * The settings the fitted models depend on: every dimension's method, enabled flag and parameters. A change of
     * any of them gives a new version, so a cached fit of older settings is never used.
     */
    static String settingsVersion(Catalog catalog) {
        StringBuilder b = new StringBuilder();
        for (DimensionRow d : catalog.dimensions()) {
            b.append(d.id()).append('\u0001').append(d.method()).append('\u0001').append(d.enabled()).append('\u0001')
                    .append(d.params()).append('\n');
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FittedCache.Key fittedKey(LocalDate asOf, int windowMonths, Catalog catalog) {
        return new FittedCache.Key(asOf, windowMonths, settingsVersion(catalog));
    }

    /** Forgets the fitted population models: host data changed (events) or a run was applied. */
    public void invalidateFitted() {
        fitted.invalidate();
    }

    /** How many fitted population models are cached (for tests and diagnostics). */
    int fittedCached() {
        return fitted.size();
    }

    /**
     * Computes the value of every dimension of {@code order} for each customer of {@code metrics} with the fitted
     * population models; {@code metrics} is all customers for a run and one customer for an explanation.
     */
    private void evaluate(Catalog catalog, List<String> order, Fitted fit, Map<String, Map<Long, Computed>> scored,
            List<CustomerMetrics> metrics,
            Map<Long, Map<String, String>> current, int windowMonths, Map<String, Map<Long, Computed>> computed,
            Map<String, String> skipped, Checkpoint cp) {
        int i = 0;
        for (String dim : order) {
            cp.at("CLASSIFY", i++, order.size());
            DimensionRow d = catalog.require(dim);
            Params p = catalog.params(dim);
            switch (d.method()) {
                case "ATTRIBUTE" -> {
                    String attr = p.text("attribute", dim);
                    if (CustomerMetrics.VOCABULARY.get(attr) == null) {
                        throw new ValidationException(dim + ".attribute", "unknown attribute '" + attr + "'");
                    }
                    int at = CustomerMetrics.indexOf(attr);
                    Map<Long, Computed> out = new HashMap<>();
                    for (CustomerMetrics m : metrics) {
                        Object v = m.get(at);
                        if (v != null && !v.toString().isBlank()) {
                            out.put(m.customerId(), Computed.of(v.toString().trim(), "host attribute " + attr));
                        }
                    }
                    computed.put(dim, out);
                }
                case "CREDIT" -> {
                    CreditControl cc = credit;
                    if (cc == null) {
                        skipped.put(dim, "the credit capability is not installed");
                    } else {
                        Map<Long, Computed> out = new HashMap<>();
                        cc.currentGrades().forEach((id, g) -> out.put(id, Computed.of(g, "credit grade from credit control")));
                        computed.put(dim, out);
                    }
                }
                case "LIFECYCLE" -> computed.put(dim, Lifecycle.classify(metrics, p, windowMonths));
                case "RFM" -> computed.put(dim, scored.containsKey(dim) ? scored.get(dim)
                        : each(metrics, fit.rfm().get(dim)::evaluate));
                case "WEIGHTED" -> computed.put(dim, scored.containsKey(dim) ? scored.get(dim)
                        : each(metrics, fit.weighted().get(dim)::evaluate));
                case "KMEANS" -> computed.put(dim, each(metrics, fit.kmeans().get(dim)::evaluate));
                case "RULES", "CATEGORY" -> {
                    List<ClsMapper.RuleRow> rows = catalog.rules(dim);
                    String fallback = p.text("default", null);
                    if (rows.isEmpty() && fallback == null) {
                        skipped.put(dim, "no rules");
                        break;
                    }
                    Set<String> allowed = "CATEGORY".equals(d.method()) ? leafCodes() : catalog.valueCodes(dim);
                    Rules rules = Rules.compile(dim, Catalog.toRules(rows),
                            Rules.vocabulary(catalog.dimensions().stream().map(DimensionRow::id).toList()), fallback, allowed);
                    Map<Long, Computed> out = new HashMap<>();
                    for (CustomerMetrics m : metrics) {
                        long id = m.customerId();
                        Computed c = rules.evaluate(name -> lookup(name, CustomerMetrics.indexOf(name), id, m, computed, current));
                        if (c != null) {
                            out.put(id, c);
                        }
                    }
                    computed.put(dim, out);
                }
                default -> throw new ValidationException(dim + ".method", "unknown method " + d.method());
            }
        }
        cp.at("CLASSIFY", order.size(), order.size());
    }

    private static Map<Long, Computed> each(List<CustomerMetrics> metrics, Function<CustomerMetrics, Computed> f) {
        Map<Long, Computed> out = new HashMap<>();
        for (CustomerMetrics m : metrics) {
            Computed c = f.apply(m);
            if (c != null) {
                out.put(m.customerId(), c);
            }
        }
        return out;
    }

    private static Object lookup(String name, int metric, long id, CustomerMetrics m,
            Map<String, Map<Long, Computed>> computed, Map<Long, Map<String, String>> current) {
        if (metric >= 0) {
            return m.get(metric);
        }
        Map<Long, Computed> dim = computed.get(name);
        if (dim != null) {
            Computed c = dim.get(id);
            return c == null ? null : c.value();
        }
        Map<String, String> cur = current.get(id);
        return cur == null ? null : cur.get(name);
    }

    private Set<String> leafCodes() {
        List<CustomerCategory> all = customers.categories();
        Set<Long> parents = new HashSet<>();
        all.forEach(c -> {
            if (c.parentId() != null) {
                parents.add(c.parentId());
            }
        });
        Set<String> leaves = new LinkedHashSet<>();
        all.stream().filter(c -> !parents.contains(c.id())).forEach(c -> leaves.add(c.code()));
        return leaves;
    }

    static List<Change> changes(Computation c, Set<Long> scope, long[] lockedSkipped) {
        List<Change> out = new ArrayList<>();
        for (CustomerMetrics m : c.metrics()) {
            long id = m.customerId();
            if (!scope.isEmpty() && !scope.contains(id)) {
                continue;
            }
            Map<String, String> cur = c.current().getOrDefault(id, Map.of());
            Map<String, ClsLock> locks = c.locks().getOrDefault(id, Map.of());
            for (String dim : c.dimensions()) {
                Map<Long, Computed> values = c.computed().get(dim);
                Computed v = values == null ? null : values.get(id);
                if (v == null) {
                    continue;
                }
                String old = cur.get(dim);
                if (v.value().equals(old)) {
                    continue;
                }
                if (locks.containsKey(dim)) {
                    lockedSkipped[0]++;
                    continue;
                }
                out.add(new Change(id, m.code(), dim, old, v.value(), v));
            }
        }
        return out;
    }

    static List<RunOutcome.Transition> transitions(List<Change> changes) {
        Map<List<String>, long[]> counts = new LinkedHashMap<>();
        Map<List<String>, List<String>> examples = new HashMap<>();
        for (Change ch : changes) {
            List<String> key = java.util.Arrays.asList(ch.dimension(), ch.from(), ch.to());
            counts.computeIfAbsent(key, k -> new long[1])[0]++;
            List<String> ex = examples.computeIfAbsent(key, k -> new ArrayList<>());
            if (ex.size() < EXAMPLES) {
                ex.add(ch.code());
            }
        }
        List<RunOutcome.Transition> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(new RunOutcome.Transition(k.get(0), k.get(1), k.get(2), n[0], examples.get(k))));
        out.sort(Comparator.comparing(RunOutcome.Transition::dimension)
                .thenComparing(Comparator.comparingLong(RunOutcome.Transition::customers).reversed()));
        return out;
    }

    // ---------------------------------------------------------------- runs

    /** Progress reporting and cancellation between steps. */
    @FunctionalInterface
    interface Checkpoint {
        void at(String phase, long done, long total);
    }

    private Checkpoint checkpoint(RunRequest req, boolean apply, RunListener listener) {
        Instant started = Instant.now();
        return (phase, done, total) -> {
            if (cancelRequested.get()) {
                throw new RunCancelledException("the run was cancelled in phase " + phase + "; nothing was written");
            }
            progress = new RunProgress(req.user(), req.trigger(), apply, started, phase, done, total);
            listener.progress(phase, done, total);
        };
    }

    private <T> T exclusive(RunRequest req, java.util.function.Supplier<T> work) {
        boolean locked;
        try {
            locked = running.tryLock("EVENT".equals(req.trigger()) || "SCHEDULE".equals(req.trigger()) ? 600 : 2,
                    TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException("interrupted while waiting for the run in progress");
        }
        if (!locked) {
            RunProgress p = progress;
            throw new IllegalStateException("Another classification run is in progress"
                    + (p == null ? "" : " (" + p.trigger() + " by " + p.user() + ", " + p.phase() + " " + p.done() + "/" + p.total() + ")"));
        }
        cancelRequested.set(false);
        try {
            return work.get();
        } finally {
            progress = null;
            cancelRequested.set(false);
            running.unlock();
        }
    }

    @Override
    public RunOutcome preview(RunRequest req, RunListener listener) {
        return previewWithFingerprint(req, listener).outcome();
    }

    @Override
    public RunPreview previewWithFingerprint(RunRequest req, RunListener listener) {
        return exclusive(req, () -> {
            long t0 = System.nanoTime();
            Checkpoint cp = checkpoint(req, false, listener == null ? RunListener.NONE : listener);
            Computation c = compute(req, null, cp);
            long[] locked = new long[1];
            List<Change> changes = changes(c, req.customerIds(), locked);
            return new RunPreview(new RunOutcome(0, false, req.asOf(), ClsStore.window(req.asOf(), req.windowMonths()).from(),
                    scopeSize(c, req), changes.size(), locked[0], transitions(changes), millis(t0)), fingerprint(changes));
        });
    }

    /**
     * SHA-256 over the sorted (customer, dimension, from, to) of every change: equal fingerprints mean the same
     * customers move the same way.
     */
    static String fingerprint(List<Change> changes) {
        List<String> keys = new ArrayList<>(changes.size());
        for (Change ch : changes) {
            keys.add(ch.customerId() + "\u0001" + ch.dimension() + "\u0001" + ch.from() + "\u0001" + ch.to());
        }
        java.util.Collections.sort(keys);
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (String k : keys) {
                md.update(k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The k-means profiles and skipped dimensions of a fresh computation, for the shell and the pages. */
    public Computation inspect(LocalDate asOf, int windowMonths) {
        RunRequest req = new RunRequest(asOf, windowMonths, List.of(), Set.of(), "system", "INSPECT");
        return exclusive(req, () -> compute(req, null, checkpoint(req, false, RunListener.NONE)));
    }

    /** The k-means cluster profiles (centre values) of a fresh computation, so a person can name each cluster. */
    public List<KMeans.Profile> clusterProfiles(LocalDate asOf) {
        return inspect(asOf, config.windowMonths()).clusters();
    }

    private static long scopeSize(Computation c, RunRequest req) {
        return req.customerIds().isEmpty() ? c.metrics().size()
                : c.metrics().stream().filter(m -> req.customerIds().contains(m.customerId())).count();
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public RunOutcome apply(RunRequest req, RunListener listener) {
        return apply(req, listener, null);
    }

    @Override
    public RunOutcome applyPreviewed(RunRequest req, RunListener listener, String fingerprint) {
        if (fingerprint == null || !fingerprint.matches("[0-9a-f]{64}")) {
            throw new ValidationException("fingerprint", "expected the 64 hex digits of a preview's fingerprint, was '"
                    + fingerprint + "'");
        }
        return apply(req, listener, fingerprint);
    }

    /**
     * Applies a run; with {@code expectedFingerprint} (from {@link #previewWithFingerprint}) only when it would make
     * exactly the previewed changes.
     *
     * @throws StalePreviewException when the changes differ from the previewed ones
     */
    private RunOutcome apply(RunRequest req, RunListener listener, String expectedFingerprint) {
        RunOutcome outcome = exclusive(req, () -> {
            long t0 = System.nanoTime();
            Checkpoint cp = checkpoint(req, true, listener == null ? RunListener.NONE : listener);
            Computation c = compute(req, null, cp);
            long[] locked = new long[1];
            List<Change> changes = changes(c, req.customerIds(), locked);
            if (expectedFingerprint != null && !expectedFingerprint.equals(fingerprint(changes))) {
                throw new StalePreviewException(changes.size());
            }
            Map<String, Long> categoryIds = new HashMap<>();
            if (changes.stream().anyMatch(ch -> "CATEGORY".equals(c.catalog().require(ch.dimension()).method()))) {
                customers.categories().forEach(cat -> categoryIds.put(cat.code(), cat.id()));
            }
            long runId = store.write(tx -> {
                ClsMapper m = store.mapper(tx);
                LocalDateTime now = LocalDateTime.now();
                ClsMapper.NewRun run = new ClsMapper.NewRun();
                run.runTrigger = req.trigger();
                run.runUser = req.user();
                run.startedAt = now;
                run.asOf = req.asOf();
                run.windowMonths = req.windowMonths();
                m.insertRun(run);
                long id = run.id;
                // The rows as they are, read once in this transaction; only rows that differ are written.
                // Kept per dimension, so that the loop below looks a row up by customer only.
                Map<String, Map<Long, ClsMapper.StoredAssignment>> stored = new HashMap<>();
                store.select(tx.connection(), "storedAssignments", new HashMap<>(), STORED_COLUMNS, (rs, at) -> {
                    ClsMapper.StoredAssignment a = new ClsMapper.StoredAssignment(ClsStore.longOrNull(rs, at[0]),
                            rs.getString(at[1]), rs.getString(at[2]), rs.getString(at[3]), rs.getBigDecimal(at[4]),
                            rs.getString(at[5]));
                    stored.computeIfAbsent(a.dimensionId(), k -> new HashMap<>(Math.max(16, c.metrics().size() * 2)))
                            .put(a.customerId(), a);
                });
                List<ClsMapper.NewAssignment> inserts = new ArrayList<>();
                List<ClsMapper.NewAssignment> updates = new ArrayList<>();
                for (Map.Entry<String, Map<Long, Computed>> e : c.computed().entrySet()) {
                    String dim = e.getKey();
                    Map<Long, ClsMapper.StoredAssignment> storedOfDim = stored.getOrDefault(dim, Map.of());
                    for (Map.Entry<Long, Computed> v : e.getValue().entrySet()) {
                        Long cid = v.getKey();
                        if (!req.customerIds().isEmpty() && !req.customerIds().contains(cid)) {
                            continue;
                        }
                        if (!c.locks().isEmpty() && c.locks().getOrDefault(cid, Map.of()).containsKey(dim)) {
                            continue;
                        }
                        Computed val = v.getValue();
                        ClsMapper.NewAssignment row = new ClsMapper.NewAssignment(cid, dim, val.value(), val.detail(),
                                val.score(), truncate(val.reason(), 400), id, now);
                        ClsMapper.StoredAssignment old = storedOfDim.get(cid);
                        if (old == null) {
                            inserts.add(row);
                        } else if (!same(old, row)) {
                            updates.add(row);
                        }
                    }
                }
                List<ClsMapper.NewHistory> history = new ArrayList<>();
                for (Change ch : changes) {
                    history.add(new ClsMapper.NewHistory(id, ch.customerId(), ch.dimension(), ch.from(), ch.to(),
                            truncate(ch.computed().reason(), 400), req.user(), now));
                }
                long total = inserts.size() + updates.size() + history.size();
                long[] done = { 0 };
                cp.at("WRITE", 0, total);
                // JDBC batches on the transaction's own connection: same transaction, a round trip per chunk.
                SqlSession batch = store.factory().openSession(ExecutorType.BATCH, tx.connection());
                ClsMapper b = batch.getMapper(ClsMapper.class);
                writeBatched(batch, updates, b::updateAssignment, done, total, cp);
                writeBatched(batch, inserts, b::insertAssignment, done, total, cp);
                writeBatched(batch, history, b::insertHistoryRow, done, total, cp);
                for (Change ch : changes) {
                    if ("CATEGORY".equals(c.catalog().require(ch.dimension()).method())) {
                        Long catId = categoryIds.get(ch.to());
                        if (catId == null) {
                            throw new NotFoundException("category", ch.to());
                        }
                        customers.updateCategory(tx, ch.customerId(), catId);
                    }
                }
                LOG.debug("Run {}: {} assignment rows inserted, {} updated, {} history rows", id, inserts.size(),
                        updates.size(), history.size());
                m.finishRun(id, LocalDateTime.now(), scopeSize(c, req), changes.size(), locked[0]);
                cp.at("COMMIT", total, total);
                return id;
            });
            RunOutcome o = new RunOutcome(runId, true, req.asOf(), ClsStore.window(req.asOf(), req.windowMonths()).from(),
                    scopeSize(c, req), changes.size(), locked[0], transitions(changes), millis(t0));
            invalidateFitted();
            publish(o, req, changes);
            return o;
        });
        return outcome;
    }

    /** Whether a stored row already says what the run computed (score compared at the column's scale). */
    static boolean same(ClsMapper.StoredAssignment old, ClsMapper.NewAssignment row) {
        return java.util.Objects.equals(old.valueCode(), row.valueCode())
                && java.util.Objects.equals(old.detail(), row.detail())
                && java.util.Objects.equals(old.reason(), row.reason())
                && (old.score() == null ? row.score() == null
                        : row.score() != null && old.score().compareTo(row.score().setScale(4, RoundingMode.HALF_UP)) == 0);
    }

    /** Executes {@code rows} through a BATCH session, flushing (and checking for cancel) every {@value #CHUNK} rows. */
    private static <R> void writeBatched(SqlSession batch, List<R> rows, java.util.function.Consumer<R> statement,
            long[] done, long total, Checkpoint cp) {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            int to = Math.min(rows.size(), from + CHUNK);
            rows.subList(from, to).forEach(statement);
            batch.flushStatements();
            done[0] += to - from;
            cp.at("WRITE", done[0], total);
        }
    }

    private void publish(RunOutcome o, RunRequest req, List<Change> changes) {
        EventAdmin ea = events;
        if (ea == null) {
            return;
        }
        Map<String, Object> p = new HashMap<>();
        p.put("runId", o.runId());
        p.put("changes", o.changes());
        p.put("trigger", req.trigger());
        p.put("user", req.user());
        ea.postEvent(new Event(ClassificationTopics.RUN_APPLIED, p));
        Map<Long, List<String>> byCustomer = new LinkedHashMap<>();
        changes.forEach(ch -> byCustomer.computeIfAbsent(ch.customerId(), k -> new ArrayList<>()).add(ch.dimension()));
        if (byCustomer.size() <= 100) {
            byCustomer.forEach((cid, dims) -> {
                Map<String, Object> q = new HashMap<>();
                q.put("customerId", cid);
                q.put("runId", o.runId());
                q.put("dimensions", dims.toArray(new String[0]));
                ea.postEvent(new Event(ClassificationTopics.CUSTOMER_RECLASSIFIED, q));
            });
        }
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    // ---------------------------------------------------------------- explain, locks

    /**
     * One customer's explanation without a full run: the population models come from the cache (fitted once per
     * as-of date, window and settings version), the customer's metrics from the metrics statement restricted to
     * that customer. Gives the values a full run gives the customer.
     */
    @Override
    public CustomerExplanation explain(long customerId, LocalDate asOf) {
        LocalDate day = asOf == null ? LocalDate.now() : asOf;
        int window = config.windowMonths();
        Catalog catalog = catalog();
        List<String> order = order(catalog, wanted(catalog, List.of()));
        List<CustomerMetrics> one = store.metrics(day, window, customerId);
        if (one.isEmpty()) {
            throw new NotFoundException("customer", String.valueOf(customerId));
        }
        CustomerMetrics m = one.get(0);
        Fitted fit = fitted.get(fittedKey(day, window, catalog),
                () -> fit(catalog, order, store.metrics(day, window, null)));
        Map<String, String> cur = new HashMap<>();
        store.read(x -> x.assignmentsOfCustomer(customerId)).forEach(a -> cur.put(a.dimensionId(), a.valueCode()));
        if (m.row().category() != null) {
            cur.put("category", m.row().category());
        }
        Map<String, ClsLock> locks = new HashMap<>();
        store.read(x -> x.locksOfCustomer(customerId)).forEach(l -> locks.put(l.dimensionId(),
                new ClsLock(l.valueCode(), l.reason(), l.lockedBy())));
        Map<String, Map<Long, Computed>> computed = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        evaluate(catalog, order, fit, Map.of(), one, Map.of(customerId, cur), window, computed, skipped, (ph, d, t) -> {
        });
        Map<String, Object> metrics = new LinkedHashMap<>(m.values());
        metrics.values().removeIf(java.util.Objects::isNull);
        List<CustomerExplanation.Explained> dims = new ArrayList<>();
        for (DimensionRow d : catalog.dimensions()) {
            Map<Long, Computed> values = computed.get(d.id());
            Computed v = values == null ? null : values.get(customerId);
            String reason = v != null ? v.reason() : skipped.getOrDefault(d.id(), Boolean.TRUE.equals(d.enabled()) ? "no value" : "dimension disabled");
            ClsLock lock = locks.get(d.id());
            dims.add(new CustomerExplanation.Explained(d.id(), cur.get(d.id()), v == null ? null : v.value(), reason,
                    lock != null, lock == null ? null : lock.reason() + " (" + lock.user() + ")"));
        }
        return new CustomerExplanation(customerId, m.code(), m.name(), day, ClsStore.window(day, window).from(),
                metrics, dims);
    }

    @Override
    public void lock(long customerId, String dimension, String value, String reason, String user) {
        if (reason == null || reason.isBlank()) {
            throw new ValidationException("reason", "a lock needs a reason");
        }
        Catalog catalog = catalog();
        DimensionRow d = catalog.require(dimension);
        boolean category = "CATEGORY".equals(d.method());
        Set<String> allowed = category ? leafCodes() : catalog.valueCodes(dimension);
        if (value == null || value.isBlank() || !allowed.isEmpty() && !allowed.contains(value)) {
            throw new ValidationException("value", "'" + value + "' is not a value of " + dimension
                    + (category ? " (customers attach to leaf categories only)" : ""));
        }
        Long categoryId = category ? customers.categories().stream().filter(c -> c.code().equals(value))
                .findFirst().map(CustomerCategory::id).orElseThrow() : null;
        String who = user == null || user.isBlank() ? "system" : user;
        store.write(tx -> {
            ClsMapper m = store.mapper(tx);
            LocalDateTime now = LocalDateTime.now();
            String old = m.assignmentsOfCustomer(customerId).stream().filter(a -> a.dimensionId().equals(dimension))
                    .map(ClsMapper.AssignmentRow::valueCode).findFirst().orElse(null);
            ClsMapper.NewRun run = new ClsMapper.NewRun();
            run.runTrigger = "LOCK";
            run.runUser = who;
            run.startedAt = now;
            run.asOf = now.toLocalDate();
            run.windowMonths = config.windowMonths();
            m.insertRun(run);
            m.deleteLock(customerId, dimension);
            m.insertLock(new ClsMapper.LockRow(customerId, dimension, value, truncate(reason, 400), who, now));
            m.deleteAssignments(dimension, List.of(customerId));
            String why = truncate("manual lock: " + reason, 400);
            m.insertAssignments(List.of(new ClsMapper.NewAssignment(customerId, dimension, value, null, null, why, run.id, now)));
            m.insertHistory(List.of(new ClsMapper.NewHistory(run.id, customerId, dimension, old, value, why, who, now)));
            if (categoryId != null) {
                customers.updateCategory(tx, customerId, categoryId);
            }
            m.finishRun(run.id, now, 1, 1, 0);
            return null;
        });
    }

    /** One checked row of an assignment import: a dimension value (the category dimension for categories). */
    public record ImportedValue(long customerId, String dimension, String value, Long categoryId, boolean lock) {
    }

    /**
     * Writes imported values like manual changes, in one transaction and one run (trigger IMPORT): per dimension one
     * batch of assignments and history rows (reason {@code reason}, user {@code user}); locks where asked; the host
     * category for category rows. Rows whose value is already assigned (and locked when asked) are skipped.
     *
     * @return the number of values changed
     */
    public int importValues(List<ImportedValue> rows, String user, String reason) {
        String who = user == null || user.isBlank() ? "system" : user;
        String why = truncate(reason, 400);
        return store.write(tx -> {
            ClsMapper m = store.mapper(tx);
            LocalDateTime now = LocalDateTime.now();
            Map<String, Map<Long, String>> current = new HashMap<>();
            Set<String> locked = new HashSet<>();
            m.locks().forEach(l -> locked.add(l.customerId() + "/" + l.dimensionId() + "/" + l.valueCode()));
            Map<String, List<ImportedValue>> changed = new LinkedHashMap<>();
            for (ImportedValue v : rows) {
                Map<Long, String> cur = current.computeIfAbsent(v.dimension(), d -> {
                    Map<Long, String> out = new HashMap<>();
                    (v.categoryId() != null ? m.hostCategories(d) : m.assignmentsOf(d))
                            .forEach(a -> out.put(a.customerId(), a.valueCode()));
                    return out;
                });
                boolean same = v.value().equals(cur.get(v.customerId()));
                if (same && (!v.lock() || locked.contains(v.customerId() + "/" + v.dimension() + "/" + v.value()))) {
                    continue;
                }
                changed.computeIfAbsent(v.dimension(), d -> new ArrayList<>()).add(v);
            }
            if (changed.isEmpty()) {
                return 0;
            }
            ClsMapper.NewRun run = new ClsMapper.NewRun();
            run.runTrigger = "IMPORT";
            run.runUser = who;
            run.startedAt = now;
            run.asOf = now.toLocalDate();
            run.windowMonths = config.windowMonths();
            m.insertRun(run);
            int n = 0;
            for (Map.Entry<String, List<ImportedValue>> e : changed.entrySet()) {
                String dim = e.getKey();
                List<ImportedValue> vs = e.getValue();
                Map<Long, String> cur = current.get(dim);
                List<ClsMapper.NewAssignment> assignments = new ArrayList<>();
                List<ClsMapper.NewHistory> history = new ArrayList<>();
                for (ImportedValue v : vs) {
                    assignments.add(new ClsMapper.NewAssignment(v.customerId(), dim, v.value(), null, null, why, run.id, now));
                    if (!v.value().equals(cur.get(v.customerId()))) {
                        history.add(new ClsMapper.NewHistory(run.id, v.customerId(), dim, cur.get(v.customerId()),
                                v.value(), why, who, now));
                    }
                    if (v.lock()) {
                        m.deleteLock(v.customerId(), dim);
                        m.insertLock(new ClsMapper.LockRow(v.customerId(), dim, v.value(), why, who, now));
                    }
                    if (v.categoryId() != null) {
                        customers.updateCategory(tx, v.customerId(), v.categoryId());
                    }
                }
                m.deleteAssignments(dim, vs.stream().map(ImportedValue::customerId).toList());
                m.insertAssignments(assignments);
                if (!history.isEmpty()) {
                    m.insertHistory(history);
                }
                n += vs.size();
            }
            m.finishRun(run.id, now, n, n, 0);
            return n;
        });
    }

    @Override
    public void unlock(long customerId, String dimension, String user) {
        String who = user == null || user.isBlank() ? "system" : user;
        store.write(tx -> {
            ClsMapper m = store.mapper(tx);
            if (m.deleteLock(customerId, dimension) == 0) {
                throw new NotFoundException("lock", customerId + "/" + dimension);
            }
            String cur = m.assignmentsOfCustomer(customerId).stream().filter(a -> a.dimensionId().equals(dimension))
                    .map(ClsMapper.AssignmentRow::valueCode).findFirst().orElse(null);
            LocalDateTime now = LocalDateTime.now();
            ClsMapper.NewRun run = new ClsMapper.NewRun();
            run.runTrigger = "UNLOCK";
            run.runUser = who;
            run.startedAt = now;
            run.asOf = now.toLocalDate();
            run.windowMonths = config.windowMonths();
            m.insertRun(run);
            m.insertHistory(List.of(new ClsMapper.NewHistory(run.id, customerId, dimension, cur, cur,
                    "lock removed; the next run decides", who, now)));
            m.finishRun(run.id, now, 1, 0, 0);
            return null;
        });
    }
}
