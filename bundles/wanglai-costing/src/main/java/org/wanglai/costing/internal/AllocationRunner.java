package org.wanglai.costing.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.SqlSessionFactory;
import org.wanglai.api.Money;
import org.wanglai.api.Period;
import org.wanglai.api.ValidationException;
import org.wanglai.api.costing.AllocationRun;
import org.wanglai.api.costing.CostDriver;
import org.wanglai.api.costing.PoolReconciliation;
import org.wanglai.api.costing.ReconciliationException;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.reminders.ReminderStatistics;

/**
 * One allocation run of one month, in one host transaction: read the month's cost entries and driver activity,
 * allocate in memory (exact to the cent), replace the month's facts set-based, check the facts against the ledger
 * in SQL, record the run. Any problem rolls everything back.
 */
final class AllocationRunner {
    private static final int INSERT_CHUNK = 1_000;

    private final HostDatabase db;
    private final SqlSessionFactory factory;
    private final String currency;
    private final BigDecimal annualRate;
    private final boolean financingFromInvoiceDate;
    private final boolean widenScope;
    private final Clock clock;

    AllocationRunner(HostDatabase db, SqlSessionFactory factory, String currency, BigDecimal annualRatePercent,
            boolean financingFromInvoiceDate, boolean widenScope, Clock clock) {
        this.db = db;
        this.factory = factory;
        this.currency = currency;
        this.annualRate = annualRatePercent.movePointLeft(2);
        this.financingFromInvoiceDate = financingFromInvoiceDate;
        this.widenScope = widenScope;
        this.clock = clock;
    }

