package org.wanglai.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** File and port chores of the tests that run the built distribution from outside, as an administrator would. */
final class Installation {
    /** The Web Console's password file, written by the launcher on first start. */
    static final String CONSOLE_CFG = "etc/org.apache.felix.webconsole.internal.servlet.OsgiManager.cfg";
    /** The web users with their password hashes, written by the launcher on first start. */
    static final String USERS_CFG = "etc/org.wanglai.web.users.cfg";

    private Installation() {
    }

    /** A fresh copy of the built distribution (programs, configuration, bundles), without its generated secrets. */
    static void copy(Path from, Path to) throws IOException {
        for (String dir : List.of("bin", "conf", "etc", "system", "deploy")) {
            try (Stream<Path> files = Files.walk(from.resolve(dir))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else if (!Set.of(CONSOLE_CFG, USERS_CFG).contains(from.relativize(file).toString())) {
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** The file's text, empty when it does not exist (yet). */
    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** A condition polled until it yields a value. */
    interface Probe<T> {
        Optional<T> poll() throws Exception;
    }

    /**
     * Polls {@code probe} until it yields a value; fails at once when the container process exits and after
     * {@code timeout}, with the container's console and whatever {@code diagnostics} adds.
     */
    static <T> T await(Process process, Path consoleOut, String what, Duration timeout, Probe<T> probe,
            Callable<String> diagnostics) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("container exited with " + process.exitValue() + " while waiting for " + what
                        + "; console:\n" + read(consoleOut));
            }
            Optional<T> result = probe.poll();
            if (result.isPresent()) {
                return result.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + "; console:\n" + read(consoleOut) + diagnostics.call());
    }
}
