package org.wanglai.classification.internal.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.SqlSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.Period;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.classification.internal.Catalog;
import org.wanglai.classification.internal.ClassificationEngine;
import org.wanglai.classification.internal.ClsStore;
import org.wanglai.classification.internal.db.ClsMapper;
import org.wanglai.classification.internal.db.ClsMapper.DimensionRow;
import org.wanglai.classification.internal.db.ReportMapper;
import org.wanglai.classification.internal.metrics.CustomerMetrics;
import org.wanglai.classification.internal.metrics.MetricRow;

/**
 * Every customer with its metrics and its current value in every dimension. Two cursors ordered by customer id
 * (metrics, assignments) are merged row by row, so memory stays flat whatever the number of customers.
 */
@Component(service = Report.class)
public final class CustomerListReport extends ClsReport {

    private static final String[][] METRICS = { { "revenue", "收入", "Revenue", "MONEY" },
            { "margin", "毛利", "Gross margin", "MONEY" }, { "margin_pct", "毛利率", "Margin %", "PERCENT" },
            { "orders", "订单数", "Orders", "INTEGER" }, { "avg_order_value", "平均订单金额", "Average order", "MONEY" },
            { "days_since_last_order", "距上次下单天数", "Days since last order", "INTEGER" },
            { "tenure_months", "合作月数", "Tenure (months)", "INTEGER" }, { "trend", "趋势(后半/前半)", "Trend (H2/H1)", "DECIMAL" },
            { "late_share", "逾期发票占比", "Share paid late", "PERCENT" },
            { "avg_days_late", "平均逾期天数", "Average days late", "DECIMAL" } };

    @Activate
    public CustomerListReport(@Reference ClsStore store, @Reference ClassificationEngine engine) {
        super(store, engine);
    }

    @Override
    public ReportDefinition definition() {
        List<ReportColumn> cols = new ArrayList<>();
        cols.add(ReportColumn.text("code", "客户编码", "Customer"));
        cols.add(ReportColumn.text("name", "客户名称", "Name"));
        cols.add(ReportColumn.text("category", "客户分类", "Category"));
        cols.add(ReportColumn.of("firstOrder", "首次下单", "First order", ColumnType.DATE, false));
        for (String[] m : METRICS) {
            cols.add(ReportColumn.of(m[0], m[1], m[2], ColumnType.valueOf(m[3]),
                    m[3].equals("MONEY") || m[0].equals("orders")));
        }
        for (DimensionRow d : engine.catalog().dimensions()) {
            cols.add(ReportColumn.text("dim." + d.id(), d.nameZh(), d.nameEn()));
        }
        return new ReportDefinition("classification.customers", CAPABILITY,
                LocalizedText.of("客户分类明细", "Customers with classes and metrics"),
                LocalizedText.of("每个客户的指标及各维度当前分类", "Every customer's metrics and current value in every dimension"),
                List.of(asOfParameter(), windowParameter()), cols, Optional.empty(), "viewer");
    }

    @Override
    public void run(ReportQuery query, RowSink sink) {
        LocalDate asOf = asOf(query);
        Period w = ClsStore.window(asOf, months(query));
        Catalog catalog = engine.catalog();
        List<String> dims = catalog.dimensions().stream().map(DimensionRow::id).toList();
        try (SqlSession s = store.factory().openSession();
                Cursor<MetricRow> metrics = s.getMapper(ClsMapper.class).metrics(w.from(), w.midpoint(), w.to(), null);
                Cursor<ReportMapper.AssignmentRow> assigned = s.getMapper(ReportMapper.class).assignmentsByCustomer()) {
            Iterator<ReportMapper.AssignmentRow> it = assigned.iterator();
            ReportMapper.AssignmentRow next = it.hasNext() ? it.next() : null;
            for (MetricRow row : metrics) {
                CustomerMetrics m = new CustomerMetrics(row, asOf);
                Map<String, String> values = new HashMap<>();
                while (next != null && next.customerId() < row.customerId()) {
                    next = it.hasNext() ? it.next() : null;
                }
                while (next != null && next.customerId().equals(row.customerId())) {
                    values.put(next.dimensionId(), next.valueCode());
                    next = it.hasNext() ? it.next() : null;
                }
                List<Object> out = new ArrayList<>();
                out.add(row.code());
                out.add(row.name());
                out.add(row.category());
                out.add(row.firstOrder());
                for (String[] def : METRICS) {
                    BigDecimal v = m.number(def[0]);
                    out.add(switch (def[3]) {
                        case "MONEY" -> v == null ? null : money(v, row.currency());
                        case "INTEGER" -> v == null ? null : v.longValue();
                        default -> v;
                    });
                }
                for (String d : dims) {
                    String v = values.get(d);
                    out.add(v == null ? null : catalog.label(d, v).in(query.locale()));
                }
                if (!sink.row(out.toArray())) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
