package org.wanglai.costing.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
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
import org.wanglai.api.ValidationException;
import org.wanglai.api.costing.AllocationRule;
import org.wanglai.api.costing.AllocationRun;
import org.wanglai.api.costing.CostAnalysis;
import org.wanglai.api.costing.CubeMetadata;
import org.wanglai.api.costing.CubeQuery;
import org.wanglai.api.costing.CubeResult;
import org.wanglai.api.costing.CubeRow;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.reminders.ReminderStatistics;

/**
 * The costing capability: owns the MyBatis factory and the plug-in tables, runs allocations and answers cube
 * queries. The reminders capability (REMINDERS driver) and EventAdmin are optional and may come and go.
 */
@Component(service = { CostAnalysis.class, CostingService.class }, configurationPid = CostingService.PID)
@Designate(ocd = CostingService.Config.class)
public final class CostingService implements CostAnalysis {

    public static final String PID = "org.wanglai.costing";
    private static final Logger LOG = LoggerFactory.getLogger(CostingService.class);

    @ObjectClassDefinition(name = "Wanglai cost analysis",
            description = "Customer cost-to-serve allocation and profitability cube (客户成本分析)")
    public @interface Config {
        @AttributeDefinition(name = "Currency", description = "ISO 4217 code all analysed documents and cost entries must be in")
        String currency() default "CNY";

        @AttributeDefinition(name = "Financing rate (% per year)",
                description = "Annual rate for the financing cost of slow payment (open balance × rate × days / 365); 0 disables it")
        String financingAnnualRatePercent() default "3.45";

        @AttributeDefinition(name = "Financing cost from",
                description = "due: balances count from the day after the due date (slow payment); invoice: from the day after the invoice date")
        String financingBasis() default "due";

        @AttributeDefinition(name = "Widen empty scopes",
                description = "When a cost entry's channel/region has no activity of its driver in the month, spread it over the driver's activity in its channel, then company-wide (recorded on the run); off: the run fails")
        boolean widenEmptyScope() default true;

        @AttributeDefinition(name = "Maximum cube rows", description = "Largest number of rows a cube query returns (10-100000)")
        int maxCubeRows() default 10_000;
    }

    private final HostDatabase db;
    private final SqlSessionFactory factory;
    private final String currency;
    private final CubeEngine cube;
    private final AllocationRunner runner;
    private final CostEntryImports imports;
    private final ReentrantLock allocating = new ReentrantLock();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ReminderStatistics reminders;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin events;

    @Activate
    public CostingService(@Reference HostDatabase db, Config config) {
        this.db = db;
        this.currency = parseCurrency(config.currency());
        BigDecimal rate = parseRate(config.financingAnnualRatePercent());
        String basis = config.financingBasis() == null ? "" : config.financingBasis().trim();
        if (!basis.equals("due") && !basis.equals("invoice")) {
            throw new IllegalArgumentException("Setting 'financingBasis' of " + PID + " must be 'due' or 'invoice', was '" + basis + "'");
        }
        if (config.maxCubeRows() < 10 || config.maxCubeRows() > 100_000) {
            throw new IllegalArgumentException("Setting 'maxCubeRows' of " + PID + " must be between 10 and 100000, was " + config.maxCubeRows());
        }
        db.migrate(CostingService.class.getClassLoader(), "db/costing-changelog.xml");
        this.factory = db.sessionFactory(CostMapper.class, CubeMapper.class, CostImportMapper.class);
        this.cube = new CubeEngine(factory, db.relations(), config.maxCubeRows());
        this.runner = new AllocationRunner(db, factory, currency, rate, basis.equals("invoice"),
                config.widenEmptyScope(), Clock.systemDefaultZone());
        this.imports = new CostEntryImports(db, factory, currency, Clock.systemDefaultZone());
    }

    private static String parseCurrency(String code) {
        try {
            return Currency.getInstance(code == null ? "" : code.trim()).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Setting 'currency' of " + PID + " is not an ISO 4217 code: '" + code + "'");
        }
    }

