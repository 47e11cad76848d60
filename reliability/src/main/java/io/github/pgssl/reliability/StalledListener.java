package io.github.pgssl.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener on 127.0.0.1 that accepts TCP connections and then stalls: it never answers the
 * SSLRequest, or answers {@code S} and then never sends a ServerHello (a stop mid-handshake).
 */
public final class StalledListener implements AutoCloseable {
    /** Where the listener stops answering. */
    public enum Mode {
        /** Accepts the TCP connection, reads, never writes. */
        SILENT_AFTER_ACCEPT,
        /** Answers the SSLRequest with {@code S}, then reads the ClientHello and never answers. */
        SILENT_MID_HANDSHAKE
    }

    private final ServerSocket socket;
    private final Mode mode;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private StalledListener(Mode mode) throws IOException {
        this.mode = mode;
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 200);
        this.acceptor = new Thread(this::acceptLoop, "stalled-listener-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a listener on a free port. */
    public static StalledListener start(Mode mode) {
        try {
            return new StalledListener(mode);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1", e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.size();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                accepted.add(s);
                Thread t = new Thread(() -> hold(s), "stalled-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void hold(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            if (mode == Mode.SILENT_MID_HANDSHAKE) {
                in.readNBytes(8); // SSLRequest: length 8, code 80877103
                s.getOutputStream().write('S');
                s.getOutputStream().flush();
            }
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) {
                // Swallow whatever the client sends; never answer.
            }
        } catch (IOException e) {
            // Client closed or listener closed.
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing.
        }
        for (Socket s : accepted) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing.
            }
        }
    }
}
