package org.wanglai.reminders.internal.shell;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.Money;
import org.wanglai.api.ValidationException;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.reminders.internal.db.RemindersStore;
import org.wanglai.reminders.internal.db.Rows;
import org.wanglai.reminders.internal.policy.LevelAction;
import org.wanglai.reminders.internal.policy.ReminderLevel;
import org.wanglai.reminders.internal.policy.ReminderPolicy;
import org.wanglai.reminders.internal.report.AgeingReport;
import org.wanglai.reminders.internal.run.DailySchedule;
import org.wanglai.reminders.internal.run.Recipients;
import org.wanglai.reminders.internal.run.ReminderService;
import org.wanglai.reminders.internal.terms.PaymentTerms;

/**
 * Gogo commands (scope {@code wanglai}): {@code remterms}, {@code rempreview}, {@code remshow}, {@code remexclude},
 * {@code remapprove}, {@code remsend}, {@code remresume}, {@code remdeliveries}, {@code ageing},
 * {@code rempolicies}, {@code remlevel}, {@code remassign}, {@code remcontact}. The acting user is the shell user
 * given as the last argument where a run changes.
 */
@Component(service = ReminderCommands.class, property = {"osgi.command.scope=wanglai",
    "osgi.command.function=remterms", "osgi.command.function=rempreview", "osgi.command.function=remshow",
    "osgi.command.function=remexclude", "osgi.command.function=remapprove", "osgi.command.function=remsend",
    "osgi.command.function=remresume", "osgi.command.function=remdeliveries", "osgi.command.function=ageing",
    "osgi.command.function=rempolicies", "osgi.command.function=remlevel", "osgi.command.function=remassign",
    "osgi.command.function=remcontact", "osgi.command.function=remverify", "osgi.command.function=remdaily",
    "osgi.command.function=remcancel"})
public final class ReminderCommands {
    private final ReminderService service;
    private final RemindersStore store;
    private final AgeingReport ageing;
    private final PaymentTerms terms;
    private final DailySchedule daily;

    @Activate
    public ReminderCommands(@Reference ReminderService service, @Reference RemindersStore store,
            @Reference AgeingReport ageing,
            @Reference PaymentTerms terms, @Reference DailySchedule daily) {
        this.daily = daily;
        this.service = service;
        this.store = store;
        this.ageing = ageing;
        this.terms = terms;
    }

    /** remterms: every payment term of the host with its rule. */
    public String remterms() {
        return terms.describeAll();
    }

    /** remterms NET30 2026-01-31 [amount]: the pay schedule an invoice would get. */
    public String remterms(String code, String invoiceDate) {
        return remterms(code, invoiceDate, "100.00");
    }

    public String remterms(String code, String invoiceDate, String amount) {
        return terms.explain(code, date(invoiceDate, "invoiceDate"), new BigDecimal(amount));
    }

    /** remdaily <date>: the daily job for a day now, unless this or another container already ran it. */
    public String remdaily(String day) {
        return daily.daily(date(day, "day")) ? "daily run for " + day + " done"
                : "daily run for " + day + " was already done (by this or another container)";
    }

    /** remcancel <run> <user>: drops a proposal that will not be approved. */
    public String remcancel(long runId, String user) {
        service.cancel(runId, user);
        return "run " + runId + " cancelled";
    }

    /** remverify <from> <to>: recomputes the host's pay schedules of invoices dated in the range with the engine. */
    public String remverify(String from, String to) {
        return terms.verify(date(from, "from"), date(to, "to")).toString();
    }

    /** rempreview [asOf] [user]: proposes a run and prints it. */
    public String rempreview() {
        return rempreview(LocalDate.now().toString(), "shell");
    }

    public String rempreview(String asOf, String user) {
        ReminderService.Proposal p = service.propose(date(asOf, "asOf"), user, "shell");
        return "Run " + p.runId() + " proposed: " + p.customers() + " customers, " + p.items() + " items "
                + p.amountByCurrency() + "; skipped: " + p.disputedSkipped() + " disputed items, "
                + p.customersBelowMinimum() + " customers below the minimum amount\n" + remshow(p.runId());
    }

    /** remshow <run> [customerCode]: customers of a run, or the items of one customer. */
    public String remshow(long runId) {
        Rows.Run run = service.run(runId);
        StringBuilder b = new StringBuilder("Run " + runId + " as of " + run.asOf + " [" + run.status + "] by "
                + run.createdBy + (run.approvedBy == null ? "" : ", approved by " + run.approvedBy) + "\n");
        b.append(String.format("%-12s %-28s %6s %5s %16s %12s %s%n", "customer", "name", "items", "level", "open",
                "interest", "status"));
        for (Rows.RunCustomer c : service.runCustomers(runId)) {
            b.append(String.format("%-12s %-28s %6d %5d %16s %12s %s%n", c.customerCode, cut(c.customerName, 28),
                    c.items, c.maxLevel, c.openAmount.toPlainString() + " " + c.currency, c.interest.toPlainString(),
                    c.status));
        }
        return b.toString();
    }

