package org.wanglai.reminders.internal.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.reminders.internal.db.RemindersStore;
import org.wanglai.reminders.internal.db.Rows;
import org.wanglai.reminders.internal.run.ReminderService;

/**
 * {@code /wanglai/api/reminders/runs}: list and propose runs; {@code /<id>} its customers, {@code /<id>/<customer>}
 * a customer's items; POST {@code /<id>/exclude}, {@code /<id>/approve}, {@code /<id>/send}, {@code /<id>/cancel}.
 * Accountants only; the acting user is the logged-in user.
 */
@Component(service = ApiEndpoint.class)
public final class RunsEndpoint implements ApiEndpoint {
    private final ReminderService service;
    private final RemindersStore store;

    public record ProposeBody(LocalDate asOf, String note) {
    }

    public record ExcludeBody(String customer, String docNo, String reason) {
    }

    @Activate
    public RunsEndpoint(@Reference ReminderService service, @Reference RemindersStore store) {
        this.service = service;
        this.store = store;
    }

    @Override
    public String path() {
        return "reminders/runs";
    }

    @Override
    public String role(String method) {
        return "GET".equals(method) || "POST".equals(method) ? WebUser.ACCOUNTANT : null;
    }

    @Override
    public Object handle(ApiRequest r) {
        String[] parts = r.pathRemainder().isEmpty() ? new String[0] : r.pathRemainder().split("/");
        String user = r.user().name();
        if ("GET".equals(r.method())) {
            if (parts.length == 0) {
                List<Rows.RunSummary> runs = new ArrayList<>();
                LocalDate today = LocalDate.now();
                store.stream(m -> m.runHistory(today.minusYears(2), today.plusYears(1)), s -> {
                    runs.add(s);
                    return runs.size() < 100;
                });
                return runs.stream().map(RunsEndpoint::summary).toList();
            }
            long id = id(parts[0]);
            if (parts.length == 1) {
                Rows.Run run = service.run(id);
                return Map.of("run", Map.of("id", run.id, "asOf", run.asOf, "status", run.status, "createdBy",
                        run.createdBy, "approvedBy", run.approvedBy == null ? "" : run.approvedBy),
                        "customers", service.runCustomers(id).stream().map(c -> Map.of("customerCode", c.customerCode,
                                "customerName", c.customerName, "currency", c.currency, "items", c.items,
                                "openAmount", c.openAmount, "interest", c.interest, "maxLevel", c.maxLevel,
                                "status", c.status)).toList());
            }
            return service.runItems(id, parts[1]).stream().map(i -> Map.ofEntries(Map.entry("docNo", i.docNo),
                    Map.entry("invoiceDate", i.invoiceDate), Map.entry("dueDate", i.dueDate),
                    Map.entry("daysOverdue", i.daysOverdue), Map.entry("level", i.levelNo),
                    Map.entry("currency", i.currency), Map.entry("openAmount", i.openAmount),
                    Map.entry("interest", i.interest), Map.entry("status", i.status),
                    Map.entry("reason", i.excludeReason == null ? "" : i.excludeReason))).toList();
        }
        if (parts.length == 0) {
            ProposeBody b = r.body(ProposeBody.class);
            return service.propose(b.asOf() == null ? LocalDate.now() : b.asOf(), user, b.note());
        }
        long id = id(parts[0]);
        String action = parts.length > 1 ? parts[1] : "";
        switch (action) {
            case "exclude": {
                ExcludeBody b = r.body(ExcludeBody.class);
                return Map.of("excluded", service.exclude(id, b.customer(), b.docNo() == null || b.docNo().isBlank()
                        ? null : b.docNo(), b.reason(), user));
            }
            case "approve":
                return service.approve(id, user);
            case "send":
                return service.send(id);
            case "cancel":
                return Map.of("cancelled", service.cancel(id, user));
            default:
                throw new ApiException(404, "reminders.unknown-action", "unknown action '" + action + "'");
        }
    }

    private static Map<String, Object> summary(Rows.RunSummary s) {
        return Map.ofEntries(Map.entry("id", s.id), Map.entry("asOf", s.asOf), Map.entry("status", s.status),
                Map.entry("createdBy", s.createdBy), Map.entry("approvedBy", s.approvedBy == null ? "" : s.approvedBy),
                Map.entry("customers", s.customers), Map.entry("items", s.items), Map.entry("excluded", s.excluded),
                Map.entry("sent", s.sent), Map.entry("amount", s.amount), Map.entry("failed", s.deliveriesFailed));
    }

    private static long id(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("reminders.bad-run", "not a run number: '" + s + "'");
        }
    }
}
