package org.wanglai.reminders.internal.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.reminders.internal.db.RemindersStore;
import org.wanglai.reminders.internal.db.Rows;
import org.wanglai.reminders.internal.report.AgeingReport;
import org.wanglai.reminders.internal.report.StatementReport;

/**
 * {@code GET /wanglai/api/reminders/customers/<code>}: the customer payment card: ageing as of today, statement of
 * the last 12 months (at most 500 lines), and the reminders reserved or sent.
 */
@Component(service = ApiEndpoint.class)
public final class CustomerCardEndpoint implements ApiEndpoint {
    private final RemindersStore store;
    private final AgeingReport ageing;
    private final StatementReport statement;

    @Activate
    public CustomerCardEndpoint(@Reference RemindersStore store, @Reference AgeingReport ageing,
            @Reference StatementReport statement) {
        this.store = store;
        this.ageing = ageing;
        this.statement = statement;
    }

    @Override
    public String path() {
        return "reminders/customers";
    }

    @Override
    public String role(String method) {
        return "GET".equals(method) ? WebUser.VIEWER : null;
    }

    @Override
    public Object handle(ApiRequest r) {
        String code = r.pathRemainder();
        Rows.CustomerRef c = store.tx(m -> m.customerByCode(code));
        if (c == null) {
            throw new NotFoundException("customer", code);
        }
        LocalDate today = LocalDate.now();
        List<Object[]> ageingRows = new ArrayList<>();
        ageing.run(new ReportQuery(Map.of("asOf", today, "groupBy", "customer", "customer", code), r.locale(),
                r.user().name()), row -> ageingRows.add(row));
        List<Object[]> lines = new ArrayList<>();
        statement.run(new ReportQuery(Map.of("customer", code, "from", today.minusYears(1), "to", today), r.locale(),
                r.user().name()), row -> {
                    lines.add(row);
                    return lines.size() < 500;
                });
        Map<String, Object> card = new HashMap<>();
        card.put("customer", Map.of("id", c.id, "code", c.code, "name", c.name, "currency", c.currency));
        card.put("ageingColumns", ageing.definition().columns().stream().map(col -> col.label().in(r.locale())).toList());
        card.put("ageing", ageingRows);
        card.put("statementColumns", statement.definition().columns().stream().map(col -> col.label().in(r.locale()))
                .toList());
        card.put("statement", lines);
        card.put("reminders", store.tx(m -> m.customerReminders(c.id)).stream().map(i -> Map.of("runId", i.runId,
                "docNo", i.docNo, "dueDate", i.dueDate, "level", i.levelNo, "openAmount", i.openAmount, "status",
                i.status, "sentDate", i.sentDate == null ? "" : i.sentDate.toString())).toList());
        return card;
    }
}
