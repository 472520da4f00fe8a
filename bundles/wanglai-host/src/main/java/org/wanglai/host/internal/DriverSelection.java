package org.wanglai.host.internal;

import java.util.List;
import java.util.Map;

import org.osgi.service.jdbc.DataSourceFactory;

/** Picks the JDBC driver service (OSGi {@link DataSourceFactory}) that serves a JDBC URL. */
final class DriverSelection {
    private DriverSelection() {
    }

    static String driverClassFor(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "org.h2.Driver";
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        throw new IllegalArgumentException(
                "Setting 'jdbcUrl': unsupported database '" + jdbcUrl + "'; use jdbc:h2:... or jdbc:postgresql://...");
    }

    static DataSourceFactory select(String jdbcUrl, List<Map.Entry<Map<String, Object>, DataSourceFactory>> factories) {
        String driverClass = driverClassFor(jdbcUrl);
        for (Map.Entry<Map<String, Object>, DataSourceFactory> e : factories) {
            if (driverClass.equals(e.getKey().get(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS))) {
                return e.getValue();
            }
        }
        throw new IllegalStateException("No JDBC driver bundle for " + driverClass + " is active (needed by jdbcUrl "
                + jdbcUrl + "); install the driver bundle");
    }
}
