package org.wanglai.reminders.internal.terms;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.Money;
import org.wanglai.api.ValidationException;
import org.wanglai.reminders.internal.db.RemindersStore;
import org.wanglai.reminders.internal.db.Rows;

/**
 * The host's payment terms as due-date rules: explanation of a term, and verification that the host's stored pay
 * schedules agree with the rules (the host's schedules are what reminders and ageing use).
 */
@Component(service = PaymentTerms.class)
public final class PaymentTerms {
    private final RemindersStore store;

    @Activate
    public PaymentTerms(@Reference RemindersStore store) {
        this.store = store;
    }

    /** Term id → term, read from the host (two small queries). */
    public Map<Long, PaymentTerm> load() {
        return store.tx(m -> {
            Map<Long, List<Rows.TermRow>> lines = new HashMap<>();
            for (Rows.TermRow l : m.termLines()) {
                lines.computeIfAbsent(l.id, k -> new ArrayList<>()).add(l);
            }
            Map<Long, PaymentTerm> out = new LinkedHashMap<>();
            for (Rows.TermRow t : m.paymentTerms()) {
                out.put(t.id, toTerm(t, lines.getOrDefault(t.id, List.of())));
            }
            return out;
        });
    }

    static PaymentTerm toTerm(Rows.TermRow t, List<Rows.TermRow> lines) {
        String where = "payment term " + t.code;
        if ("SPLIT".equalsIgnoreCase(t.termType.trim())) {
            if (lines.isEmpty()) {
                throw new IllegalArgumentException(where + ": SPLIT without parts");
            }
            List<PaymentTerm.Part> parts = new ArrayList<>();
            for (Rows.TermRow l : lines) {
                parts.add(new PaymentTerm.Part(l.percent, rule(l, where + " part " + l.seq)));
            }
            return new PaymentTerm(t.code, parts, t.graceDays);
        }
        return PaymentTerm.single(t.code, rule(t, where), t.graceDays);
    }

    private static TermRule rule(Rows.TermRow r, String where) {
        try {
            return new TermRule(TermRule.parseType(r.termType, "term_type"), r.netDays, r.fixMonthDay,
                    r.fixMonthOffset, r.fixMonthCutoff);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    public String describeAll() {
        StringBuilder b = new StringBuilder();
        Map<Long, PaymentTerm> terms = load();
        store.tx(m -> {
            for (Rows.TermRow t : m.paymentTerms()) {
                PaymentTerm term = terms.get(t.id);
                b.append(String.format("%-10s %-14s %-36s grace %d day(s)%n", t.code, t.nameZh, t.nameEn, t.graceDays));
                for (PaymentTerm.Part p : term.parts()) {
                    b.append("    ").append(p.percent().stripTrailingZeros().toPlainString()).append("%: ")
                            .append(p.rule().describe()).append('\n');
                }
            }
            return null;
        });
        return b.toString();
    }

    public String explain(String code, LocalDate invoiceDate, BigDecimal amount) {
        Rows.TermRow row = store.tx(m -> m.paymentTerms().stream().filter(t -> t.code.equals(code)).findFirst()
                .orElse(null));
        if (row == null) {
            throw new ValidationException("term", "unknown payment term " + code);
        }
        PaymentTerm term = load().get(row.id);
        StringBuilder b = new StringBuilder(code + " (" + row.nameZh + " / " + row.nameEn + "), invoice of "
                + invoiceDate + " for " + amount.toPlainString() + ":\n");
        int scale = Money.scaleOf(Currency.getInstance("CNY"));
        for (PaymentTerm.DuePart p : term.schedule(invoiceDate, amount, scale)) {
            PaymentTerm.Part part = term.parts().get(p.seq() - 1);
            b.append(String.format("  part %d: %s%% due %s (%s, %s) = %s; reminders past due from %s%n", p.seq(),
                    part.percent().stripTrailingZeros().toPlainString(), p.dueDate(), p.dueDate().getDayOfWeek(),
                    part.rule().describe(), p.amount().toPlainString(), term.reminderStart(p.dueDate())));
        }
        return b.toString();
    }

    /** Result of comparing stored schedules with the rules. */
    public record Verification(long invoices, long rows, long mismatches, List<String> examples) {
    }

    /** Streams the host schedules of invoices dated in [from, to] and recomputes each with the engine. */
    public Verification verify(LocalDate from, LocalDate to) {
        Map<Long, PaymentTerm> terms = load();
        long[] counts = new long[3];
        List<String> examples = new ArrayList<>();
        List<Rows.ScheduleRow> invoice = new ArrayList<>();
        Runnable check = () -> {
            if (invoice.isEmpty()) {
                return;
            }
            Rows.ScheduleRow first = invoice.get(0);
            counts[0]++;
            counts[1] += invoice.size();
            PaymentTerm term = terms.get(first.termId);
            List<PaymentTerm.DuePart> expected = term.schedule(first.invoiceDate, first.grandTotal,
                    first.grandTotal.scale());
            boolean same = expected.size() == invoice.size();
            for (int i = 0; same && i < expected.size(); i++) {
                same = expected.get(i).dueDate().equals(invoice.get(i).dueDate)
                        && expected.get(i).amount().compareTo(invoice.get(i).dueAmount) == 0;
            }
            if (!same) {
                counts[2]++;
                if (examples.size() < 10) {
                    examples.add(first.docNo + " (" + term.code() + ", " + first.invoiceDate + "): host "
                            + invoice.stream().map(r -> r.dueDate + "=" + r.dueAmount).toList() + ", rules "
                            + expected.stream().map(p -> p.dueDate() + "=" + p.amount()).toList());
                }
            }
            invoice.clear();
        };
        store.stream(m -> m.schedules(from, to), r -> {
            if (!invoice.isEmpty() && invoice.get(0).invoiceId != r.invoiceId) {
                check.run();
            }
            invoice.add(r);
            return true;
        });
        check.run();
        return new Verification(counts[0], counts[1], counts[2], examples);
    }
}
