package org.wanglai.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.session.SqlSessionFactory;

/** Plain JDBC: a statement run on one connection with every row and column read, nothing mapped or kept. */
final class SqlBaseline {
    private SqlBaseline() {
    }

    /** The SQL text a capability's mapped statement produces for these parameters (its own aggregation). */
    static Bound bind(SqlSessionFactory factory, String statement, Map<String, Object> params) {
        BoundSql b = factory.getConfiguration().getMappedStatement(statement).getBoundSql(params);
        List<ParameterMapping> pms = b.getParameterMappings();
        Object[] values = new Object[pms.size()];
        for (int i = 0; i < values.length; i++) {
            String p = pms.get(i).getProperty();
            if (b.hasAdditionalParameter(p)) {
                values[i] = b.getAdditionalParameter(p);
            } else if (!params.containsKey(p)) {
                throw new IllegalArgumentException(statement + " needs parameter " + p);
            } else {
                values[i] = params.get(p);
            }
        }
        return new Bound(b.getSql(), values);
    }

    record Bound(String sql, Object[] values) {
    }

    /** Runs {@code sql} and reads every column of every row; returns the row count. */
    static long drain(Connection c, String sql, Object... values) throws SQLException {
        c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(1_000);
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            long rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= cols; i++) {
                        rs.getObject(i);
                    }
                    rows++;
                }
            }
            return rows;
        } finally {
            c.commit();
            c.setAutoCommit(true);
        }
    }
}
