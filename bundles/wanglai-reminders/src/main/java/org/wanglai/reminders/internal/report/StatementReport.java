package org.wanglai.reminders.internal.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.Money;
import org.wanglai.api.ValidationException;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ParameterType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.reminders.internal.db.RemindersStore;
import org.wanglai.reminders.internal.db.Rows;

/** Statement of account (对账单) of one customer: opening balance, invoices and receipts, running balance. */
@Component(service = {Report.class, StatementReport.class}, property = "wanglai.report=reminders.statement")
public final class StatementReport implements Report {
    private final RemindersStore store;
    private final ReportDefinition definition = new ReportDefinition("reminders.statement", "reminders",
            LocalizedText.of("客户对账单", "Statement of account"),
            LocalizedText.of("期初余额、发票、收款与余额", "Opening balance, invoices, receipts and running balance"),
            List.of(ReportParameter.of("customer", "客户", "Customer", ParameterType.CUSTOMER, true, null),
                    ReportParameter.of("from", "开始日期", "From", ParameterType.DATE, true, null),
                    ReportParameter.of("to", "结束日期", "To", ParameterType.DATE, true, "today")),
            List.of(ReportColumn.of("date", "日期", "Date", ColumnType.DATE, false),
                    ReportColumn.text("type", "类型", "Type"),
                    ReportColumn.text("doc_no", "单据号", "Document"),
                    ReportColumn.of("due_date", "到期日", "Due date", ColumnType.DATE, false),
                    ReportColumn.of("debit", "借方（应收）", "Debit", ColumnType.MONEY, true),
                    ReportColumn.of("credit", "贷方（收款）", "Credit", ColumnType.MONEY, true),
                    ReportColumn.of("balance", "余额", "Balance", ColumnType.MONEY, false)),
            Optional.empty(), "viewer");

    @Activate
    public StatementReport(@Reference RemindersStore store) {
        this.store = store;
    }

    @Override
    public ReportDefinition definition() {
        return definition;
    }

    @Override
    public void run(ReportQuery q, RowSink sink) {
        String code = q.require("customer", String.class);
        LocalDate from = q.require("from", LocalDate.class);
        LocalDate to = q.require("to", LocalDate.class);
        if (to.isBefore(from)) {
            throw new ValidationException("to", "ends (" + to + ") before from (" + from + ")");
        }
        Rows.CustomerRef c = store.tx(m -> m.customerByCode(code));
        if (c == null) {
            throw new ValidationException("customer", "unknown customer " + code);
        }
        boolean zh = "zh".equals(q.locale().getLanguage());
        Map<String, BigDecimal> balance = new HashMap<>();
        for (Rows.StatementLine o : store.tx(m -> m.openingBalance(c.id, from))) {
            BigDecimal b = o.debit.subtract(o.credit);
            balance.put(o.currency, b);
            if (!sink.row(new Object[] {from, zh ? "期初余额" : "Opening balance", null, null, null, null,
                    Money.of(b, o.currency)})) {
                return;
            }
        }
        store.stream(m -> m.statement(c.id, from, to), l -> {
            BigDecimal b = balance.getOrDefault(l.currency, BigDecimal.ZERO).add(l.debit).subtract(l.credit);
            balance.put(l.currency, b);
            String type = "INVOICE".equals(l.docType) ? (zh ? "发票" : "Invoice") : (zh ? "收款" : "Receipt");
            return sink.row(new Object[] {l.docDate, type, l.docNo, l.dueDate,
                    l.debit.signum() == 0 ? null : Money.of(l.debit, l.currency),
                    l.credit.signum() == 0 ? null : Money.of(l.credit, l.currency), Money.of(b, l.currency)});
        });
    }
}
