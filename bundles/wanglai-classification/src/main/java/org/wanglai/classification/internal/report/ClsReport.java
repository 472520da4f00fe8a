package org.wanglai.classification.internal.report;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.SqlSession;
import org.wanglai.api.Money;
import org.wanglai.api.ValidationException;
import org.wanglai.api.report.ParameterType;
import org.wanglai.api.report.Report;
import org.wanglai.api.report.ReportParameter;
import org.wanglai.api.report.ReportQuery;
import org.wanglai.api.report.RowSink;
import org.wanglai.classification.internal.Catalog;
import org.wanglai.classification.internal.ClassificationEngine;
import org.wanglai.classification.internal.ClsStore;
import org.wanglai.classification.internal.db.ClsMapper.DimensionRow;
import org.wanglai.classification.internal.db.ReportMapper;

/** Shared plumbing of the classification reports: parameters, sessions, cursors. */
abstract class ClsReport implements Report {
    static final String CAPABILITY = "classification";

    protected final ClsStore store;
    protected final ClassificationEngine engine;

    ClsReport(ClsStore store, ClassificationEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    static ReportParameter asOfParameter() {
        return ReportParameter.of("asOf", "截至日期", "As of", ParameterType.DATE, true, "today");
    }

    static ReportParameter windowParameter() {
        return ReportParameter.of("months", "统计月数", "Window (months)", ParameterType.INTEGER, false, "12");
    }

    ReportParameter dimensionParameter(String defaultValue, String method) {
        List<ReportParameter.Choice> choices = new ArrayList<>();
        for (DimensionRow d : engine.catalog().dimensions()) {
            if (method == null || method.equals(d.method())) {
                choices.add(ReportParameter.Choice.of(d.id(), d.nameZh(), d.nameEn()));
            }
        }
        return ReportParameter.choice("dimension", "维度", "Dimension", defaultValue,
                choices.toArray(new ReportParameter.Choice[0]));
    }

    static LocalDate asOf(ReportQuery q) {
        LocalDate d = q.get("asOf", LocalDate.class);
        return d == null ? LocalDate.now() : d;
    }

    int months(ReportQuery q) {
        Long m = q.get("months", Long.class);
        if (m == null) {
            return engine.windowMonths();
        }
        if (m < 1 || m > 120) {
            throw new ValidationException("months", "must be between 1 and 120, was " + m);
        }
        return m.intValue();
    }

    /** The requested dimension, which must exist (a whitelist of the configured ids). */
    String dimension(ReportQuery q, String fallback) {
        String d = q.get("dimension", String.class);
        String id = d == null ? fallback : d;
        Catalog c = engine.catalog();
        if (c.find(id).isEmpty()) {
            throw new ValidationException("dimension", "unknown dimension '" + id + "'");
        }
        return id;
    }

    static Money money(java.math.BigDecimal amount, String currency) {
        return Money.of(amount == null ? java.math.BigDecimal.ZERO : amount, currency == null ? "CNY" : currency.trim());
    }

    /** Streams a cursor of the report mapper into the sink, converting each row. */
    <T> void stream(java.util.function.Function<ReportMapper, Cursor<T>> query,
            java.util.function.Function<T, Object[]> toRow, RowSink sink) {
        try (SqlSession s = store.factory().openSession(); Cursor<T> c = query.apply(s.getMapper(ReportMapper.class))) {
            for (T row : c) {
                Object[] values = toRow.apply(row);
                if (values != null && !sink.row(values)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public abstract void run(ReportQuery query, RowSink sink);
}
