package io.github.pgssl.r2dbc;

import io.github.pgssl.SslPolicy;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code prefer} against a server that answers {@code N}: libpq continues in plaintext on the same
 * connection. A scripted endpoint records what each TCP connection carried.
 */
class PreferSslRefusedTest {
    private static final int SSL_REQUEST = 80877103;
    private static final String REJECT = "pg_hba.conf rejects connection for host \"127.0.0.1\", user \"u\", database \"d\", no encryption";

    @Test
    void preferWhenServerRefusesSslThenStartupOnSameConnection() throws Exception {
        List<String> connections = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> serve(server, connections), "n-responder");
            t.setDaemon(true);
            t.start();
            String cs = "host=127.0.0.1 port=" + server.getLocalPort() + " user=u dbname=d connect_timeout=10";
            PgSslConnectionFactory cf = R2dbcDriverAdapter.connectionFactory(Settings.of(cs),
                    SslPolicy.noVerify().withFallback(SslPolicy.Fallback.PLAINTEXT_AFTER_TLS_FAILURE), ConnectionFactoryOptions.builder().build());
            R2dbcException e = assertThrows(R2dbcException.class, () -> cf.create().block(Duration.ofSeconds(20)));
            assertInstanceOf(PgSslAuthenticationException.class, e);
            String line = "connection to server at \"127.0.0.1\", port " + server.getLocalPort() + " failed: FATAL:  " + REJECT;
            assertEquals(line + "\n" + line, e.getMessage());
            // The first connection carried the SSLRequest and then the startup packet: no reconnect after 'N'.
            assertEquals("SSLRequest>N, startup>E", connections.get(0));
            // libpq would stop after the first connection; r2dbc-postgresql's own PREFER fallback retries the
            // login once more in plaintext after 28000/28P01 (documented in docs/modules/r2dbc-adapter.md).
            assertEquals("startup>E", connections.get(1));
        }
    }

    private static void serve(ServerSocket server, List<String> log) {
        for (int i = 0; i < 2; i++) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                StringBuilder trace = new StringBuilder();
                while (true) {
                    int length = in.readInt();
                    int code = in.readInt();
                    in.readFully(new byte[length - 8]);
                    if (code == SSL_REQUEST) {
                        out.write('N');
                        out.flush();
                        trace.append("SSLRequest>N, ");
                        continue;
                    }
                    trace.append("startup>E");
                    out.write(errorResponse());
                    out.flush();
                    break;
                }
                log.add(trace.toString());
            } catch (IOException e) {
                log.add("io error: " + e);
            }
        }
    }

    private static byte[] errorResponse() throws IOException {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (String f : new String[] {"SFATAL", "VFATAL", "C28000", "M" + REJECT}) {
            fields.write(f.getBytes(StandardCharsets.UTF_8));
            fields.write(0);
        }
        fields.write(0);
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(msg);
        d.write('E');
        d.writeInt(fields.size() + 4);
        d.write(fields.toByteArray());
        return msg.toByteArray();
    }
}
