package org.wanglai.costing.internal.report;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.ValidationException;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.costing.internal.CostingService;

/**
 * Customer category × product category matrix (客户分类×产品类别): revenue and gross margin of every pair, as a long
 * table that Excel's pivot turns into a matrix. Cost-to-serve is customer-level and appears on the
 * "(customer-level cost)" product row of each category.
 */
@Component(service = org.wanglai.api.report.Report.class, property = "wanglai.report=costing.matrix")
public final class CategoryProductMatrixReport extends CubeReport {

    private static final ReportDefinition DEFINITION = new ReportDefinition("costing.matrix", "costing",
            LocalizedText.of("客户分类 × 产品类别矩阵", "Customer category × product category matrix"),
            LocalizedText.of("每个客户分类与产品类别组合的收入、毛利和毛利率", "Revenue, gross margin and margin % of each customer category and product category"),
            List.of(FROM, TO, ReportParameter.choice("level", "客户分类层级", "Category level", "1",
                    ReportParameter.Choice.of("1", "一级", "Level 1"), ReportParameter.Choice.of("2", "二级", "Level 2"),
                    ReportParameter.Choice.of("leaf", "末级", "Leaf"))),
            List.of(ReportColumn.text("customer_category", "客户分类", "Customer category"),
                    ReportColumn.text("product_category", "产品类别", "Product category"),
                    ReportColumn.of("customers", "客户数", "Customers", ColumnType.INTEGER, false),
                    ReportColumn.of("revenue", "销售收入", "Revenue", ColumnType.MONEY, true),
                    ReportColumn.of("gross_margin", "毛利", "Gross margin", ColumnType.MONEY, true),
                    ReportColumn.of("gross_margin_pct", "毛利率", "Gross margin %", ColumnType.PERCENT, false),
                    ReportColumn.of("cost_to_serve", "服务成本", "Cost-to-serve", ColumnType.MONEY, true),
                    ReportColumn.of("net_profit", "净利润", "Net profit", ColumnType.MONEY, true)),
            Optional.empty(), "viewer");

    @Activate
    public CategoryProductMatrixReport(@Reference CostingService costing) {
        super(costing);
    }

    @Override
    public ReportDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void run(ReportQuery q, RowSink sink) {
        String level = q.get("level", String.class) == null ? "1" : q.get("level", String.class);
        String dim = switch (level) {
            case "1" -> "category1";
            case "2" -> "category2";
            case "leaf" -> "category";
            default -> throw new ValidationException("level", "must be 1, 2 or leaf");
        };
        costing.stream(cube(q, List.of(dim, "product_category"), List.of("customers", "revenue", "gross_margin",
                "gross_margin_pct", "cost_to_serve", "net_profit"), null, false),
                row -> sink.row(new Object[] { label(row, 0, q), label(row, 1, q), count(row.measure("customers")),
                        money(row.measure("revenue")), money(row.measure("gross_margin")),
                        row.measure("gross_margin_pct"), money(row.measure("cost_to_serve")),
                        money(row.measure("net_profit")) }));
    }
}
