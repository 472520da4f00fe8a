package org.wanglai.classification.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.Period;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.host.HostTransaction;
import org.wanglai.api.host.HostWork;
import org.wanglai.classification.internal.db.ClsMapper;
import org.wanglai.classification.internal.db.ReportMapper;
import org.wanglai.classification.internal.metrics.CustomerMetrics;
import org.wanglai.classification.internal.metrics.MetricRow;

/**
 * Owns the capability's tables (migrated on activation) and its MyBatis factory; every other component of the bundle
 * reaches the database through it.
 */
@Component(service = ClsStore.class)
public final class ClsStore {
    public static final String CHANGELOG = "db/classification-changelog.xml";

    private final HostDatabase db;
    private final SqlSessionFactory factory;

    @Activate
    public ClsStore(@Reference HostDatabase db) {
        this.db = db;
        db.migrate(ClsStore.class.getClassLoader(), CHANGELOG);
        this.factory = db.sessionFactory(ClsMapper.class, ReportMapper.class);
    }

    public SqlSessionFactory factory() {
        return factory;
    }

    public HostDatabase db() {
        return db;
    }

    /** Runs a read on its own session. */
    public <T> T read(Function<ClsMapper, T> work) {
        try (SqlSession s = factory.openSession()) {
            return work.apply(s.getMapper(ClsMapper.class));
        }
    }

    /** One transaction. */
    public <T> T write(HostWork<T> work) {
        return db.inTransaction(work);
    }

    public ClsMapper mapper(HostTransaction tx) {
        return tx.mapper(factory, ClsMapper.class);
    }

    /** The window of {@code months} whole months ending on {@code asOf}. */
    public static Period window(LocalDate asOf, int months) {
        return Period.trailingMonths(asOf, months);
    }

    /** The columns of the metrics statement, in the order of {@link MetricRow}'s components. */
    private static final List<String> METRIC_COLUMNS = List.of("customer_id", "code", "name", "industry", "region",
            "scale", "channel", "payment_term", "category_id", "category", "currency", "created_date", "revenue",
            "revenue_h1", "revenue_h2", "cost", "orders", "order_total", "first_order", "last_order", "due_count",
            "late_count", "days_late_sum");

    /** Metrics of every customer (or one) in one statement, streamed. */
    public List<CustomerMetrics> metrics(LocalDate asOf, int windowMonths, Long customerId) {
        Period w = window(asOf, windowMonths);
        Map<String, Object> p = new HashMap<>();
        p.put("from", w.from());
        p.put("mid", w.midpoint());
        p.put("to", w.to());
        p.put("customerId", customerId);
        List<CustomerMetrics> out = new ArrayList<>();
        try (SqlSession s = factory.openSession()) {
            select(s.getConnection(), "metrics", p, METRIC_COLUMNS, (rs, at) -> out.add(new CustomerMetrics(
                    new MetricRow(longOrNull(rs, at[0]), rs.getString(at[1]), rs.getString(at[2]), rs.getString(at[3]),
                            rs.getString(at[4]), rs.getString(at[5]), rs.getString(at[6]), rs.getString(at[7]),
                            longOrNull(rs, at[8]), rs.getString(at[9]), rs.getString(at[10]),
                            rs.getObject(at[11], LocalDate.class), rs.getBigDecimal(at[12]), rs.getBigDecimal(at[13]),
                            rs.getBigDecimal(at[14]), rs.getBigDecimal(at[15]), longOrNull(rs, at[16]),
                            rs.getBigDecimal(at[17]), rs.getObject(at[18], LocalDate.class),
                            rs.getObject(at[19], LocalDate.class), longOrNull(rs, at[20]), longOrNull(rs, at[21]),
                            longOrNull(rs, at[22])),
                    asOf)));
        }
        return out;
    }

    /** {@link #select(Connection, String, Map, List, RowReader)} on a session of its own. */
    public void select(String statement, Map<String, Object> params, List<String> columns, RowReader reader) {
        try (SqlSession s = factory.openSession()) {
            select(s.getConnection(), statement, params, columns, reader);
        }
    }

    /** One row of a result set; {@code at[k]} is the position of the k-th column asked for. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet rs, int[] at) throws SQLException;
    }

    /**
     * Runs the SELECT {@code statement} of {@link ClsMapper} on {@code c} over plain JDBC and hands every row to
     * {@code reader}, the columns located by name once: for the statements of a row per customer or per assignment,
     * whose per-row result mapping in MyBatis costs about as much as the query. The SQL, its host relations and
     * the binding of {@code params} are the mapped statement's own.
     */
    public void select(Connection c, String statement, Map<String, Object> params, List<String> columns,
            RowReader reader) {
        MappedStatement ms = factory.getConfiguration().getMappedStatement(ClsMapper.class.getName() + "." + statement);
        BoundSql sql = ms.getBoundSql(params);
        try (PreparedStatement ps = c.prepareStatement(sql.getSql(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            if (ms.getFetchSize() != null) {
                ps.setFetchSize(ms.getFetchSize());
            }
            new DefaultParameterHandler(ms, params, sql).setParameters(ps);
            try (ResultSet rs = ps.executeQuery()) {
                int[] at = new int[columns.size()];
                for (int k = 0; k < at.length; k++) {
                    at[k] = rs.findColumn(columns.get(k));
                }
                while (rs.next()) {
                    reader.read(rs, at);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Classification statement '" + statement + "' failed: " + e.getMessage(), e);
        }
    }

    /** A BIGINT column as MyBatis reads it: null when SQL NULL. */
    public static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return v == 0 && rs.wasNull() ? null : v;
    }
}
