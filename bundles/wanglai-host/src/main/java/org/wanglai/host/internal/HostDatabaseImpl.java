package org.wanglai.host.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.JdbcType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.host.HostWork;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The pooled host database. Active only once the administrator has configured it (the distribution ships
 * {@code etc/org.wanglai.host.database.cfg}); a change of the configuration in the Web Console closes the pool and
 * re-creates it, and the components that use it are restarted by SCR.
 */
@Component(configurationPid = HostDatabaseImpl.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = HostDatabaseImpl.Config.class)
public final class HostDatabaseImpl implements HostDatabase {

    public static final String PID = "org.wanglai.host.database";
    private static final Logger LOG = LoggerFactory.getLogger(HostDatabaseImpl.class);

    @ObjectClassDefinition(name = "Wanglai host database",
            description = "Connection to the host ERP database. Wanglai reads the host tables and keeps its own tables there.")
    public @interface Config {
        @AttributeDefinition(name = "JDBC URL", description = "jdbc:h2:... (embedded) or jdbc:postgresql://host:5432/db")
        String jdbcUrl() default "jdbc:h2:./data/host";

        @AttributeDefinition(name = "User")
        String user() default "sa";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(name = "Pool size", description = "Maximum number of pooled connections (1-200)")
        int poolSize() default 8;

        @AttributeDefinition(name = "Connection timeout (ms)", description = "How long to wait for a pooled connection")
        long connectionTimeoutMs() default 10_000;

        @AttributeDefinition(name = "Host profile",
                description = "The mapping of the host ERP schema; 'reference' is Wanglai's reference schema")
        String profile() default "reference";

        @AttributeDefinition(name = "Load demo data on an empty database",
                description = "When the host tables do not exist, create them and generate the demo data set")
        boolean demoDataOnEmpty() default false;

        @AttributeDefinition(name = "Demo data size", description = "schema (empty host tables), tiny (tests), demo (about 2,000 customers) or bench")
        String demoDataScale() default "demo";

        @AttributeDefinition(name = "Demo data seed")
        long demoDataSeed() default 20_260_630L;
    }

    private final HikariDataSource dataSource;
    private final String databaseId;
    private final HostProfile profile;
    private final Migrations migrations;

    @Activate
    public HostDatabaseImpl(Config config,
            @Reference(policyOption = ReferencePolicyOption.GREEDY) List<Map.Entry<Map<String, Object>, DataSourceFactory>> factories) {
        String url = require(config.jdbcUrl(), "jdbcUrl");
        if (config.poolSize() < 1 || config.poolSize() > 200) {
            throw new IllegalArgumentException("Setting 'poolSize' of " + PID + " must be between 1 and 200, was " + config.poolSize());
        }
        this.profile = HostProfile.load(require(config.profile(), "profile"));
        DataSourceFactory factory = DriverSelection.select(url, factories);
        this.dataSource = PoolFactory.create(factory, url, config.user(), config.password(), config.poolSize(),
                config.connectionTimeoutMs());
        try {
            this.databaseId = DatabaseIds.of(dataSource);
            this.migrations = new Migrations(dataSource);
            if (config.demoDataOnEmpty()) {
                DemoBootstrap.loadIfEmpty(dataSource, config.demoDataScale(), config.demoDataSeed());
            }
        } catch (RuntimeException | SQLException e) {
            dataSource.close();
            throw new IllegalStateException("Cannot open the host database at " + url + ": " + e.getMessage(), e);
        }
        LOG.info("Host database {} ({}, profile {}) open, pool size {}", url, databaseId, profile.name(),
                config.poolSize());
    }

    @Deactivate
    void close() {
        dataSource.close();
        LOG.info("Host database {} closed", dataSource.getJdbcUrl() != null ? dataSource.getJdbcUrl() : "pool");
    }

    private static String require(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Setting '" + setting + "' of " + PID + " must not be empty");
        }
        return value.trim();
    }

    @Override
    public String databaseId() {
        return databaseId;
    }

    @Override
    public String profile() {
        return profile.name();
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Configuration newConfiguration() {
        Configuration c = new Configuration(new Environment("host", new JdbcTransactionFactory(), dataSource));
        c.setDatabaseId(databaseId);
        c.setVariables(profile.variables());
        c.setMapUnderscoreToCamelCase(true);
        c.setArgNameBasedConstructorAutoMapping(true);
        c.setJdbcTypeForNull(JdbcType.NULL);
        c.setLazyLoadingEnabled(false);
        c.setCacheEnabled(false);
        c.setDefaultFetchSize(1_000);
        return c;
    }

    @Override
    public SqlSessionFactory sessionFactory(Class<?>... mapperTypes) {
        Configuration c = newConfiguration();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            if (mapperTypes.length > 0) {
                // MyBatis resolves result and parameter types named in mapper XML through the context loader.
                thread.setContextClassLoader(mapperTypes[0].getClassLoader());
            }
            for (Class<?> type : mapperTypes) {
                c.addMapper(type);
            }
            return new SqlSessionFactoryBuilder().build(c);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public Map<String, String> relations() {
        return profile.relations();
    }

    @Override
    public Properties variables() {
        return profile.variables();
    }

    @Override
    public <T> T inTransaction(HostWork<T> work) {
        try (HostTransactionImpl tx = new HostTransactionImpl(dataSource.getConnection())) {
            return tx.run(work);
        } catch (SQLException e) {
            throw new HostDataException("Host database transaction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void migrate(ClassLoader loader, String changelog) {
        migrations.migrate(loader, changelog);
    }

    /** Opens a connection outside any transaction, for internal maintenance. */
    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
