package org.wanglai.costing.internal.report;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.wanglai.api.Money;
import org.wanglai.api.ValidationException;
import org.wanglai.api.costing.CubeQuery;
import org.wanglai.api.costing.CubeRow;
import org.wanglai.api.report.ParameterType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.costing.internal.CostingService;

/** Shared parts of the costing reports: the month range parameters and conversions of cube rows to cells. */
abstract class CubeReport implements Report {

    static final ReportParameter FROM = ReportParameter.of("from", "起始月份", "From month", ParameterType.MONTH, true,
            "current");
    static final ReportParameter TO = ReportParameter.of("to", "截止月份", "To month", ParameterType.MONTH, true,
            "current");

    final CostingService costing;

    CubeReport(CostingService costing) {
        this.costing = costing;
    }

    static YearMonth from(ReportQuery q) {
        return q.require("from", YearMonth.class);
    }

    static YearMonth to(ReportQuery q) {
        YearMonth to = q.require("to", YearMonth.class);
        if (to.isBefore(from(q))) {
            throw new ValidationException("to", "ends before the start month");
        }
        return to;
    }

    CubeQuery cube(ReportQuery q, List<String> dims, List<String> measures, String sortBy, boolean desc) {
        return new CubeQuery(dims, measures, from(q), to(q), Map.of(), sortBy, desc, 0);
    }

    Money money(BigDecimal v) {
        return v == null ? null : Money.of(v, costing.currencyCode());
    }

    static Long count(BigDecimal v) {
        return v == null ? null : v.longValue();
    }

    static String label(CubeRow row, int i, ReportQuery q) {
        return row.keys().get(i).label().in(q.locale());
    }
}
