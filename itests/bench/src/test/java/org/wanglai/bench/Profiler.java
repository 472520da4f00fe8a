package org.wanglai.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * JFR profiles of operations that miss their target: one of their runs under a recording (settings "profile"), then
 * the execution samples aggregated by top frame and by the first frame in Wanglai code.
 */
final class Profiler {
    private static final java.util.Set<String> SOCKET_WAIT = java.util.Set.of("Net.poll", "SocketDispatcher.read0",
            "SocketInputStream.socketRead0");
    private final Path dir;

    Profiler(Path dir) {
        this.dir = dir;
    }

    /** Runs {@code op} once under a JFR recording written to {@code <dir>/<name>.jfr}; returns the summary. */
    String profile(String name, Callable<?> op) throws Exception {
        record(name, op);
        return summary(name);
    }

    /**
     * Runs {@code op} once under a JFR recording written to {@code <dir>/<name>.jfr} and returns its result; the
     * summary is read later with {@link #summary}, only for the operations that miss their target.
     */
    <T> T record(String name, Callable<T> op) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".jfr");
        try (Recording r = new Recording(Configuration.getConfiguration("profile"))) {
            r.start();
            T result = op.call();
            r.stop();
            r.dump(file);
            return result;
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The summary of the recording {@code name} made by {@link #record}. */
    String summary(String name) throws IOException {
        Path file = dir.resolve(name + ".jfr");
        if (!Files.exists(file)) {
            return "no JFR recording " + file.getFileName();
        }
        return summarize(file, null);
    }

    /**
     * The 8 most sampled top frames and the 5 most sampled first Wanglai frames, as percentages of the execution
     * samples; only threads whose name contains {@code thread} when given.
     */
    static String summarize(Path file, String thread) throws IOException {
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int total = 0;
        int nativeSamples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("jdk.NativeMethodSample")) {
                // a JDBC read blocks in Net.poll (socket with a timeout) or SocketDispatcher.read0 on JDK 17
                var t = e.getThread("sampledThread");
                String name = t == null ? null : t.getJavaName();
                RecordedStackTrace st = e.getStackTrace();
                if (name != null && name.contains(thread == null ? "main" : thread) && st != null
                        && !st.getFrames().isEmpty() && SOCKET_WAIT.contains(frame(st.getFrames().get(0)))) {
                    nativeSamples++;
                }
                continue;
            }
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            if (thread != null) {
                var t = e.getThread("sampledThread");
                if (t == null || t.getJavaName() == null || !t.getJavaName().contains(thread)) {
                    continue;
                }
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = st.getFrames();
            top.merge(frame(frames.get(0)), 1, Integer::sum);
            for (RecordedFrame f : frames) {
                if (f.getMethod().getType().getName().startsWith("org.wanglai.")
                        && !f.getMethod().getType().getName().startsWith("org.wanglai.bench.")) {
                    ours.merge(frame(f), 1, Integer::sum);
                    break;
                }
            }
        }
        if (total == 0) {
            return "JFR " + file.getFileName() + ": no execution samples";
        }
        return "JFR " + file.getFileName() + " (" + total + " Java execution samples, every 10 ms of running Java; "
                + nativeSamples + " native samples, every 20 ms, of the " + (thread == null ? "main" : thread)
                + " thread waiting in a socket read, i.e. for the database): top frames " + topN(top, total, 8)
                + "; first Wanglai frame on the stack " + topN(ours, total, 5);
    }

    private static String frame(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    private static String topN(Map<String, Integer> counts, int total, int n) {
        Map<String, Integer> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return sorted.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / total))
                .collect(Collectors.joining(", "));
    }
}
