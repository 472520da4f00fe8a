package org.wanglai.it.web.sample;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.SqlSessionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.Money;
import org.wanglai.api.ValidationException;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.report.ChartSpec;
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ParameterType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;

/** Revenue per region from the host invoices, streamed from a MyBatis cursor. */
@Component(service = Report.class)
public final class RevenueByRegionReport implements Report {

    public static final String ID = "web.sample.revenue-by-region";

    private static final ReportDefinition DEFINITION = new ReportDefinition(ID, "sample",
            LocalizedText.of("各区域收入", "Revenue by region"),
            LocalizedText.of("按区域与币种汇总的开票金额", "Invoiced amounts by region and currency"),
            List.of(ReportParameter.of("from", "开始日期", "From", ParameterType.DATE, false, null),
                    ReportParameter.of("to", "结束日期", "To", ParameterType.DATE, false, null)),
            List.of(ReportColumn.text("code", "区域编码", "Region code"),
                    ReportColumn.text("region", "区域", "Region"),
                    ReportColumn.of("invoices", "发票数", "Invoices", ColumnType.INTEGER, true),
                    ReportColumn.of("revenue", "收入", "Revenue", ColumnType.MONEY, true)),
            Optional.of(new ChartSpec(ChartSpec.ChartType.BAR, "region", List.of("revenue"))), "viewer");

    private final HostDatabase db;
    private final SqlSessionFactory factory;

    @Activate
    public RevenueByRegionReport(@Reference HostDatabase db) {
        this.db = db;
        this.factory = db.sessionFactory(RevenueMapper.class);
    }

    @Override
    public ReportDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void run(ReportQuery query, RowSink sink) {
        LocalDate from = query.get("from", LocalDate.class);
        LocalDate to = query.get("to", LocalDate.class);
        if (from != null && to != null && from.isAfter(to)) {
            throw new ValidationException("to", "must not be before from");
        }
        boolean zh = "zh".equals(query.locale().getLanguage());
        db.inTransaction(tx -> {
            try (Cursor<RegionRevenue> rows = tx.mapper(factory, RevenueMapper.class).revenueByRegion(from, to)) {
                for (RegionRevenue r : rows) {
                    if (!sink.row(new Object[] {r.getRegionCode(), zh ? r.getNameZh() : r.getNameEn(), r.getInvoices(),
                            Money.of(r.getRevenue(), r.getCurrency().trim())})) {
                        break;
                    }
                }
            }
            return null;
        });
    }
}
