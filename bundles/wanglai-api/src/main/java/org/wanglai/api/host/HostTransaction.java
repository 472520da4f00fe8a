package org.wanglai.api.host;

import java.sql.Connection;

import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One open host transaction. Every session it hands out runs on the same JDBC connection, so writes through
 * several bundles' mappers commit or roll back together.
 */
@ProviderType
public interface HostTransaction {

    Connection connection();

    /** A session of {@code factory} on this transaction's connection; closed when the transaction ends. */
    SqlSession session(SqlSessionFactory factory);

    /** Shortcut for {@code session(factory).getMapper(type)}. */
    default <M> M mapper(SqlSessionFactory factory, Class<M> type) {
        return session(factory).getMapper(type);
    }

    /** Marks the transaction so that it rolls back even if the work returns normally. */
    void setRollbackOnly();
}
