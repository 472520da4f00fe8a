package org.wanglai.host.internal.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.host.HostDatabase;

/**
 * Gogo shell command {@code wanglai:demodata <tiny|demo|bench> [seed] [asOf]}: fills the (empty) host database with
 * the demo data set. The as-of date defaults to today, the seed to 42.
 */
@Component(service = DemoCommands.class,
        property = {"osgi.command.scope=wanglai", "osgi.command.function=demodata"})
public final class DemoCommands {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommands.class);
    static final long DEFAULT_SEED = 42L;

    private final HostDatabase db;

    @Activate
    public DemoCommands(@Reference HostDatabase db) {
        this.db = db;
    }

    public String demodata(String scale) {
        return demodata(scale, DEFAULT_SEED);
    }

    public String demodata(String scale, long seed) {
        return demodata(scale, seed, LocalDate.now().toString());
    }

    public String demodata(String scale, long seed, String asOf) {
        DemoDataGenerator.Scale size = parseScale(scale);
        LocalDate date;
        try {
            date = LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("asOf must be a date like 2026-06-30, was '" + asOf + "'");
        }
        DemoDataGenerator generator = new DemoDataGenerator(size, seed, date);
        try (Connection c = db.dataSource().getConnection()) {
            DemoDataGenerator.Stats stats = generator.generate(c);
            return "Demo data " + size.name().toLowerCase(Locale.ROOT) + " (seed " + seed + ", as of " + date
                    + "): " + stats.summary();
        } catch (SQLException e) {
            LOG.error("Demo data generation ({}, seed {}) failed", size, seed, e);
            throw new IllegalStateException("Demo data generation failed: " + e.getMessage(), e);
        }
    }

    static DemoDataGenerator.Scale parseScale(String scale) {
        try {
            return DemoDataGenerator.Scale.valueOf(scale.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("scale must be tiny, demo or bench, was '" + scale + "'");
        }
    }
}
