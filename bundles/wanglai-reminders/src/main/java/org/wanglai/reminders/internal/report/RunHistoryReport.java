package org.wanglai.reminders.internal.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ParameterType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.reminders.internal.db.RemindersStore;

/** Reminder runs with their outcome: who proposed and approved, customers, items, excluded, sent, failed. */
@Component(service = Report.class, property = "wanglai.report=reminders.runs")
public final class RunHistoryReport implements Report {
    private final RemindersStore store;
    private final ReportDefinition definition = new ReportDefinition("reminders.runs", "reminders",
            LocalizedText.of("催款批次记录", "Reminder run history"),
            LocalizedText.of("每个催款批次的审批与发送结果", "Approval and delivery outcome of every reminder run"),
            List.of(ReportParameter.of("from", "开始日期", "From", ParameterType.DATE, true, null),
                    ReportParameter.of("to", "结束日期", "To", ParameterType.DATE, true, "today")),
            List.of(ReportColumn.of("run", "批次", "Run", ColumnType.INTEGER, false),
                    ReportColumn.of("as_of", "截至日期", "As of", ColumnType.DATE, false),
                    ReportColumn.text("status", "状态", "Status"),
                    ReportColumn.text("created_by", "创建人", "Proposed by"),
                    ReportColumn.text("approved_by", "审批人", "Approved by"),
                    ReportColumn.of("customers", "客户数", "Customers", ColumnType.INTEGER, true),
                    ReportColumn.of("items", "项数", "Items", ColumnType.INTEGER, true),
                    ReportColumn.of("excluded", "排除项", "Excluded", ColumnType.INTEGER, true),
                    ReportColumn.of("sent", "已发送项", "Sent", ColumnType.INTEGER, true),
                    ReportColumn.of("amount", "催收金额", "Amount", ColumnType.DECIMAL, true),
                    ReportColumn.of("failed", "发送失败", "Failed deliveries", ColumnType.INTEGER, true)),
            Optional.empty(), "accountant");

    @Activate
    public RunHistoryReport(@Reference RemindersStore store) {
        this.store = store;
    }

    @Override
    public ReportDefinition definition() {
        return definition;
    }

    @Override
    public void run(ReportQuery q, RowSink sink) {
        LocalDate from = q.require("from", LocalDate.class);
        LocalDate to = q.require("to", LocalDate.class);
        store.stream(m -> m.runHistory(from, to), r -> sink.row(new Object[] {r.id, r.asOf, r.status, r.createdBy,
            r.approvedBy, r.customers, r.items, r.excluded, r.sent, r.amount, r.deliveriesFailed}));
    }
}
