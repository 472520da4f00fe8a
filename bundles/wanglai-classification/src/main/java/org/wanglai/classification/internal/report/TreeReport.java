package org.wanglai.classification.internal.report;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.classification.internal.ClassificationEngine;
import org.wanglai.classification.internal.ClsStore;

/** The category tree with customers per node: the export of the tree (its columns are those the tree import reads). */
@Component(service = Report.class)
public final class TreeReport extends ClsReport {

    @Activate
    public TreeReport(@Reference ClsStore store, @Reference ClassificationEngine engine) {
        super(store, engine);
    }

    @Override
    public ReportDefinition definition() {
        return new ReportDefinition("classification.tree", CAPABILITY, LocalizedText.of("客户分类树", "Customer category tree"),
                LocalizedText.of("分类编码、名称、上级及客户数", "Category codes, names, parents and customers"), List.of(),
                List.of(ReportColumn.text("code", "分类编码", "Code"), ReportColumn.text("nameZh", "中文名称", "Chinese name"),
                        ReportColumn.text("nameEn", "英文名称", "English name"), ReportColumn.text("parent", "上级编码", "Parent code"),
                        ReportColumn.of("customers", "客户数", "Customers", ColumnType.INTEGER, false)),
                Optional.empty(), "viewer");
    }

    @Override
    public void run(ReportQuery query, RowSink sink) {
        stream(m -> m.tree(), r -> new Object[] { r.code(), r.nameZh(), r.nameEn(), r.parentCode(), r.customers() }, sink);
    }
}