    AllocationRun run(YearMonth month, String user, ReminderStatistics reminders) {
        long started = System.nanoTime();
        Instant startedAt = clock.instant();
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        return db.inTransaction(tx -> {
            CostMapper m = tx.mapper(factory, CostMapper.class);
            long foreign = m.foreignCurrencyDocuments(from, to, currency);
            if (foreign > 0) {
                throw new ValidationException("currency", foreign + " invoices or cost entries of " + month
                        + " are not in " + currency + "; cost analysis runs in one currency");
            }
            Map<Long, CostMapper.CodeName> pools = byId(m.pools());
            Map<Long, CostMapper.CodeName> channels = byId(m.channels());
            Map<Long, CostMapper.CodeName> regions = byId(m.regions());
            CategoryTree tree = new CategoryTree(m.categories());
            RuleSet rules = RuleSet.resolve(m.rules(), m.pools(), m.channels(), m.regions(), tree);
            List<EntryGroup> groups = m.entryGroups(from, to);

            Map<CostDriver, List<DriverRow>> loaded = new EnumMap<>(CostDriver.class);
            Function<CostDriver, List<DriverRow>> drivers = d -> loaded.computeIfAbsent(d,
                    k -> loadDriver(m, k, from, to, month, reminders));
            Allocator allocator = new Allocator(drivers, tree::path);

            List<String> problems = new ArrayList<>();
            Map<String, Allocation> merged = new LinkedHashMap<>();
            List<CostMapper.RunPoolRow> lines = new ArrayList<>();
            BigDecimal poolTotal = BigDecimal.ZERO;
            Map<Long, BigDecimal> ledgerByPool = new HashMap<>();
            for (EntryGroup g : groups) {
                CostMapper.CodeName pool = pools.get(g.poolId());
                String where = describe(pool, g, channels, regions);
                poolTotal = poolTotal.add(g.amount());
                ledgerByPool.merge(g.poolId(), g.amount(), BigDecimal::add);
                List<ResolvedRule> poolRules = rules.forPool(g.poolId());
                if (poolRules.isEmpty()) {
                    problems.add(where + " " + g.amount().toPlainString() + " " + currency + ": no allocation rule");
                    continue;
                }
                if (reminders == null && poolRules.stream().anyMatch(x -> x.driver() == CostDriver.REMINDERS)) {
                    problems.add(where + ": driver REMINDERS needs the reminders capability, which is not running");
                    continue;
                }
                Allocator.Result r;
                try {
                    r = allocator.allocate(g, poolRules, widenScope);
                } catch (Allocator.NotAllocatable e) {
                    problems.add(where + " " + g.amount().toPlainString() + " " + currency + ": " + e.getMessage()
                            + " in " + month);
                    continue;
                }
                BigDecimal sum = BigDecimal.ZERO;
                for (Allocation a : r.allocations()) {
                    sum = sum.add(a.amount());
                    String key = a.customerId() + "/" + a.channelId() + "/" + a.regionId() + "/" + a.poolId();
                    merged.merge(key, a, (x, y) -> new Allocation(x.customerId(), x.categoryId(), x.channelId(),
                            x.regionId(), x.poolId(), x.amount().add(y.amount()), x.driverQty().add(y.driverQty())));
                }
                if (sum.compareTo(g.amount()) != 0) {
                    problems.add(where + ": allocated " + sum.toPlainString() + " of " + g.amount().toPlainString());
                }
                lines.add(new CostMapper.RunPoolRow(0, lines.size() + 1, pool == null ? "#" + g.poolId() : pool.code(),
                        code(channels, g.channelId()), code(regions, g.regionId()), r.driver().name(), g.amount(), sum,
                        r.receivers(), r.segments(), r.fallbacks(), r.widened()));
            }
            if (!problems.isEmpty()) {
                throw new ReconciliationException(month, problems);
            }

            CostMapper.NewRun run = new CostMapper.NewRun();
            run.month = from;
            run.startedAt = LocalDateTime.ofInstant(startedAt, ZoneId.systemDefault());
            run.runBy = user;
            run.currency = currency;
            run.rulesSnapshot = rules.snapshot();
            m.clearCurrent(from);
            m.insertRun(run);
            long runId = run.id;

            m.deleteCategoryLevels();
            List<CostMapper.CategoryLevel> levels = tree.levels(3);
            for (int i = 0; i < levels.size(); i += INSERT_CHUNK) {
                m.insertCategoryLevels(levels.subList(i, Math.min(levels.size(), i + INSERT_CHUNK)));
            }
            m.deleteFacts(from);
            m.insertSalesFacts(runId, from, from, to);
            m.insertOrderFacts(runId, from, from, to);
            List<Allocation> rows = new ArrayList<>(merged.values());
            for (int i = 0; i < rows.size(); i += INSERT_CHUNK) {
                m.insertCostFacts(runId, from, rows.subList(i, Math.min(rows.size(), i + INSERT_CHUNK)));
            }
            if (annualRate.signum() > 0) {
                m.insertFinancingFacts(runId, from, from.minusDays(1), to, annualRate, financingFromInvoiceDate,
                        financingFromInvoiceDate ? "i.invoice_date" : "s.due_date");
            }
            m.deleteFactSums(from);
            m.insertFactSums(from);

            // The stored facts, summed by the database, must equal the ledger pool by pool.
            Map<Long, BigDecimal> stored = new HashMap<>();
            for (CostMapper.PoolTotal t : m.factPoolTotals(from)) {
                stored.put(t.poolId(), t.amount());
            }
            for (Map.Entry<Long, BigDecimal> e : ledgerByPool.entrySet()) {
                BigDecimal s = stored.getOrDefault(e.getKey(), BigDecimal.ZERO);
                if (s.compareTo(e.getValue()) != 0) {
                    problems.add("pool " + code(pools, e.getKey()) + ": stored " + s.toPlainString() + " of "
                            + e.getValue().toPlainString());
                }
            }
            for (Long pool : stored.keySet()) {
                if (!ledgerByPool.containsKey(pool)) {
                    problems.add("pool " + code(pools, pool) + ": stored without ledger entries");
                }
            }
            if (!problems.isEmpty()) {
                throw new ReconciliationException(month, problems);
            }
            CostMapper.RunTotals totals = m.runTotals(from);
            long millis = (System.nanoTime() - started) / 1_000_000;
            m.finishRun(runId, millis, poolTotal, totals);
            List<CostMapper.RunPoolRow> withRun = new ArrayList<>();
            for (CostMapper.RunPoolRow l : lines) {
                withRun.add(new CostMapper.RunPoolRow(runId, l.lineNo(), l.poolCode(), l.channelCode(), l.regionCode(),
                        l.driver(), l.amount(), l.allocated(), l.receivers(), l.segments(), l.fallbacks(), l.widened()));
            }
            for (int i = 0; i < withRun.size(); i += INSERT_CHUNK) {
                m.insertRunPools(withRun.subList(i, Math.min(withRun.size(), i + INSERT_CHUNK)));
            }
            return toRun(new CostMapper.RunRow(runId, from, run.startedAt, millis, user, currency, poolTotal,
                    totals.allocated(), totals.financing(), totals.revenue(), totals.cogs(), totals.customers(),
                    totals.factRows(), true), withRun, currency);
        });
    }

