package org.wanglai.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.host.internal.demo.DemoDataGenerator;

/**
 * The reference host schema ({@code host-schema.sql} of the host bundle) split for a bulk load into PostgreSQL: the
 * tables without their keys, unique constraints, foreign keys and indexes (which PostgreSQL would otherwise maintain
 * and check row by row during COPY), and afterwards those constraints and indexes, under the names PostgreSQL gives
 * the inline ones. {@link #verify} proves the result equals the schema that {@code host-schema.sql} creates.
 */
final class BulkSchema {
    private static final Logger LOG = LoggerFactory.getLogger(BulkSchema.class);
    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^CREATE TABLE (\\w+) \\((.*)\\)$");
    private static final Pattern COLUMN = Pattern.compile("^\\s*(\\w+)\\s+.*$");
    private static final Pattern REFERENCES = Pattern.compile("(?i)\\s+REFERENCES\\s+(\\w+)\\((\\w+)\\)");
    private static final Pattern PRIMARY_KEY = Pattern.compile("(?i)\\s+PRIMARY KEY");
    private static final Pattern UNIQUE = Pattern.compile("(?i)\\s+UNIQUE");

    private final List<String> original = new ArrayList<>();
    private final List<String> tables = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final List<String> indexes = new ArrayList<>();
    private final List<String> foreignKeys = new ArrayList<>();

    BulkSchema() {
        String text;
        try (InputStream in = DemoDataGenerator.class.getResourceAsStream("host-schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("host-schema.sql not found next to " + DemoDataGenerator.class);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            int comment = line.indexOf("--");
            sb.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        for (String stmt : sb.toString().split(";")) {
            String s = stmt.strip();
            if (s.isEmpty()) {
                continue;
            }
            original.add(s);
            Matcher t = CREATE_TABLE.matcher(s);
            if (t.matches()) {
                split(t.group(1), t.group(2));
            } else if (s.regionMatches(true, 0, "CREATE INDEX", 0, 12)
                    || s.regionMatches(true, 0, "CREATE UNIQUE INDEX", 0, 19)) {
                indexes.add(s);
            } else {
                throw new IllegalStateException("host-schema.sql: unexpected statement " + s);
            }
        }
    }

    private void split(String table, String body) {
        List<String> columns = new ArrayList<>();
        for (String line : body.split("\n")) {
            String l = line.stripTrailing();
            if (l.isBlank()) {
                continue;
            }
            boolean comma = l.endsWith(",");
            String def = comma ? l.substring(0, l.length() - 1) : l;
            Matcher c = COLUMN.matcher(def);
            if (!c.matches()) {
                throw new IllegalStateException("host-schema.sql: unexpected line in " + table + ": " + l);
            }
            String column = c.group(1);
            Matcher pk = PRIMARY_KEY.matcher(def);
            if (pk.find()) {
                keys.add("ALTER TABLE " + table + " ADD PRIMARY KEY (" + column + ")");
                def = pk.replaceAll("");
            }
            Matcher uq = UNIQUE.matcher(def);
            if (uq.find()) {
                keys.add("ALTER TABLE " + table + " ADD UNIQUE (" + column + ")");
                def = uq.replaceAll("");
            }
            Matcher fk = REFERENCES.matcher(def);
            if (fk.find()) {
                foreignKeys.add("ALTER TABLE " + table + " ADD FOREIGN KEY (" + column + ") REFERENCES " + fk.group(1)
                        + "(" + fk.group(2) + ")");
                def = fk.replaceAll("");
            }
            columns.add("    " + def.strip());
        }
        tables.add("CREATE TABLE " + table + " (\n" + String.join(",\n", columns) + "\n)");
    }

    /** Creates the tables without constraints or indexes. */
    void createTables(Connection c) throws SQLException {
        run(c, tables);
    }

    /** Adds keys, unique constraints, indexes and foreign keys (validated against the loaded rows). */
    void addConstraints(Connection c) throws SQLException {
        long t0 = System.nanoTime();
        run(c, keys);
        run(c, indexes);
        run(c, foreignKeys);
        LOG.info("Added {} keys, {} indexes and {} foreign keys in {} s", keys.size(), indexes.size(),
                foreignKeys.size(), (System.nanoTime() - t0) / 1_000_000_000);
    }

    /**
     * Compares the constraints and indexes of the public schema with those host-schema.sql creates in a scratch
     * schema; fails on any difference.
     */
    void verify(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS bench_schema_check CASCADE");
            st.execute("CREATE SCHEMA bench_schema_check");
            st.execute("SET search_path TO bench_schema_check");
            try {
                for (String s : original) {
                    st.execute(s);
                }
            } finally {
                st.execute("SET search_path TO public");
            }
            Set<String> expected = definitions(st, "bench_schema_check");
            Set<String> actual = definitions(st, "public");
            st.execute("DROP SCHEMA bench_schema_check CASCADE");
            if (!expected.equals(actual)) {
                Set<String> missing = new TreeSet<>(expected);
                missing.removeAll(actual);
                Set<String> extra = new TreeSet<>(actual);
                extra.removeAll(expected);
                throw new IllegalStateException("The bulk-loaded schema differs from host-schema.sql: missing "
                        + missing + ", extra " + extra);
            }
            LOG.info("Schema verified against host-schema.sql: {} columns, constraints and indexes", expected.size());
        }
    }

    private static Set<String> definitions(Statement st, String schema) throws SQLException {
        Set<String> out = new TreeSet<>();
        String q = "'" + schema + "'";
        try (ResultSet rs = st.executeQuery("SELECT c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)"
                + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = " + q + " AND c.relname LIKE 'erp\\_%'")) {
            while (rs.next()) {
                out.add("constraint " + rs.getString(1).replace(schema + ".", ""));
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = "
                + q + " AND tablename LIKE 'erp\\_%'")) {
            while (rs.next()) {
                out.add("index " + rs.getString(1).replace(schema + ".", ""));
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT table_name || '.' || column_name || ' ' || data_type || ' '"
                + " || COALESCE(character_maximum_length::text, '') || ' ' || COALESCE(numeric_precision::text, '')"
                + " || ',' || COALESCE(numeric_scale::text, '') || ' ' || is_nullable || ' '"
                + " || COALESCE(column_default, '') FROM information_schema.columns WHERE table_schema = " + q
                + " AND table_name LIKE 'erp\\_%'")) {
            while (rs.next()) {
                out.add("column " + rs.getString(1));
            }
        }
        return out;
    }

    private static void run(Connection c, List<String> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : statements) {
                try {
                    st.execute(s);
                } catch (SQLException e) {
                    throw new SQLException("Failed: " + s + ": " + e.getMessage(), e.getSQLState(), e);
                }
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }
}
