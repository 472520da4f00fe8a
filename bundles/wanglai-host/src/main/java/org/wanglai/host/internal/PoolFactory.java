package org.wanglai.host.internal;

import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import org.osgi.service.jdbc.DataSourceFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the HikariCP pool over a driver-provided (unpooled) data source. */
final class PoolFactory {
    private PoolFactory() {
    }

    static HikariDataSource create(DataSourceFactory factory, String url, String user, String password, int poolSize,
            long connectionTimeoutMs) {
        Properties props = new Properties();
        props.setProperty(DataSourceFactory.JDBC_URL, url);
        if (user != null && !user.isEmpty()) {
            props.setProperty(DataSourceFactory.JDBC_USER, user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty(DataSourceFactory.JDBC_PASSWORD, password);
        }
        DataSource raw;
        try {
            raw = factory.createDataSource(props);
        } catch (SQLException e) {
            throw new IllegalArgumentException("Setting 'jdbcUrl': the driver rejected " + url + ": " + e.getMessage(), e);
        }
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("wanglai-host");
        hc.setDataSource(raw);
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(Math.min(2, poolSize));
        hc.setConnectionTimeout(Math.max(250, connectionTimeoutMs));
        hc.setAutoCommit(true);
        hc.setInitializationFailTimeout(Math.max(1, connectionTimeoutMs));
        return new HikariDataSource(hc);
    }
}