    private static List<DriverRow> loadDriver(CostMapper m, CostDriver d, LocalDate from, LocalDate to,
            YearMonth month, ReminderStatistics reminders) {
        List<DriverRow> out = new ArrayList<>();
        if (d == CostDriver.REMINDERS) {
            if (reminders == null) {
                return out;
            }
            Map<Long, Long> sent = reminders.remindersSentByCustomer(Period.month(month));
            if (sent.isEmpty()) {
                return out;
            }
            try (Cursor<DriverRow> c = m.customerDimensions()) {
                for (DriverRow r : c) {
                    Long n = sent.get(r.customerId());
                    if (n != null && n > 0) {
                        out.add(new DriverRow(r.customerId(), r.categoryId(), r.channelId(), r.regionId(),
                                BigDecimal.valueOf(n)));
                    }
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return out;
        }
        try (Cursor<DriverRow> c = m.drivers(d.name(), from, to)) {
            for (DriverRow r : c) {
                out.add(r);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static AllocationRun toRun(CostMapper.RunRow r, List<CostMapper.RunPoolRow> pools, String fallbackCurrency) {
        String cur = r.currency() == null ? fallbackCurrency : r.currency().trim();
        List<PoolReconciliation> lines = new ArrayList<>();
        for (CostMapper.RunPoolRow p : pools) {
            lines.add(new PoolReconciliation(p.poolCode(), p.channelCode(), p.regionCode(),
                    CostDriver.valueOf(p.driver()), money(p.amount(), cur), money(p.allocated(), cur), p.receivers(),
                    p.segments(), p.fallbacks(), p.widened()));
        }
        return new AllocationRun(r.id(), YearMonth.from(r.runMonth()),
                r.startedAt().atZone(ZoneId.systemDefault()).toInstant(), r.durationMs(), r.runBy(),
                money(r.poolTotal(), cur), money(r.allocated(), cur), money(r.financing(), cur),
                money(r.revenue(), cur), money(r.cogs(), cur), r.customers(), r.factRows(), r.isCurrent(), lines);
    }

    private static Money money(BigDecimal v, String cur) {
        return Money.of(v == null ? BigDecimal.ZERO : v, cur);
    }

    private static Map<Long, CostMapper.CodeName> byId(List<CostMapper.CodeName> rows) {
        Map<Long, CostMapper.CodeName> out = new HashMap<>();
        for (CostMapper.CodeName r : rows) {
            out.put(r.id(), r);
        }
        return out;
    }

    private static String code(Map<Long, CostMapper.CodeName> map, long id) {
        if (id == 0) {
            return null;
        }
        CostMapper.CodeName c = map.get(id);
        return c == null ? "#" + id : c.code();
    }

    private static String describe(CostMapper.CodeName pool, EntryGroup g, Map<Long, CostMapper.CodeName> channels,
            Map<Long, CostMapper.CodeName> regions) {
        StringBuilder b = new StringBuilder("pool ").append(pool == null ? "#" + g.poolId() : pool.code());
        if (g.channelId() != 0) {
            b.append(" channel ").append(code(channels, g.channelId()));
        }
        if (g.regionId() != 0) {
            b.append(" region ").append(code(regions, g.regionId()));
        }
        return b.toString();
    }
}
