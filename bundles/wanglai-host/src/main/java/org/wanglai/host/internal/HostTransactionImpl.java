package org.wanglai.host.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.wanglai.api.host.HostTransaction;
import org.wanglai.api.host.HostWork;

/**
 * One JDBC connection with auto-commit off. Sessions of any bundle's factory are opened on it, so all their
 * statements commit or roll back together.
 */
final class HostTransactionImpl implements HostTransaction, AutoCloseable {
    private final Connection connection;
    private final Map<SqlSessionFactory, SqlSession> sessions = new IdentityHashMap<>();
    private boolean rollbackOnly;

    HostTransactionImpl(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
    }

    <T> T run(HostWork<T> work) throws SQLException {
        T result;
        try {
            result = work.run(this);
            for (SqlSession s : sessions.values()) {
                s.flushStatements();
            }
        } catch (Exception | Error e) {
            rollbackQuietly(e);
            throw propagate(e);
        }
        if (rollbackOnly) {
            connection.rollback();
        } else {
            connection.commit();
        }
        return result;
    }

    private void rollbackQuietly(Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static RuntimeException propagate(Throwable e) {
        if (e instanceof RuntimeException re) {
            return re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new HostDataException(e.getMessage(), e);
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public SqlSession session(SqlSessionFactory factory) {
        return sessions.computeIfAbsent(factory, f -> f.openSession(connection));
    }

    @Override
    public void setRollbackOnly() {
        rollbackOnly = true;
    }

    @Override
    public void close() throws SQLException {
        // A MyBatis session opened on a supplied connection closes that connection when it closes; the pool's
        // proxy tolerates the repeated close.
        for (SqlSession s : sessions.values()) {
            s.close();
        }
        sessions.clear();
        connection.close();
    }
}
