package org.wanglai.host.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.host.internal.demo.DemoDataGenerator;

/** On first start against an empty database, creates the reference host schema and loads the demo data set. */
final class DemoBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(DemoBootstrap.class);

    private DemoBootstrap() {
    }

    /** Scale {@code schema} creates the empty host tables only (tests bring their own rows). */
    static void loadIfEmpty(DataSource ds, String scale, long seed) throws SQLException {
        String s = scale.trim().toUpperCase(java.util.Locale.ROOT);
        boolean schemaOnly = "SCHEMA".equals(s);
        DemoDataGenerator.Scale size;
        try {
            size = schemaOnly ? DemoDataGenerator.Scale.TINY : DemoDataGenerator.Scale.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Setting 'demoDataScale': expected schema, tiny, demo or bench, was '" + scale + "'");
        }
        DemoDataGenerator generator = new DemoDataGenerator(size, seed, LocalDate.now());
        try (Connection c = ds.getConnection()) {
            if (generator.hostSchemaExists(c)) {
                return;
            }
            c.setAutoCommit(false);
            if (schemaOnly) {
                generator.createSchema(c);
                c.commit();
                LOG.info("Empty host database: created the reference host tables");
                return;
            }
            LOG.info("Empty host database: generating the {} demo data set (seed {})", size, seed);
            DemoDataGenerator.Stats stats = generator.generate(c);
            c.commit();
            LOG.info("Demo data loaded: {}", stats);
        }
    }
}
