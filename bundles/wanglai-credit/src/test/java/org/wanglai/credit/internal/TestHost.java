package org.wanglai.credit.internal;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.JdbcType;
import org.h2.jdbcx.JdbcConnectionPool;
import org.wanglai.api.CreditStatus;
import org.wanglai.api.Customer;
import org.wanglai.api.CustomerCategory;
import org.wanglai.api.Money;
import org.wanglai.api.NotFoundException;
import org.wanglai.api.host.HostCustomers;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.host.HostTransaction;
import org.wanglai.api.host.HostWork;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * The host services outside OSGi, over H2 or PostgreSQL, for the benchmark: the same MyBatis settings and profile
 * variables as the host bundle, plain JDBC for the few customer-master operations credit control uses.
 */
final class TestHost implements HostDatabase, HostCustomers, AutoCloseable {
    private final DataSource pool;
    private final String databaseId;
    private final AutoCloseable closer;
    private final Properties variables = new Properties();

    /** An embedded H2 database at {@code url}. */
    TestHost(String url) throws Exception {
        this(h2(url), "h2", null);
    }

    /** Any database behind a pooled {@code dataSource}; {@code closer} releases the pool. */
    TestHost(DataSource dataSource, String databaseId, AutoCloseable closer) throws Exception {
        this.pool = dataSource;
        this.databaseId = databaseId;
        this.closer = closer != null ? closer : ((JdbcConnectionPool) dataSource)::dispose;
        try (InputStream in = HostDatabase.class.getClassLoader()
                .getResourceAsStream("org/wanglai/host/internal/profile/reference/relations.properties")) {
            variables.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    private static JdbcConnectionPool h2(String url) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(8);
        return pool;
    }

    /** A {@link CreditService.Config} with the defaults except the given settings. */
    static CreditService.Config config(Map<String, Object> settings) {
        return (CreditService.Config) Proxy.newProxyInstance(TestHost.class.getClassLoader(),
                new Class<?>[] { CreditService.Config.class }, (p, m, a) -> {
                    if (m.getName().equals("annotationType")) {
                        return CreditService.Config.class;
                    }
                    return settings.containsKey(m.getName()) ? settings.get(m.getName()) : m.getDefaultValue();
                });
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }

    @Override
    public String databaseId() {
        return databaseId;
    }

    @Override
    public String profile() {
        return "reference";
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public Configuration newConfiguration() {
        Configuration c = new Configuration(new Environment("host", new JdbcTransactionFactory(), pool));
        c.setDatabaseId(databaseId);
        c.setVariables(variables);
        c.setMapUnderscoreToCamelCase(true);
        c.setArgNameBasedConstructorAutoMapping(true);
        c.setJdbcTypeForNull(JdbcType.NULL);
        c.setCacheEnabled(false);
        c.setDefaultFetchSize(1_000);
        return c;
    }

    @Override
    public SqlSessionFactory sessionFactory(Class<?>... mapperTypes) {
        Configuration c = newConfiguration();
        for (Class<?> t : mapperTypes) {
            c.addMapper(t);
        }
        return new SqlSessionFactoryBuilder().build(c);
    }

    @Override
    public Map<String, String> relations() {
        Map<String, String> m = new HashMap<>();
        variables.forEach((k, v) -> m.put((String) k, (String) v));
        return m;
    }

    @Override
    public Properties variables() {
        return variables;
    }

    @Override
    public <T> T inTransaction(HostWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            Map<SqlSessionFactory, SqlSession> sessions = new IdentityHashMap<>();
            HostTransaction tx = new HostTransaction() {
                @Override
                public Connection connection() {
                    return c;
                }

                @Override
                public SqlSession session(SqlSessionFactory factory) {
                    return sessions.computeIfAbsent(factory, f -> f.openSession(c));
                }

                @Override
                public void setRollbackOnly() {
                    throw new UnsupportedOperationException();
                }
            };
            try {
                T result = work.run(tx);
                sessions.values().forEach(SqlSession::flushStatements);
                c.commit();
                return result;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } catch (Exception e) {
                c.rollback();
                throw new IllegalStateException(e);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void migrate(ClassLoader loader, String changelog) {
        try (Connection c = pool.getConnection()) {
            var database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(loader)),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog).execute());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- HostCustomers: what credit control uses

    @Override
    public Optional<Customer> find(long customerId) {
        return query("id = ?", customerId);
    }

    @Override
    public Optional<Customer> findByCode(String code) {
        return query("code = ?", code);
    }

    private Optional<Customer> query(String where, Object arg) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, code, name, credit_limit, credit_status, currency, created_date, category_id FROM erp_customer WHERE " + where)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Customer(rs.getLong(1), rs.getString(2), rs.getString(3), null, null, null,
                        rs.getObject(8, Long.class), null, null, null, Money.of(rs.getBigDecimal(4), rs.getString(6).trim()),
                        CreditStatus.ofCode(rs.getString(5)), rs.getDate(7).toLocalDate()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, Long> idsByCodes(Collection<String> codes) {
        Map<String, Long> ids = new HashMap<>();
        for (String code : codes) {
            findByCode(code).ifPresent(c -> ids.put(code, c.id()));
        }
        return ids;
    }

    @Override
    public long count() {
        throw new UnsupportedOperationException("not used by credit control");
    }

    @Override
    public List<CustomerCategory> categories() {
        throw new UnsupportedOperationException("not used by credit control");
    }

    @Override
    public void updateCategory(HostTransaction tx, long customerId, Long categoryId) {
        throw new UnsupportedOperationException("not used by credit control");
    }

    @Override
    public void updateCreditStatus(HostTransaction tx, long customerId, CreditStatus status) {
        update(tx, "UPDATE erp_customer SET credit_status = ? WHERE id = ?", String.valueOf(status.code()), customerId);
    }

    @Override
    public void updateCreditLimit(HostTransaction tx, long customerId, BigDecimal limit) {
        update(tx, "UPDATE erp_customer SET credit_limit = ? WHERE id = ?", limit, customerId);
    }

    @Override
    public void updatePaymentTerm(HostTransaction tx, long customerId, String termCode) {
        throw new UnsupportedOperationException("credit control never changes payment terms");
    }

    private static void update(HostTransaction tx, String sql, Object value, long id) {
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setObject(1, value);
            ps.setLong(2, id);
            if (ps.executeUpdate() != 1) {
                throw new NotFoundException("customer", String.valueOf(id));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long insertCategory(HostTransaction tx, CustomerCategory category) {
        throw new UnsupportedOperationException("not used by credit control");
    }

    @Override
    public void updateCategoryNode(HostTransaction tx, CustomerCategory category) {
        throw new UnsupportedOperationException("not used by credit control");
    }

    @Override
    public void deleteCategory(HostTransaction tx, long categoryId) {
        throw new UnsupportedOperationException("not used by credit control");
    }
}
