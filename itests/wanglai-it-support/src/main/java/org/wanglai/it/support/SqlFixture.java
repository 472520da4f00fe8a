package org.wanglai.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.wanglai.api.host.HostDatabase;

/**
 * Loads hand-written rows (a SQL script carried by the test bundle, statements separated by ';' at line ends) into
 * the host tables in one transaction. Scripts must be portable across H2 and PostgreSQL.
 */
public final class SqlFixture {
    private SqlFixture() {
    }

    public static void run(HostDatabase db, Class<?> owner, String resource) {
        String script;
        try (InputStream in = owner.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource + " in " + owner.getName() + "'s bundle");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        execute(db, script);
    }

    public static void execute(HostDatabase db, String script) {
        db.inTransaction(tx -> {
            Connection c = tx.connection();
            try (Statement st = c.createStatement()) {
                for (String sql : script.split(";\\s*(\\r?\\n|$)")) {
                    String trimmed = stripComments(sql).trim();
                    if (!trimmed.isEmpty()) {
                        try {
                            st.execute(trimmed);
                        } catch (SQLException e) {
                            throw new SQLException(e.getMessage() + " in: " + trimmed, e.getSQLState(), e);
                        }
                    }
                }
            }
            return null;
        });
    }

    private static String stripComments(String sql) {
        StringBuilder b = new StringBuilder();
        for (String line : sql.split("\\r?\\n")) {
            if (!line.trim().startsWith("--")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }
}
