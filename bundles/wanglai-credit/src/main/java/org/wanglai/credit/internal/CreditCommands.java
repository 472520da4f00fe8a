package org.wanglai.credit.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.Customer;
import org.wanglai.api.DocumentType;
import org.wanglai.api.Money;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.credit.CreditAdmin;
import org.wanglai.api.credit.CreditCheckRequest;
import org.wanglai.api.credit.CreditDecision;
import org.wanglai.api.credit.CreditExposure;
import org.wanglai.api.credit.CreditReason;
import org.wanglai.api.credit.ScoreExplanation;

/**
 * Gogo commands (scope {@code wanglai}): {@code creditcheck} (a what-if check that reserves nothing),
 * {@code creditexplain}, {@code creditrecompute}, {@code creditreconcile}, {@code creditlimit}, {@code creditapprove},
 * {@code creditstop} and {@code creditbench}.
 */
@Component(service = CreditCommands.class, property = { "osgi.command.scope=wanglai",
        "osgi.command.function=creditcheck", "osgi.command.function=creditexplain",
        "osgi.command.function=creditrecompute", "osgi.command.function=creditreconcile",
        "osgi.command.function=creditlimit", "osgi.command.function=creditapprove",
        "osgi.command.function=creditstop", "osgi.command.function=creditbench" })
public final class CreditCommands {

    private final CreditService credit;

    @Activate
    public CreditCommands(@Reference CreditService credit) {
        this.credit = credit;
    }

    private Customer customer(String code) {
        return credit.hostCustomers().findByCode(code)
                .orElseThrow(() -> new NotFoundException("customer", code));
    }

    /** creditcheck C000001 ORDER 12500.00 [currency]: what the host would be told, without reserving. */
    public String creditcheck(String code, String type, String amount, String... currency) {
        Customer c = customer(code);
        DocumentType t = DocumentType.valueOf(type.toUpperCase(Locale.ROOT));
        String cur = currency.length > 0 ? currency[0] : c.currencyCode();
        CreditDecision d = credit.check(new CreditCheckRequest(c.id(), t, -1, "console", Money.of(amount, cur),
                "console", false, null), false, true);
        StringBuilder b = new StringBuilder();
        b.append(d.outcome()).append("  customer ").append(code).append("  status ").append(d.status())
                .append("  exposure ").append(d.exposure()).append("  limit ").append(d.limit())
                .append("  (check ").append(d.checkId()).append(")\n");
        for (CreditReason r : d.reasons()) {
            b.append("  - ").append(r.code()).append(": ").append(r.message().zh()).append(" / ").append(r.message().en())
                    .append('\n');
        }
        return b.toString();
    }

    /** creditexplain C000001: exposure split, limit, status and the latest score with every factor. */
    public String creditexplain(String code) {
        Customer c = customer(code);
        StringBuilder b = new StringBuilder();
        CreditExposure e = credit.exposure(c.id()).orElseThrow(() -> new NotFoundException("customer", code));
        b.append(code).append(' ').append(c.name()).append('\n');
        b.append(String.format(Locale.ROOT, "  status %s, limit %s, exposure %s (utilisation %s)%n", e.status(), e.limit(),
                e.total(), e.utilisation() == null ? "-" : CheckEngine.percent(e.utilisation())));
        b.append(String.format(Locale.ROOT, "  receivables %s, open orders %s, shipped not invoiced %s, reserved %s%n",
                e.receivables(), e.openOrders(), e.shippedNotInvoiced(), e.reserved()));
        b.append(String.format(Locale.ROOT, "  overdue %s, oldest item %d days overdue%n", e.overdue(), e.oldestOverdueDays()));
        Optional<ScoreExplanation> s = credit.explain(c.id());
        if (s.isEmpty()) {
            b.append("  not scored yet (run creditrecompute)\n");
        } else {
            ScoreExplanation x = s.get();
            b.append(String.format(Locale.ROOT, "  score %s, grade %s, recommended limit %s (as of %s)%n", x.score(), x.grade(),
                    x.recommendedLimit() == null ? "-" : x.recommendedLimit(), x.asOf()));
            for (ScoreExplanation.Factor f : x.factors()) {
                b.append(String.format(Locale.ROOT, "    %-40s value %10s  contribution %6s%n", f.label().en(),
                        f.value() == null ? "-" : f.value().toPlainString(),
                        f.contribution() == null ? "-" : f.contribution().toPlainString()));
            }
        }
        return b.toString();
    }

