package org.wanglai.reminders.internal.report;

import java.math.BigDecimal;
import java.util.List;
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
import org.wanglai.reminders.internal.run.Letters;
import org.wanglai.reminders.internal.run.Settings;

/**
 * The reminder letter (催款函) of one customer in one run, bilingual in every label so that one sheet serves both
 * readers: three heading rows (our company, the customer, the date and the letter's level), then the items with
 * invoice and due dates, days overdue, level, open amount, interest and amount due, then the letter's fee. The
 * exporter adds the totals row. The e-mail attaches it as .xlsx through the platform's exporter; fee and interest
 * are shown, not posted. Texts from the host (names, document numbers) go through the exporter, which keeps text
 * that a spreadsheet would take for a formula as text.
 */
@Component(service = {Report.class, LetterReport.class}, property = "wanglai.report=reminders.letter",
        configurationPid = Settings.PID)
public final class LetterReport implements Report {
    static final String FEE_ROW = "催款手续费 / Reminder fee";

    private final RemindersStore store;
    private final Settings settings;
    private final ReportDefinition definition = new ReportDefinition("reminders.letter", "reminders",
            LocalizedText.of("催款函 / Payment reminder", "Payment reminder / 催款函"),
            LocalizedText.of("一个催款批次中一个客户的催款函：公司、明细、到期日、逾期天数、金额、合计与手续费（仅供参考，未记账）",
                    "One customer's reminder letter in one run: company, items, due dates, days overdue, amounts, "
                            + "total and fee (shown, not charged)"),
            List.of(ReportParameter.of("run", "催款批次", "Run", ParameterType.INTEGER, true, null),
                    ReportParameter.of("customer", "客户", "Customer", ParameterType.CUSTOMER, true, null)),
            List.of(ReportColumn.text("doc_no", "单据号 / Invoice", "Invoice / 单据号"),
                    ReportColumn.of("invoice_date", "开票日 / Date", "Date / 开票日", ColumnType.DATE, false),
                    ReportColumn.of("due_date", "到期日 / Due", "Due / 到期日", ColumnType.DATE, false),
                    ReportColumn.of("days", "逾期天数 / Days overdue", "Days overdue / 逾期天数", ColumnType.INTEGER, false),
                    ReportColumn.of("level", "催款级别 / Level", "Level / 催款级别", ColumnType.INTEGER, false),
                    ReportColumn.of("open", "未付金额 / Open amount", "Open amount / 未付金额", ColumnType.MONEY, true),
                    ReportColumn.of("interest", "利息 / Interest", "Interest / 利息", ColumnType.MONEY, true),
                    ReportColumn.of("fee", "手续费 / Fee", "Fee / 手续费", ColumnType.MONEY, true),
                    ReportColumn.of("due", "应付金额 / Amount due", "Amount due / 应付金额", ColumnType.MONEY, true)),
            Optional.empty(), "accountant");

    @Activate
    public LetterReport(@Reference RemindersStore store, Settings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public ReportDefinition definition() {
        return definition;
    }

    @Override
    public void run(ReportQuery q, RowSink sink) {
        long runId = q.require("run", Long.class);
        String code = q.require("customer", String.class);
        Rows.Run run = store.tx(m -> m.findRun(runId));
        if (run == null) {
            throw new ValidationException("run", "unknown reminder run " + runId);
        }
        Rows.CustomerRef c = store.tx(m -> m.customerByCode(code));
        if (c == null) {
            throw new ValidationException("customer", "unknown customer " + code);
        }
        List<Rows.RunItem> items = store.tx(m -> m.runItems(runId, c.id)).stream()
                .filter(i -> !"EXCLUDED".equals(i.status)).toList();
        if (items.isEmpty()) {
            throw new ValidationException("customer", "customer " + code + " has no items in reminder run " + runId);
        }
        int level = items.stream().mapToInt(i -> i.levelNo).max().orElse(1);
        String[] heading = {
            "发函单位 / From: " + settings.companyNameZh() + " / " + settings.companyNameEn(),
            "致 / To: " + c.name + " (" + c.code + ")",
            "截至 / As of " + run.asOf + ": " + Letters.levelZh(level) + " / " + Letters.levelEn(level)};
        for (String h : heading) {
            if (!sink.row(new Object[] {h, null, null, null, null, null, null, null, null})) {
                return;
            }
        }
        BigDecimal fee = BigDecimal.ZERO;
        String feeCurrency = c.currency;
        for (Rows.RunItem i : items) {
            BigDecimal interest = i.interest == null ? BigDecimal.ZERO : i.interest;
            if (!sink.row(new Object[] {i.docNo, i.invoiceDate, i.dueDate, (long) i.daysOverdue, (long) i.levelNo,
                Money.of(i.openAmount, i.currency), Money.of(interest, i.currency), null,
                Money.of(i.openAmount.add(interest), i.currency)})) {
                return;
            }
            // one fee per letter: the highest level's fee, as the e-mail text states it
            if (i.fee != null && i.fee.compareTo(fee) > 0) {
                fee = i.fee;
                feeCurrency = i.currency;
            }
        }
        if (fee.signum() > 0) {
            Money f = Money.of(fee, feeCurrency);
            sink.row(new Object[] {FEE_ROW, null, null, null, null, null, null, f, f});
        }
    }
}
