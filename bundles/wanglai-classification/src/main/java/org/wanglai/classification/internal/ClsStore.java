package org.wanglai.classification.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.ibatis.cursor.Cursor;
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

    /** Metrics of every customer (or one) in one statement, streamed from a cursor. */
    public List<CustomerMetrics> metrics(LocalDate asOf, int windowMonths, Long customerId) {
        Period w = window(asOf, windowMonths);
        List<CustomerMetrics> out = new ArrayList<>();
        try (SqlSession s = factory.openSession();
                Cursor<MetricRow> c = s.getMapper(ClsMapper.class).metrics(w.from(), w.midpoint(), w.to(), customerId)) {
            for (MetricRow r : c) {
                out.add(new CustomerMetrics(r, asOf));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
