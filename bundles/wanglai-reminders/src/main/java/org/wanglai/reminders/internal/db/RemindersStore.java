package org.wanglai.reminders.internal.db;

import java.time.LocalDate;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.SqlSessionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.host.HostTransaction;

/**
 * Owns the reminders tables (Liquibase migration on activation) and the MyBatis factory of the reminders SQL; every
 * operation is one host transaction.
 */
@Component(service = RemindersStore.class)
public final class RemindersStore {
    public static final String CHANGELOG = "db/reminders-changelog.xml";

    private final HostDatabase db;
    private final SqlSessionFactory factory;

    @Activate
    public RemindersStore(@Reference HostDatabase db) {
        this.db = db;
        db.migrate(RemindersStore.class.getClassLoader(), CHANGELOG);
        this.factory = db.sessionFactory(RemindersMapper.class);
    }

    /** A unit of work on the reminders mapper. */
    @FunctionalInterface
    public interface Work<T> {
        T run(RemindersMapper mapper) throws Exception;
    }

    /** Runs {@code work} in one transaction: commit on return, rollback on exception. */
    public <T> T tx(Work<T> work) {
        return db.inTransaction(tx -> work.run(tx.mapper(factory, RemindersMapper.class)));
    }

    /** A unit of work on the reminders mapper that also writes through other host services. */
    @FunctionalInterface
    public interface HostWork<T> {
        T run(HostTransaction tx, RemindersMapper mapper) throws Exception;
    }

    /** Runs {@code work} in one transaction shared by the reminders mapper and the host writes it makes. */
    public <T> T hostTx(HostWork<T> work) {
        return db.inTransaction(tx -> work.run(tx, tx.mapper(factory, RemindersMapper.class)));
    }

    /**
     * Streams a cursor opened by {@code open} inside one transaction, row by row, never collecting the rows; stops
     * when {@code each} returns false.
     */
    public <R> long stream(Function<RemindersMapper, Cursor<R>> open, Predicate<R> each) {
        return db.inTransaction(tx -> {
            long n = 0;
            try (Cursor<R> cursor = open.apply(tx.mapper(factory, RemindersMapper.class))) {
                for (R r : cursor) {
                    n++;
                    if (!each.test(r)) {
                        break;
                    }
                }
            }
            return n;
        });
    }

    public String databaseId() {
        return db.databaseId();
    }

    /** True when {@code asOf} is today or later: an invoice marked paid has then no open item. */
    public static boolean isCurrent(LocalDate asOf) {
        return !asOf.isBefore(LocalDate.now());
    }
}
