package org.wanglai.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The bulk-load split of host-schema.sql gives back exactly host-schema.sql, and a difference is caught. */
class BulkSchemaTest {
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void tablesThenConstraintsEqualTheScript() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
            BulkSchema schema = new BulkSchema();
            schema.createTables(c);
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid"
                    + " WHERE t.relname LIKE 'erp\\_%' AND k.contype IN ('p', 'u', 'f')")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no keys during the load");
            }
            schema.addConstraints(c);
            schema.verify(c);
            // and a schema that lacks one index is told apart
            st.execute("DROP INDEX erp_invoice_open_idx");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> schema.verify(c));
            assertTrue(e.getMessage().contains("erp_invoice_open_idx"), e.getMessage());
        }
    }
}
