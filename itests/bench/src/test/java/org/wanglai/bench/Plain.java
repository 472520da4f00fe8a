package org.wanglai.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.host.internal.HostCustomersImpl;
import org.wanglai.host.internal.HostDatabaseImpl;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The host data service and the capability components built with their constructors on a plain class path, as SCR
 * would build them in the container (same classes, same mapper XML, same Liquibase changelogs), minus the framework.
 */
final class Plain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Plain.class);

    final HostDatabase db;
    final HostCustomersImpl customers;

    Plain(String jdbcUrl, int poolSize) {
        List<Map.Entry<Map<String, Object>, DataSourceFactory>> drivers = List.of(Map.entry(
                Map.of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.postgresql.Driver"), new PGDataSourceFactory()));
        this.db = new HostDatabaseImpl(Configs.of(HostDatabaseImpl.Config.class,
                Map.of("jdbcUrl", stripUser(jdbcUrl), "user", "postgres", "password", "", "poolSize", poolSize,
                        "demoDataOnEmpty", false)), drivers);
        this.customers = new HostCustomersImpl(db);
    }

    private static String stripUser(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /**
     * Drops Wanglai's own tables (and Liquibase's) so that every run starts from the same state: the host tables and
     * the data set marker stay. With {@code keepCosting} the costing tables, their Liquibase history and the cube
     * facts marker stay too (the prepared cube facts, see {@link CubeFacts}).
     */
    static void resetPluginTables(Connection c, boolean keepCosting) throws SQLException {
        List<String> drop = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                        + " AND tablename NOT LIKE 'erp\\_%' AND tablename <> 'wanglai_bench_dataset'")) {
            while (rs.next()) {
                String t = rs.getString(1);
                if (!(keepCosting && keptWithCosting(t))) {
                    drop.add(t);
                }
            }
        }
        try (Statement st = c.createStatement()) {
            for (String t : drop) {
                st.execute("DROP TABLE IF EXISTS \"" + t + "\" CASCADE");
            }
            List<String> seqs = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    seqs.add(rs.getString(1));
                }
            }
            for (String s : seqs) {
                if (!(keepCosting && s.startsWith(COSTING_PREFIX))) {
                    st.execute("DROP SEQUENCE IF EXISTS \"" + s + "\" CASCADE");
                }
            }
            if (keepCosting) {
                // everything but costing migrates from scratch (the host's own changelog recreates the digest
                // table); costing's Liquibase history says its tables are there, so its migration changes nothing
                st.executeUpdate("DELETE FROM databasechangelog WHERE filename <> '" + CubeFacts.CHANGELOG + "'");
            }
        }
        LOG.info("Dropped {} Wanglai tables of earlier runs{}", drop.size(),
                keepCosting ? " (kept the costing tables with the prepared cube facts)" : "");
    }

    private static final String COSTING_PREFIX = "wl_cost_";

    private static boolean keptWithCosting(String table) {
        return table.startsWith(COSTING_PREFIX) || table.equals("databasechangelog")
                || table.equals("databasechangeloglock") || table.equals(CubeFacts.MARKER);
    }

    @Override
    public void close() {
        ((HikariDataSource) db.dataSource()).close();
    }
}