    private static BigDecimal parseRate(String percent) {
        try {
            BigDecimal r = new BigDecimal(percent == null ? "" : percent.trim());
            if (r.signum() < 0 || r.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new NumberFormatException();
            }
            return r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting 'financingAnnualRatePercent' of " + PID
                    + " must be a number from 0 to 100, was '" + percent + "'");
        }
    }

    /** Cost entries imported from files, which allocation reads with the host's ledger. */
    public CostEntryImports imports() {
        return imports;
    }

    /** The one currency of every amount this capability reports. */
    public String currencyCode() {
        return currency;
    }

    @Override
    public AllocationRun allocate(YearMonth month, String user) {
        if (month == null) {
            throw new ValidationException("month", "is required");
        }
        String who = user == null || user.isBlank() ? "system" : user;
        allocating.lock();
        try {
            AllocationRun run = runner.run(month, who, reminders);
            LOG.info("Cost allocation {} by {}: {} allocated, {} financing, {} fact rows in {} ms", month, who,
                    run.allocated(), run.financingCost(), run.factRows(), run.durationMillis());
            Map<String, Object> p = new HashMap<>();
            p.put("month", month.toString());
            p.put("runId", run.id());
            p.put("user", who);
            p.put("allocated", run.allocated().amount().toPlainString());
            p.put("financing", run.financingCost().amount().toPlainString());
            p.put("revenue", run.revenue().amount().toPlainString());
            p.put("currency", currency);
            post(CostingTopics.ALLOCATION_COMPLETED, p);
            return run;
        } catch (RuntimeException e) {
            LOG.warn("Cost allocation {} by {} failed: {}", month, who, e.getMessage());
            Map<String, Object> p = new HashMap<>();
            p.put("month", month.toString());
            p.put("user", who);
            p.put("currency", currency);
            p.put("message", String.valueOf(e.getMessage()));
            post(CostingTopics.ALLOCATION_FAILED, p);
            throw e;
        } finally {
            allocating.unlock();
        }
    }

    private void post(String topic, Map<String, Object> props) {
        EventAdmin ea = events;
        if (ea != null) {
            ea.postEvent(new Event(topic, props));
        }
    }

    @Override
    public List<AllocationRun> runs(YearMonth from, YearMonth to) {
        try (SqlSession s = factory.openSession()) {
            CostMapper m = s.getMapper(CostMapper.class);
            List<CostMapper.RunRow> rows = m.runs(from == null ? null : from.atDay(1), to == null ? null : to.atDay(1));
            Map<Long, List<CostMapper.RunPoolRow>> pools = new HashMap<>();
            List<Long> ids = rows.stream().map(CostMapper.RunRow::id).toList();
            for (int i = 0; i < ids.size(); i += 500) {
                for (CostMapper.RunPoolRow p : m.runPools(ids.subList(i, Math.min(ids.size(), i + 500)))) {
                    pools.computeIfAbsent(p.runId(), k -> new ArrayList<>()).add(p);
                }
            }
            List<AllocationRun> out = new ArrayList<>();
            for (CostMapper.RunRow r : rows) {
                out.add(AllocationRunner.toRun(r, pools.getOrDefault(r.id(), List.of()), currency));
            }
            return out;
        }
    }

    @Override
    public AllocationRun latestRun(YearMonth month) {
        return runs(month, month).stream().filter(AllocationRun::current).findFirst().orElse(null);
    }

    @Override
    public List<AllocationRule> rules() {
        try (SqlSession s = factory.openSession()) {
            List<AllocationRule> out = new ArrayList<>();
            for (CostMapper.RuleRow r : s.getMapper(CostMapper.class).rules()) {
                out.add(new AllocationRule(r.poolCode(), r.categoryCode(),
                        org.wanglai.api.costing.CostDriver.valueOf(r.driver()), r.channelCode(), r.regionCode()));
            }
            return out;
        }
    }

    @Override
    public List<AllocationRule> saveRules(List<AllocationRule> rules, String user) {
        if (rules == null) {
            throw new ValidationException("rules", "are required");
        }
        List<AllocationRule> saved = db.inTransaction(tx -> {
            CostMapper m = tx.mapper(factory, CostMapper.class);
            RuleSet set = RuleSet.validate(rules, m.pools(), m.channels(), m.regions(), new CategoryTree(m.categories()),
                    true);
            m.deleteRules();
            LocalDateTime now = LocalDateTime.now();
            int seq = 0;
            for (AllocationRule r : set.rules()) {
                m.insertRule(++seq, new CostMapper.RuleRow(r.poolCode(), r.categoryCode(), r.driver().name(),
                        r.channelCode(), r.regionCode()), user, now);
            }
            return set.rules();
        });
        LOG.info("Cost allocation rules replaced by {}: {} rules", user, saved.size());
        Map<String, Object> p = new HashMap<>();
        p.put("user", user == null ? "system" : user);
        p.put("rules", saved.size());
        post(CostingTopics.RULES_CHANGED, p);
        return saved;
    }

    @Override
    public CubeResult query(CubeQuery query) {
        if (query == null) {
            throw new ValidationException("query", "is required");
        }
        return cube.query(query, pools(), currency);
    }

    /** Streams a cube roll-up row by row from the database cursor (reports). */
    public void stream(CubeQuery query, Predicate<CubeRow> sink) {
        cube.stream(query, pools(), sink);
    }

    @Override
    public CubeMetadata metadata() {
        return cube.metadata(pools());
    }

    List<CostMapper.CodeName> pools() {
        try (SqlSession s = factory.openSession()) {
            return s.getMapper(CostMapper.class).pools();
        }
    }
}
