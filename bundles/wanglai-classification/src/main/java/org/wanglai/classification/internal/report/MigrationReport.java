package org.wanglai.classification.internal.report;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.ValidationException;
import org.wanglai.api.report.ChartSpec;
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
import org.wanglai.classification.internal.db.ReportMapper;

/**
 * Migration matrix of one dimension between two runs: how many customers had value A after the first run and B
 * after the second (default: the last two full runs).
 */
@Component(service = Report.class)
public final class MigrationReport extends ClsReport {

    @Activate
    public MigrationReport(@Reference ClsStore store, @Reference ClassificationEngine engine) {
        super(store, engine);
    }

    @Override
    public ReportDefinition definition() {
        return new ReportDefinition("classification.migration", CAPABILITY,
                LocalizedText.of("分类迁移矩阵", "Class migration matrix"),
                LocalizedText.of("两次运行之间各分类的客户迁移", "Customers moving between classes from one run to another"),
                List.of(dimensionParameter("value_tier", null),
                        ReportParameter.of("fromRun", "起始运行号", "From run", ParameterType.INTEGER, false, null),
                        ReportParameter.of("toRun", "截止运行号", "To run", ParameterType.INTEGER, false, null)),
                List.of(ReportColumn.text("from", "原分类", "From"), ReportColumn.text("to", "新分类", "To"),
                        ReportColumn.text("move", "迁移", "Move"),
                        ReportColumn.of("customers", "客户数", "Customers", ColumnType.INTEGER, true)),
                Optional.of(new ChartSpec(ChartSpec.ChartType.BAR, "move", List.of("customers"))), "viewer");
    }

    @Override
    public void run(ReportQuery query, RowSink sink) {
        String dim = dimension(query, "value_tier");
        Long to = query.get("toRun", Long.class);
        if (to == null) {
            try (var s = store.factory().openSession()) {
                to = s.getMapper(ReportMapper.class).latestRun(null);
            }
        }
        if (to == null) {
            return;
        }
        Long from = query.get("fromRun", Long.class);
        if (from == null) {
            long t = to;
            try (var s = store.factory().openSession()) {
                from = s.getMapper(ReportMapper.class).latestRun(t);
            }
        }
        long fromRun = from == null ? 0 : from;
        long toRun = to;
        if (fromRun > toRun) {
            throw new ValidationException("fromRun", "the first run (" + fromRun + ") is after the second (" + toRun + ")");
        }
        Catalog catalog = engine.catalog();
        stream(m -> m.migration(dim, fromRun, toRun), r -> {
            String f = "-".equals(r.fromValue()) ? "-" : catalog.label(dim, r.fromValue()).in(query.locale());
            String t = "-".equals(r.toValue()) ? "-" : catalog.label(dim, r.toValue()).in(query.locale());
            return new Object[] { f, t, f + " → " + t, r.customers() };
        }, sink);
    }
}
