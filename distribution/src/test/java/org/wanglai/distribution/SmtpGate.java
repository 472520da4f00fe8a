package org.wanglai.distribution;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay between the container's e-mail channel and the test's SMTP server that can stop one message half-way,
 * so that the test kills the container at a known point of the SMTP exchange instead of at a random moment:
 * <ul>
 * <li>{@link Mode#HOLD_DATA_END}: the line ending the message's DATA is not passed on; the server never gets the
 * whole message and drops it when the connection breaks;</li>
 * <li>{@link Mode#HOLD_REPLY}: the message reaches the server, which stores it, but its "250" reply is not passed back;
 * the sender cannot know that the message arrived.</li>
 * </ul>
 * Messages are counted across connections in the order their DATA ends. Everything else is relayed byte for byte.
 */
final class SmtpGate implements AutoCloseable {

    enum Mode {
        HOLD_DATA_END, HOLD_REPLY
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("^Message-ID:\\s*<([^>@]+)@", Pattern.CASE_INSENSITIVE);

    private final ServerSocket listener;
    private final int serverPort;
    private final AtomicInteger messages = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Mode mode;
    private volatile int holdAt = -1;
    private volatile CompletableFuture<String> held = new CompletableFuture<>();

    SmtpGate(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "smtp-gate");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Messages whose DATA the sender has ended so far, held ones included. */
    int messages() {
        return messages.get();
    }

    /**
     * Holds the {@code n}-th message (counted from the first message through this gate) as {@code how} says; the
     * returned future completes with the message's key (the local part of its Message-ID) once it is held.
     */
    CompletableFuture<String> hold(Mode how, int n) {
        held = new CompletableFuture<>();
        mode = how;
        holdAt = n;
        return held;
    }

    /** Relays every further message unchanged. */
    void open() {
        holdAt = -1;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(client);
                sockets.add(server);
                Connection c = new Connection(client, server);
                start("smtp-gate-up", c::up);
                start("smtp-gate-down", c::down);
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("smtp gate: " + e);
                }
            }
        }
    }

    private static void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    /** One SMTP connection: the sender's lines go up to the server, the server's replies come down. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        private volatile boolean holdNextReply;
        private volatile String heldKey;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void up() {
            try (InputStream in = new BufferedInputStream(client.getInputStream());
                    OutputStream out = server.getOutputStream()) {
                boolean data = false;
                boolean dropping = false;
                String key = null;
                byte[] line;
                while ((line = readLine(in)) != null) {
                    if (dropping) {
                        continue; // the held message: nothing more reaches the server
                    }
                    String text = new String(line, StandardCharsets.ISO_8859_1).stripTrailing();
                    if (!data) {
                        data = text.toUpperCase(Locale.ROOT).equals("DATA");
                        key = null;
                    } else if (text.equals(".")) {
                        data = false;
                        int n = messages.incrementAndGet();
                        if (n == holdAt && mode == Mode.HOLD_DATA_END) {
                            dropping = true;
                            held.complete(key);
                            continue;
                        }
                        if (n == holdAt && mode == Mode.HOLD_REPLY) {
                            heldKey = key;
                            holdNextReply = true; // set before the server can answer
                        }
                    } else if (key == null) {
                        Matcher m = MESSAGE_ID.matcher(text);
                        if (m.find()) {
                            key = m.group(1);
                        }
                    }
                    out.write(line);
                    out.flush();
                }
            } catch (IOException e) {
                // the container was killed or the server closed the connection
            } finally {
                closeQuietly();
            }
        }

        void down() {
            try (InputStream in = new BufferedInputStream(server.getInputStream());
                    OutputStream out = client.getOutputStream()) {
                boolean dropping = false;
                byte[] line;
                while ((line = readLine(in)) != null) {
                    if (dropping) {
                        continue;
                    }
                    if (holdNextReply) {
                        dropping = true; // the server has stored the message; its sender never hears so
                        held.complete(heldKey);
                        continue;
                    }
                    out.write(line);
                    out.flush();
                }
            } catch (IOException e) {
                // see up()
            } finally {
                closeQuietly();
            }
        }

        private void closeQuietly() {
            try {
                client.close();
            } catch (IOException e) {
                // already closed
            }
            try {
                server.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** One line including its CRLF (or what is left at the end of the stream); null at the end. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }
}
