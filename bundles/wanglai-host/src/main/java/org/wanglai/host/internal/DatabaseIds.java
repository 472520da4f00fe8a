package org.wanglai.host.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/** Maps the connected product to the MyBatis databaseId used by {@code databaseId="..."} statements. */
final class DatabaseIds {
    private DatabaseIds() {
    }

    static String of(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return of(c.getMetaData().getDatabaseProductName());
        }
    }

    static String of(String productName) {
        String p = productName.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return "h2";
        }
        if (p.contains("postgres")) {
            return "postgresql";
        }
        throw new IllegalStateException("Unsupported database product '" + productName + "'");
    }
}
