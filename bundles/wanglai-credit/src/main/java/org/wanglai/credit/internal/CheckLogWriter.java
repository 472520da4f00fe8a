package org.wanglai.credit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.host.HostDatabase;

/**
 * Writes the check log in batches off the check's thread, so that a check costs no database round trip. Rows wait
 * in memory until the next flush (every few hundred milliseconds, and when the bundle stops).
 */
final class CheckLogWriter {
    private static final Logger LOG = LoggerFactory.getLogger(CheckLogWriter.class);
    private static final int BATCH = 500;

    private final HostDatabase db;
    private final SqlSessionFactory factory;
    private final ConcurrentLinkedQueue<CreditMapper.CheckRow> queue = new ConcurrentLinkedQueue<>();

    CheckLogWriter(HostDatabase db, SqlSessionFactory factory) {
        this.db = db;
        this.factory = factory;
    }

    void add(CreditMapper.CheckRow row) {
        queue.add(row);
    }

    /** Writes everything queued so far; returns the number of rows written. Serialised. */
    synchronized int flush() {
        int written = 0;
        while (!queue.isEmpty()) {
            List<CreditMapper.CheckRow> batch = new ArrayList<>(BATCH);
            for (CreditMapper.CheckRow r = queue.peek(); r != null && batch.size() < BATCH; r = queue.peek()) {
                batch.add(queue.poll());
            }
            try {
                db.inTransaction(tx -> {
                    tx.mapper(factory, CreditMapper.class).insertChecks(batch);
                    return null;
                });
            } catch (RuntimeException e) {
                // keep the rows for the next attempt, in their order
                List<CreditMapper.CheckRow> rest = new ArrayList<>(batch);
                rest.addAll(queue);
                queue.clear();
                queue.addAll(rest);
                LOG.error("Cannot write {} credit check log rows (kept for the next attempt): {}", batch.size(),
                        e.getMessage());
                return written;
            }
            written += batch.size();
        }
        return written;
    }

    int pending() {
        return queue.size();
    }
}