    public String remshow(long runId, String customerCode) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-16s %-10s %-10s %5s %5s %14s %10s %-9s %s%n", "document", "invoiced", "due", "days",
                "level", "open", "interest", "status", "reason"));
        for (Rows.RunItem i : service.runItems(runId, customerCode)) {
            b.append(String.format("%-16s %-10s %-10s %5d %5d %14s %10s %-9s %s%n", i.docNo, i.invoiceDate, i.dueDate,
                    i.daysOverdue, i.levelNo, i.openAmount.toPlainString(), i.interest.toPlainString(), i.status,
                    i.excludeReason == null ? "" : i.excludeReason));
        }
        return b.toString();
    }

    /** remexclude <run> <customerCode> [docNo|-] <reason> <user>. */
    public String remexclude(long runId, String customerCode, String docNo, String reason, String user) {
        int n = service.exclude(runId, "-".equals(customerCode) ? null : customerCode, "-".equals(docNo) ? null : docNo,
                reason, user);
        return n + " item(s) excluded from run " + runId;
    }

    public String remapprove(long runId, String user) {
        ReminderService.Approval a = service.approve(runId, user);
        return "Run " + runId + " approved: " + a.reserved() + " items reserved, " + a.alreadyReminded()
                + " already reminded (excluded), " + a.deliveries() + " deliveries, " + a.actions() + " level actions";
    }

    public String remsend(long runId) {
        ReminderService.SendResult r = service.send(runId);
        return "Run " + runId + ": " + r.sent() + " sent, " + r.failed() + " failed, " + r.uncertain() + " uncertain, "
                + r.stillOpen() + " waiting for retry" + (r.finished() ? "; run finished" : "") + ", "
                + r.actionsDone() + " level actions done";
    }

    public String remresume() {
        List<ReminderService.SendResult> rs = service.resumeAll();
        return rs.isEmpty() ? "nothing to resume" : rs.toString();
    }

    /** remdeliveries [run] [status]. */
    public String remdeliveries() {
        return deliveries(null, null);
    }

    public String remdeliveries(long runId) {
        return deliveries(runId, null);
    }

    public String remdeliveries(long runId, String status) {
        return deliveries(runId, status.toUpperCase(Locale.ROOT));
    }

    private String deliveries(Long runId, String status) {
        StringBuilder b = new StringBuilder(String.format("%6s %5s %-7s %-6s %-36s %-9s %3s %s%n", "id", "run", "kind",
                "chan", "recipient", "status", "try", "error"));
        for (Rows.Delivery d : service.deliveries(runId, status)) {
            b.append(String.format("%6d %5d %-7s %-6s %-36s %-9s %3d %s%n", d.id, d.runId, d.kind, d.channel,
                    cut(d.recipient, 36), d.status, d.attempts, d.lastError == null ? "" : d.lastError));
        }
        return b.toString();
    }

    /** ageing [asOf] [groupBy] [basis]: the ageing table and its reconciliation to open receivables. */
    public String ageing() {
        return ageing(LocalDate.now().toString(), "category", "due");
    }

    public String ageing(String asOf, String groupBy, String basis) {
        LocalDate d = date(asOf, "asOf");
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", d);
        params.put("groupBy", groupBy);
        params.put("basis", basis);
        StringBuilder b = new StringBuilder();
        List<Integer> bounds = ageing.bounds();
        b.append(String.format("%-12s %-20s", "code", "name"));
        b.append(String.format(" %14s", "not due"));
        int lower = 1;
        for (int x : bounds) {
            b.append(String.format(" %14s", lower + "-" + x));
            lower = x + 1;
        }
        b.append(String.format(" %14s %14s %6s%n", ">" + bounds.get(bounds.size() - 1), "total", "items"));
        Map<String, BigDecimal> totals = new HashMap<>();
        long t0 = System.nanoTime();
        ageing.run(new ReportQuery(params, Locale.SIMPLIFIED_CHINESE, "shell"), row -> {
            b.append(String.format("%-12s %-20s", cut((String) row[0], 12), cut((String) row[1], 20)));
            int totalIndex = row.length - 3; // then the overdue sum and the item count
            for (int i = 2; i <= totalIndex; i++) {
                b.append(String.format(" %14s", ((Money) row[i]).amount().toPlainString()));
            }
            b.append(String.format(" %6d%n", (Long) row[row.length - 1]));
            Money total = (Money) row[totalIndex];
            totals.merge(total.currencyCode(), total.amount(), BigDecimal::add);
            return true;
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        b.append("ageing total ").append(totals).append(" in ").append(ms).append(" ms; open receivables ");
        List<Rows.CurrencyTotal> ar = store.tx(m -> m.openReceivables(d));
        List<String> check = new ArrayList<>();
        for (Rows.CurrencyTotal t : ar) {
            BigDecimal a = totals.getOrDefault(t.currency, BigDecimal.ZERO);
            check.add(t.currency + " " + t.amount.toPlainString() + (a.compareTo(t.amount) == 0 ? " (reconciled)"
                    : " (DIFFERENCE " + t.amount.subtract(a).toPlainString() + ")"));
        }
        return b.append(check).append('\n').toString();
    }

    /** rempolicies: policies with their levels. */
    public String rempolicies() {
        StringBuilder b = new StringBuilder();
        for (ReminderPolicy p : service.loadPolicies().values()) {
            b.append(p.code()).append(" ").append(p.nameZh()).append(" / ").append(p.nameEn()).append(", minimum ")
                    .append(p.minOpenAmount().toPlainString()).append('\n');
            for (ReminderLevel l : p.levels()) {
                b.append(String.format("  level %d: %+d days, %d days between, fee %s, interest %s%%, %s%s%n",
                        l.levelNo(), l.daysAfterDue(), l.minDaysBetween(), l.fee().toPlainString(),
                        l.interestRate().toPlainString(), l.action(),
                        l.switchTermCode() == null ? "" : " " + l.switchTermCode()));
            }
        }
        return b.toString();
    }

    /** remlevel <policy> <levelNo> <daysAfterDue> <minDaysBetween> <fee> <interest%> <action> [switchTermCode]. */
    public String remlevel(String policy, int levelNo, int days, int between, String fee, String interest,
            String action) {
        return remlevel(policy, levelNo, days, between, fee, interest, action, null);
    }

    public String remlevel(String policy, int levelNo, int days, int between, String fee, String interest,
            String action, String switchTerm) {
        ReminderLevel level = new ReminderLevel(levelNo, days, between, new BigDecimal(fee), new BigDecimal(interest),
                LevelAction.parse(action, "action"), switchTerm);
        store.tx(m -> {
            Long id = m.policyIdByCode(policy);
            if (id == null) {
                Rows.PolicyRow p = new Rows.PolicyRow();
                p.code = policy;
                p.nameZh = policy;
                p.nameEn = policy;
                p.minOpenAmount = BigDecimal.ZERO;
                m.insertPolicy(p);
                id = p.id;
            }
            m.deleteLevel(id, levelNo);
            Rows.LevelRow r = new Rows.LevelRow();
            r.policyId = id;
            r.levelNo = level.levelNo();
            r.daysAfterDue = level.daysAfterDue();
            r.minDaysBetween = level.minDaysBetween();
            r.fee = level.fee();
            r.interestRate = level.interestRate();
            r.action = level.action().name();
            r.switchTermCode = level.switchTermCode();
            m.insertLevel(r);
            return null;
        });
        service.loadPolicies(); // validates the whole policy (levels must ascend); the next proposal uses it
        return rempolicies();
    }

    /** remassign <policy> category|customer <code>: attaches a policy (customer wins over category). */
    public String remassign(String policy, String kind, String code) {
        store.tx(m -> {
            Long pid = m.policyIdByCode(policy);
            if (pid == null) {
                throw new ValidationException("policy", "unknown policy " + policy);
            }
            Rows.Assignment a = new Rows.Assignment();
            a.policyId = pid;
            if ("category".equals(kind)) {
                a.categoryId = m.categoryIdByCode(code);
                if (a.categoryId == null) {
                    throw new ValidationException("category", "unknown category " + code);
                }
            } else if ("customer".equals(kind)) {
                Rows.CustomerRef c = m.customerByCode(code);
                if (c == null) {
                    throw new ValidationException("customer", "unknown customer " + code);
                }
                a.customerId = c.id;
            } else {
                throw new ValidationException("kind", "category or customer, was '" + kind + "'");
            }
            m.deleteAssignment(a.categoryId, a.customerId);
            m.insertAssignment(a);
            return null;
        });
        return "policy " + policy + " assigned to " + kind + " " + code;
    }

    /** remcontact <customerCode> <email> [zh|en]: where the customer's reminders are mailed. */
    public String remcontact(String customerCode, String email) {
        return remcontact(customerCode, email, "zh");
    }

    public String remcontact(String customerCode, String email, String language) {
        Recipients.check("mail:" + email, "email");
        if (!"zh".equals(language) && !"en".equals(language)) {
            throw new ValidationException("language", "zh or en, was '" + language + "'");
        }
        store.tx(m -> {
            Rows.CustomerRef c = m.customerByCode(customerCode);
            if (c == null) {
                throw new ValidationException("customer", "unknown customer " + customerCode);
            }
            m.deleteContact(c.id);
            m.insertContact(c.id, email, language);
            return null;
        });
        return "reminders for " + customerCode + " go to " + email + " (" + language + ")";
    }

    private static LocalDate date(String s, String field) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "expected a date like 2026-06-30, was '" + s + "'");
        }
    }

    private static String cut(String s, int n) {
        return s == null ? "" : s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
