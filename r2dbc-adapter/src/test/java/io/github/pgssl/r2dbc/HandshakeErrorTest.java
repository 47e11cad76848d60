package io.github.pgssl.r2dbc;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsVerificationException;
import io.github.pgssl.TrustSource;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Certificate refusals arrive as R2DBC exceptions worded like libpq, pgssl's reason in the cause chain. */
class HandshakeErrorTest {
    @TempDir
    static Path dir;
    private static TestCertificates server;
    private static Path serverRoot;
    private static Path otherRoot;

    @BeforeAll
    static void pki() throws Exception {
        server = TestCertificates.create("db.example.test");
        serverRoot = server.writeRoot(dir);
        Path other = dir.resolve("other");
        java.nio.file.Files.createDirectories(other);
        otherRoot = TestCertificates.create("db.example.test").writeRoot(other);
    }

    @Test
    void verifyFullWhenHostNotInCertificateThenLibpqHostnameMessage() throws Exception {
        R2dbcNonTransientResourceException e = connectExpectingFailure("host=wrong.example.test hostaddr=127.0.0.1",
                SslPolicy.fullVerify(TrustSource.pemFile(serverRoot)));
        assertTrue(e.getMessage().startsWith("connection to server at \"wrong.example.test\" (127.0.0.1), port "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" failed: server certificate for \"db.example.test\" (and 1 other name) does not match host name \"wrong.example.test\""),
                e.getMessage());
        TlsVerificationException cause = TlsVerificationException.findIn(e);
        assertNotNull(cause);
        assertEquals(TlsVerificationException.Reason.HOSTNAME_MISMATCH, cause.reason());
        assertEquals(R2dbcErrors.UNABLE_TO_CONNECT, e.getSqlState());
    }

    @Test
    void verifyCaWhenUnknownIssuerThenCertificateVerifyFailed() throws Exception {
        R2dbcNonTransientResourceException e = connectExpectingFailure("host=127.0.0.1", SslPolicy.caFile(otherRoot));
        assertTrue(e.getMessage().contains(" failed: SSL error: certificate verify failed"), e.getMessage());
        assertEquals(TlsVerificationException.Reason.UNTRUSTED, TlsVerificationException.findIn(e).reason());
    }

    private static R2dbcNonTransientResourceException connectExpectingFailure(String hostPart, SslPolicy policy) throws Exception {
        try (SniRecordingServer endpoint = new SniRecordingServer(server.serverContext())) {
            ConnectionSettings settings = Settings.of(hostPart + " port=" + endpoint.port() + " user=u dbname=d password=s3cret-sentinel");
            PgSslConnectionFactory factory = R2dbcDriverAdapter.connectionFactory(settings, policy, ConnectionFactoryOptions.builder().build());
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> factory.create().block(Duration.ofSeconds(20)));
            PgSslConnectionException e = assertInstanceOf(PgSslConnectionException.class, thrown);
            assertTrue(!e.getMessage().contains("s3cret-sentinel") && !factory.toString().contains("s3cret-sentinel"));
            return e;
        }
    }
}
