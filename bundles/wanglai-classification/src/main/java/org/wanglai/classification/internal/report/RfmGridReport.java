package org.wanglai.classification.internal.report;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.report.ChartSpec;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.classification.internal.ClassificationEngine;
import org.wanglai.classification.internal.ClsStore;

/** RFM grid of the last applied run: customers per recency × frequency score, with the average monetary score. */
@Component(service = Report.class)
public final class RfmGridReport extends ClsReport {

    @Activate
    public RfmGridReport(@Reference ClsStore store, @Reference ClassificationEngine engine) {
        super(store, engine);
    }

    @Override
    public ReportDefinition definition() {
        return new ReportDefinition("classification.rfm-grid", CAPABILITY, LocalizedText.of("RFM网格", "RFM grid"),
                LocalizedText.of("最近一次运行的R×F得分分布及平均M得分", "Recency × frequency scores of the last run, average monetary score"),
                List.of(dimensionParameter("rfm", "RFM")),
                List.of(ReportColumn.of("r", "R得分", "R score", ColumnType.INTEGER, false),
                        ReportColumn.of("f", "F得分", "F score", ColumnType.INTEGER, false),
                        ReportColumn.text("cell", "单元格", "Cell"),
                        ReportColumn.of("customers", "客户数", "Customers", ColumnType.INTEGER, true),
                        ReportColumn.of("avgM", "平均M得分", "Average M score", ColumnType.DECIMAL, false)),
                Optional.of(new ChartSpec(ChartSpec.ChartType.BAR, "cell", List.of("customers"))), "viewer");
    }

    @Override
    public void run(ReportQuery query, RowSink sink) {
        String dim = dimension(query, "rfm");
        stream(m -> m.rfmGrid(dim), r -> new Object[] { Long.valueOf(r.r()), Long.valueOf(r.f()),
                "R" + r.r() + "F" + r.f(), r.customers(), r.avgM().setScale(2, java.math.RoundingMode.HALF_UP) }, sink);
    }
}