    /** creditrecompute [C000001]: recomputes the scores of one customer or all. */
    public String creditrecompute(String... code) {
        long t0 = System.nanoTime();
        int n = credit.recomputeScores(code.length == 0 ? Optional.empty() : Optional.of(customer(code[0]).id()));
        return n + " customers scored in " + (System.nanoTime() - t0) / 1_000_000 + " ms";
    }

    /** creditreconcile: full SQL recomputation of every exposure, drift repaired and logged. */
    public String creditreconcile() {
        CreditAdmin.Reconciliation r = credit.reconcile();
        return r.customers() + " customers, " + r.drifted() + " drifted and repaired, " + r.statusChanges()
                + " status changes, " + r.millis() + " ms";
    }

    /** creditlimit C000001 150000 alice "reason": sets a limit (large raises wait for approval). */
    public String creditlimit(String code, String limit, String user, String reason) {
        CreditAdmin.LimitChange r = credit.setLimit(customer(code).id(), new BigDecimal(limit), user, reason);
        return r.pending() ? "pending approval: request " + r.requestId() + " (" + r.oldLimit() + " -> " + r.newLimit() + ")"
                : "applied: " + r.oldLimit() + " -> " + r.newLimit();
    }

    /** creditapprove 12 bob "note": approves a pending raise as a second user. */
    public String creditapprove(long requestId, String approver, String note) {
        CreditAdmin.LimitChange r = credit.approve(requestId, approver, note);
        return "approved: " + r.oldLimit() + " -> " + r.newLimit();
    }

    /** creditstop C000001 true alice "reason". */
    public String creditstop(String code, boolean stop, String user, String reason) {
        credit.setStop(customer(code).id(), stop, reason, user);
        return code + (stop ? " stopped" : " stop lifted");
    }

    /**
     * creditbench [n]: n what-if order checks on random customers from the ledger, against n exposure
     * recomputations in SQL per check; prints percentiles (figures, not a test).
     */
    public String creditbench(int... n) {
        int count = n.length > 0 ? n[0] : 2_000;
        long[] ids = credit.customerIds();
        if (ids.length == 0) {
            return "no customers";
        }
        SplittableRandom r = new SplittableRandom(42);
        long[] ledgerNs = new long[count];
        long[] sqlNs = new long[Math.min(count, 500)];
        for (int i = 0; i < count; i++) {
            long id = ids[r.nextInt(ids.length)];
            CreditExposure e = credit.exposure(id).orElseThrow();
            long t0 = System.nanoTime();
            credit.check(new CreditCheckRequest(id, DocumentType.ORDER, -1, "bench",
                    new Money(new BigDecimal("1000"), e.total().currency()), "bench", false, null), false, true);
            ledgerNs[i] = System.nanoTime() - t0;
        }
        for (int i = 0; i < sqlNs.length; i++) {
            long id = ids[r.nextInt(ids.length)];
            long t0 = System.nanoTime();
            credit.exposureInSql(id);
            sqlNs[i] = System.nanoTime() - t0;
        }
        return String.format(Locale.ROOT,
                "%d customers; ledger check: %d calls p50 %.3f ms p99 %.3f ms max %.3f ms; "
                        + "SQL exposure per check: %d calls p50 %.3f ms p99 %.3f ms max %.3f ms (%s)",
                ids.length, count, pct(ledgerNs, 50), pct(ledgerNs, 99), pct(ledgerNs, 100), sqlNs.length, pct(sqlNs, 50),
                pct(sqlNs, 99), pct(sqlNs, 100), credit.db().databaseId());
    }

    static double pct(long[] ns, int p) {
        long[] s = ns.clone();
        Arrays.sort(s);
        int i = Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1);
        return s[Math.max(0, i)] / 1e6;
    }

    LocalDate today() {
        return credit.today();
    }
}
