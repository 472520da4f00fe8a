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
import org.wanglai.api.report.ColumnType;
import org.wanglai.api.report.ParameterType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportColumn;
import org.wanglai.api.report.ReportDefinition;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;

/** Every host sales invoice, one row each: a report with more rows than one page of the report view. */
@Component(service = Report.class)
public final class InvoiceRegisterReport implements Report {

    public static final String ID = "web.sample.invoices";

    private static final ReportDefinition DEFINITION = new ReportDefinition(ID, "sample",
            LocalizedText.of("发票清单", "Invoice register"),
            LocalizedText.of("主机系统的全部销售发票", "All sales invoices of the host"),
            List.of(ReportParameter.of("from", "开始日期", "From", ParameterType.DATE, false, null),
                    ReportParameter.of("to", "结束日期", "To", ParameterType.DATE, false, null)),
            List.of(ReportColumn.text("invoice", "发票号", "Invoice"),
                    ReportColumn.text("customer", "客户编码", "Customer code"),
                    ReportColumn.text("name", "客户名称", "Customer name"),
                    ReportColumn.of("date", "开票日期", "Invoice date", ColumnType.DATE, false),
                    ReportColumn.text("region", "区域编码", "Region code"),
                    ReportColumn.of("amount", "金额", "Amount", ColumnType.MONEY, true)),
            Optional.empty(), "viewer");

    private final HostDatabase db;
    private final SqlSessionFactory factory;

    @Activate
    public InvoiceRegisterReport(@Reference HostDatabase db) {
        this.db = db;
        this.factory = db.sessionFactory(InvoiceMapper.class);
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
        db.inTransaction(tx -> {
            try (Cursor<InvoiceLine> rows = tx.mapper(factory, InvoiceMapper.class).invoices(from, to)) {
                for (InvoiceLine r : rows) {
                    if (!sink.row(new Object[] {r.getDocNo(), r.getCustomerCode(), r.getCustomerName(), r.getInvoiceDate(),
                            r.getRegionCode(), Money.of(r.getGrandTotal(), r.getCurrency().trim())})) {
                        break;
                    }
                }
            }
            return null;
        });
    }
}
