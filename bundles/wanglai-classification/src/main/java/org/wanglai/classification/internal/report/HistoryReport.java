package org.wanglai.classification.internal.report;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ParameterType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.classification.internal.Catalog;
import org.wanglai.classification.internal.ClassificationEngine;
import org.wanglai.classification.internal.ClsStore;

/** Every classification change of one customer, newest first: the audit trail. */
@Component(service = Report.class)
public final class HistoryReport extends ClsReport {
    private final HostCustomers customers;

    @Activate
    public HistoryReport(@Reference ClsStore store, @Reference ClassificationEngine engine,
            @Reference HostCustomers customers) {
        super(store, engine);
        this.customers = customers;
    }

    @Override
    public ReportDefinition definition() {
        return new ReportDefinition("classification.history", CAPABILITY,
                LocalizedText.of("客户分类历史", "Classification history"),
                LocalizedText.of("一个客户的全部分类变更：原值、新值、原因、运行、用户、时间", "Every change of one customer: old, new, reason, run, user, time"),
                List.of(ReportParameter.of("customer", "客户编码", "Customer", ParameterType.CUSTOMER, true, null)),
                List.of(ReportColumn.of("changedAt", "日期", "Date", ColumnType.DATE, false),
                        ReportColumn.text("time", "时间", "Time"),
                        ReportColumn.text("dimension", "维度", "Dimension"),
                        ReportColumn.text("old", "原值", "Old value"),
                        ReportColumn.text("new", "新值", "New value"),
                        ReportColumn.text("reason", "原因", "Reason"),
                        ReportColumn.of("run", "运行号", "Run", ColumnType.INTEGER, false),
                        ReportColumn.text("trigger", "触发方式", "Trigger"),
                        ReportColumn.text("user", "用户", "User")),
                Optional.empty(), "viewer");
    }

    @Override
    public void run(ReportQuery query, RowSink sink) {
        String code = query.require("customer", String.class);
        long id = customers.findByCode(code).orElseThrow(() -> new NotFoundException("customer", code)).id();
        Catalog catalog = engine.catalog();
        stream(m -> m.history(id), r -> new Object[] { r.changedAt().toLocalDate(),
                r.changedAt().toLocalTime().withNano(0).toString(),
                catalog.find(r.dimensionId()).map(d -> LocalizedText.of(d.nameZh(), d.nameEn()).in(query.locale())).orElse(r.dimensionId()),
                r.oldValue() == null ? null : catalog.label(r.dimensionId(), r.oldValue()).in(query.locale()),
                r.newValue() == null ? null : catalog.label(r.dimensionId(), r.newValue()).in(query.locale()),
                r.reason(), r.runId(), r.runTrigger(), r.changedBy() }, sink);
    }
}
