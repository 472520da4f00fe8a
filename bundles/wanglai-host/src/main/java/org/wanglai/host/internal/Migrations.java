package org.wanglai.host.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Runs the Liquibase changelogs that plug-in bundles carry for their own tables. */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private final DataSource dataSource;

    Migrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Serialised: two bundles starting at once must not race on Liquibase's lock table creation. */
    synchronized void migrate(ClassLoader loader, String changelog) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Liquibase discovers its own services through the context loader.
        thread.setContextClassLoader(Scope.class.getClassLoader());
        try (Connection c = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(loader));
            Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                    .execute());
            LOG.info("Plug-in schema {} is up to date", changelog);
        } catch (SQLException e) {
            throw new HostDataException("Cannot migrate " + changelog + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new HostDataException("Migration " + changelog + " failed: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
