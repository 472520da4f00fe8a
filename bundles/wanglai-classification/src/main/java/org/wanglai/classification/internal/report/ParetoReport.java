package org.wanglai.classification.internal.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import org.wanglai.classification.internal.ClassificationEngine;
import org.wanglai.classification.internal.ClsStore;

/** Pareto / contribution: customers by revenue with the cumulative share of revenue and an ABC class (80% / 95%). */
@Component(service = Report.class)
public final class ParetoReport extends ClsReport {

    @Activate
    public ParetoReport(@Reference ClsStore store, @Reference ClassificationEngine engine) {
        super(store, engine);
    }

    @Override
    public ReportDefinition definition() {
        return new ReportDefinition("classification.pareto", CAPABILITY,
                LocalizedText.of("客户贡献帕累托分析", "Customer contribution (Pareto)"),
                LocalizedText.of("按收入排序的客户及累计收入占比，A类≤80%，B类≤95%", "Customers by revenue with cumulative share; A up to 80%, B up to 95%"),
                List.of(asOfParameter(), windowParameter()),
                List.of(ReportColumn.of("rank", "排名", "Rank", ColumnType.INTEGER, false),
                        ReportColumn.text("code", "客户编码", "Customer"),
                        ReportColumn.text("name", "客户名称", "Name"),
                        ReportColumn.of("revenue", "收入", "Revenue", ColumnType.MONEY, true),
                        ReportColumn.of("margin", "毛利", "Gross margin", ColumnType.MONEY, true),
                        ReportColumn.of("share", "收入占比", "Share of revenue", ColumnType.PERCENT, false),
                        ReportColumn.of("cumShare", "累计收入占比", "Cumulative share", ColumnType.PERCENT, false),
                        ReportColumn.of("customerShare", "累计客户占比", "Cumulative share of customers", ColumnType.PERCENT, false),
                        ReportColumn.text("abc", "ABC分类", "ABC class")),
                Optional.of(new ChartSpec(ChartSpec.ChartType.LINE, "code", List.of("cumShare"))), "viewer");
    }

    @Override
    public void run(ReportQuery query, RowSink sink) {
        Period w = ClsStore.window(asOf(query), months(query));
        stream(m -> m.pareto(w.from(), w.to()), r -> {
            BigDecimal total = r.totalRevenue();
            boolean none = total == null || total.signum() == 0;
            BigDecimal share = none ? null : r.revenue().divide(total, 6, RoundingMode.HALF_UP);
            BigDecimal cum = none ? null : r.cumRevenue().divide(total, 6, RoundingMode.HALF_UP);
            // The class follows the share before this customer: the customer that crosses 80% is still A.
            BigDecimal before = none ? null : r.cumRevenue().subtract(r.revenue()).divide(total, 6, RoundingMode.HALF_UP);
            String abc = none || r.revenue().signum() <= 0 ? "C"
                    : before.compareTo(new BigDecimal("0.80")) < 0 ? "A"
                    : before.compareTo(new BigDecimal("0.95")) < 0 ? "B" : "C";
            return new Object[] { r.rankNo(), r.code(), r.name(), money(r.revenue(), r.currency()),
                    money(r.margin(), r.currency()), share, cum,
                    BigDecimal.valueOf(r.rankNo()).divide(BigDecimal.valueOf(r.customerCount()), 6, RoundingMode.HALF_UP), abc };
        }, sink);
    }
}
