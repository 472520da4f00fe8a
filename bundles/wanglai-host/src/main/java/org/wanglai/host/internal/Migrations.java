package org.wanglai.host.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
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
import liquibase.ui.LoggerUIService;

/** Runs the Liquibase changelogs that plug-in bundles carry for their own tables. */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    static final String OWN_CHANGELOG = "db/host-changelog.xml";
    private final DataSource dataSource;
    private boolean ownSchemaReady;

    Migrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Serialised: two bundles starting at once must not race on Liquibase's lock table creation. A changelog whose
     * content digest was recorded after a complete update, and whose Liquibase history is present, is not handed to
     * Liquibase again: a restart with unchanged bundles then costs two small queries instead of Liquibase's start-up.
     * A changed, new or never-completed changelog always goes through Liquibase.
     */
    synchronized void migrate(ClassLoader loader, String changelog) {
        String digest = digest(loader, changelog);
        if (!ownSchemaReady) {
            String own = digest(Migrations.class.getClassLoader(), OWN_CHANGELOG);
            if (!applied(OWN_CHANGELOG, own)) {
                update(Migrations.class.getClassLoader(), OWN_CHANGELOG);
                record(OWN_CHANGELOG, own);
            }
            ownSchemaReady = true;
        }
        if (applied(changelog, digest)) {
            LOG.info("Plug-in schema {} is up to date (unchanged since its last update)", changelog);
            return;
        }
        update(loader, changelog);
        record(changelog, digest);
    }

    private void update(ClassLoader loader, String changelog) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Liquibase discovers its own services through the context loader.
        thread.setContextClassLoader(Scope.class.getClassLoader());
        try (Connection c = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            // Liquibase's progress goes to the log, not to the container's console.
            Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(loader),
                    Scope.Attr.ui.name(), new LoggerUIService());
            ByteArrayOutputStream summary = new ByteArrayOutputStream();
            Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                    .setOutput(summary)
                    .execute());
            LOG.info("Plug-in schema {} is up to date{}", changelog,
                    summary.size() == 0 ? "" : "\n" + summary.toString(StandardCharsets.UTF_8).strip());
        } catch (SQLException e) {
            throw new HostDataException("Cannot migrate " + changelog + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new HostDataException("Migration " + changelog + " failed: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** True when this exact changelog content was applied in full and Liquibase's history of it is present. */
    private boolean applied(String changelog, String digest) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement recorded = c.prepareStatement(
                        "SELECT digest FROM wl_schema_digest WHERE changelog = ?");
                PreparedStatement history = c.prepareStatement(
                        "SELECT COUNT(*) FROM databasechangelog WHERE filename = ?")) {
            recorded.setString(1, changelog);
            try (ResultSet rs = recorded.executeQuery()) {
                if (!rs.next() || !digest.equals(rs.getString(1).trim())) {
                    return false;
                }
            }
            history.setString(1, changelog);
            try (ResultSet rs = history.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            // no digest table or no Liquibase history yet (a new database): Liquibase decides
            LOG.debug("No recorded digest for {}: {}", changelog, e.getMessage());
            return false;
        }
    }

    private void record(String changelog, String digest) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM wl_schema_digest WHERE changelog = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO wl_schema_digest (changelog, digest, applied_at) VALUES (?, ?, ?)")) {
                delete.setString(1, changelog);
                delete.executeUpdate();
                insert.setString(1, changelog);
                insert.setString(2, digest);
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            // the schema is up to date; only the next start's shortcut is lost
            LOG.warn("Cannot record the digest of {}: {}", changelog, e.getMessage());
        }
    }

    static String digest(ClassLoader loader, String changelog) {
        try (InputStream in = loader.getResourceAsStream(changelog)) {
            if (in == null) {
                throw new HostDataException("Changelog " + changelog + " not found in the calling bundle", null);
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(in.readAllBytes()));
        } catch (IOException e) {
            throw new HostDataException("Cannot read changelog " + changelog + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
