package io.github.pgssl.r2dbc;

import io.github.pgssl.SslPolicy;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** libpq's connect_timeout bounds each whole attempt and then moves to the next host. */
class ConnectTimeoutTest {

    @Test
    void connectTimeoutWhenServerNeverAnswersThenNextHostThenLibpqMessage() throws Exception {
        try (ServerSocket a = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            // The kernel completes the TCP handshake from the backlog; nobody ever answers the SSLRequest.
            String cs = "host=127.0.0.1,127.0.0.1 port=" + a.getLocalPort() + "," + b.getLocalPort() + " user=u dbname=d connect_timeout=1";
            PgSslConnectionFactory cf = R2dbcDriverAdapter.connectionFactory(Settings.of(cs), SslPolicy.noVerify(),
                    ConnectionFactoryOptions.builder().build());
            long start = System.nanoTime();
            R2dbcException e = assertThrows(R2dbcException.class, () -> cf.create().block(Duration.ofSeconds(20)));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals("connection to server at \"127.0.0.1\", port " + a.getLocalPort() + " failed: timeout expired\n"
                    + "connection to server at \"127.0.0.1\", port " + b.getLocalPort() + " failed: timeout expired", e.getMessage());
            assertTrue(ms >= 1900 && ms < 15_000, "took " + ms + " ms");
        }
    }
}
