package org.wanglai.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
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
}
