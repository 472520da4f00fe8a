package org.wanglai.classification.internal.report;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.Period;
import org.wanglai.api.report.ChartSpec;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.classification.internal.Catalog;
import org.wanglai.classification.internal.ClassificationEngine;
import org.wanglai.classification.internal.ClsStore;

/** Class summary: customers, share, revenue, margin and share of revenue per value of one dimension. */
@Component(service = Report.class)
public final class SummaryReport extends ClsReport {

    @Activate
    public SummaryReport(@Reference ClsStore store, @Reference ClassificationEngine engine) {
        super(store, engine);
    }

    @Override
    public ReportDefinition definition() {
        return new ReportDefinition("classification.summary", CAPABILITY,
                LocalizedText.of("客户分类汇总", "Classification summary"),
                LocalizedText.of("各分类的客户数、占比、收入、毛利与收入贡献", "Customers, share, revenue, margin and revenue share per class"),
                List.of(dimensionParameter("value_tier", null), asOfParameter(), windowParameter()),
                List.of(ReportColumn.text("value", "分类代码", "Class code"),
                        ReportColumn.text("label", "分类", "Class"),
                        ReportColumn.of("customers", "客户数", "Customers", ColumnType.INTEGER, true),
                        ReportColumn.of("customerShare", "客户占比", "Share of customers", ColumnType.PERCENT, false),
                        ReportColumn.of("revenue", "收入", "Revenue", ColumnType.MONEY, true),
                        ReportColumn.of("margin", "毛利", "Gross margin", ColumnType.MONEY, true),
                        ReportColumn.of("revenueShare", "收入贡献", "Share of revenue", ColumnType.PERCENT, false)),
                Optional.of(new ChartSpec(ChartSpec.ChartType.BAR, "label", List.of("revenue", "margin"))), "viewer");
    }

    @Override
    public void run(ReportQuery query, RowSink sink) {
        String dim = dimension(query, "value_tier");
        Period w = ClsStore.window(asOf(query), months(query));
        Catalog catalog = engine.catalog();
        stream(m -> m.summary(dim, w.from(), w.to()), r -> new Object[] { r.valueCode(),
                "-".equals(r.valueCode()) ? LocalizedText.of("未分类", "Unclassified").in(query.locale())
                        : catalog.label(dim, r.valueCode()).in(query.locale()),
                r.customers(), r.customerShare(), money(r.revenue(), r.currency()), money(r.margin(), r.currency()),
                r.revenueShare() }, sink);
    }
}
