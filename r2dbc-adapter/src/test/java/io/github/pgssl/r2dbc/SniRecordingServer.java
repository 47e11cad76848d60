package io.github.pgssl.r2dbc;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A PostgreSQL-shaped TLS endpoint on 127.0.0.1 that answers one SSLRequest with {@code S},
 * completes the handshake, records the SNI the client sent, and hangs up.
 */
final class SniRecordingServer implements AutoCloseable {
    private final ServerSocket server;
    private final SSLContext context;
    private final CompletableFuture<List<SNIServerName>> sni = new CompletableFuture<>();
    private final Thread thread;

    SniRecordingServer(SSLContext context) throws IOException {
        this.context = context;
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serveOne, "sni-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The server names of the ClientHello (empty: no SNI extension). */
    List<SNIServerName> requestedServerNames() throws Exception {
        return sni.get(20, TimeUnit.SECONDS);
    }

    private void serveOne() {
        try (Socket plain = server.accept()) {
            plain.setSoTimeout(15_000);
            DataInputStream in = new DataInputStream(plain.getInputStream());
            int length = in.readInt();
            int code = in.readInt();
            if (length != 8 || code != 80877103) {
                throw new IOException("expected an SSLRequest, got length " + length + " code " + code);
            }
            plain.getOutputStream().write('S');
            plain.getOutputStream().flush();
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), false)) {
                tls.setUseClientMode(false);
                tls.startHandshake();
                sni.complete(((ExtendedSSLSession) tls.getSession()).getRequestedServerNames());
            }
        } catch (Exception e) {
            sni.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
