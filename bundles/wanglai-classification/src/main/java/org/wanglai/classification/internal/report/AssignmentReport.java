package org.wanglai.classification.internal.report;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.classification.internal.ClassificationEngine;
import org.wanglai.classification.internal.ClsStore;

/**
 * Current customer assignments: each customer's category (with its lock flag) and every locked value of the other
 * dimensions, in the columns the assignment import reads, so that an export re-imports unchanged.
 */
@Component(service = Report.class)
public final class AssignmentReport extends ClsReport {

    @Activate
    public AssignmentReport(@Reference ClsStore store, @Reference ClassificationEngine engine) {
        super(store, engine);
    }

    @Override
    public ReportDefinition definition() {
        return new ReportDefinition("classification.assignments", CAPABILITY,
                LocalizedText.of("客户分类归属", "Customer category assignments"),
                LocalizedText.of("客户的分类及锁定的维度值", "Each customer's category and locked dimension values"), List.of(),
                List.of(ReportColumn.text("customer", "客户编码", "Customer code"),
                        ReportColumn.text("category", "分类编码", "Category code"),
                        ReportColumn.text("dimension", "维度", "Dimension"), ReportColumn.text("value", "值", "Value"),
                        ReportColumn.text("lock", "锁定", "Locked")),
                Optional.empty(), "viewer");
    }

    @Override
    public void run(ReportQuery query, RowSink sink) {
        stream(m -> m.assignments(), r -> new Object[] { r.customer(), r.category(), r.dimension(), r.valueCode(),
                r.locked() }, sink);
    }
}
