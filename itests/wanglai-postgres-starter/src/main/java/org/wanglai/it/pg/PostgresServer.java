package org.wanglai.it.pg;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts a real PostgreSQL server (binaries from Maven Central, no installed server needed) for the in-framework
 * tests and writes its JDBC coordinates to the file given as the first argument. It runs in the Maven JVM and stops
 * when Maven exits.
 */
public final class PostgresServer {
    private static EmbeddedPostgres server;

    private PostgresServer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PostgresServer <jdbc.properties to write>");
        }
        if (server == null) {
            // The server's own output goes to a file next to the coordinates, not into the build log.
            System.setProperty("org.slf4j.simpleLogger.log.io.zonky.test", "warn");
            Path log = Path.of(args[0]).resolveSibling("postgres.log");
            Files.createDirectories(log.getParent());
            // The data directory lives under the module's target/ (removed by mvn clean, never left in /tmp) and is
            // removed here first so every build starts from an empty cluster. Only our hook stops the server: the
            // library's own hook would delete the directory with classes Maven has already unloaded.
            Path data = Path.of(args[0]).resolveSibling("data");
            deleteTree(data);
            server = EmbeddedPostgres.builder()
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException | RuntimeException | LinkageError e) {
                    // the JVM ends anyway; the data directory goes with the next build or mvn clean
                }
            }));
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.getParent());
        Properties p = new Properties();
        p.setProperty("jdbcUrl", server.getJdbcUrl("postgres", "postgres"));
        p.setProperty("user", "postgres");
        p.setProperty("password", "");
        try (Writer w = Files.newBufferedWriter(out)) {
            p.store(w, "PostgreSQL started for the in-framework tests");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
