package io.github.pgssl.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerTls;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vert.x's own pool ({@code PgBuilder.pool()}) with pgssl's options: vertx-pg-client 5.0 fails a
 * refused handshake with a bare {@code VertxException("SSL handshake failed")} (no cause), and
 * {@link PgSslVertx#explain} gives libpq's line with the reason pgssl's trust manager kept. Given
 * {@link PgSslVertx#transportOptions} as well, pgssl's engines run there and Vert.x's own failure
 * carries libpq's reason.
 */
class StockPgBuilderReasonIT {
    @TempDir
    static Path dir;
    static TestPki pki;
    static PostgresServer server;
    static Vertx vertx;

    @BeforeAll
    static void start() {
        pki = TestPki.generateEcOnly();
        server = PostgresServer.builder().tls(ServerTls.of(pki.server())).start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    private static Throwable failure(PgConnectOptions options) throws Exception {
        return failure(PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(options).using(vertx).build());
    }

    /** Vert.x's own builder given pgssl's transport options too: pgssl's engines run there. */
    private static Throwable failureWithTransportOptions(PgConnectOptions options) throws Exception {
        return failure(PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).with(PgSslVertx.transportOptions(options))
                .connectingTo(options).using(vertx).build());
    }

    private static Throwable failure(Pool pool) throws Exception {
        try {
            ExecutionException e = assertThrows(ExecutionException.class, () -> pool.query("select 1").execute()
                    .toCompletionStage().toCompletableFuture().get(45, TimeUnit.SECONDS));
            return e.getCause();
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static PgConnectOptions options(String host, String root) {
        String cs = "host=" + host + " hostaddr=127.0.0.1 port=" + server.port()
                + " user=ssltestuser dbname=trustdb sslmode=verify-full sslrootcert=" + root;
        return PgSsl.configure(cs, PgConnectOptions.class, PgEnvironment.of(Map.of("HOME", dir.toString()), dir));
    }

    @Test
    void explainWhenRootIsUnrelatedThenLibpqsChainReason() throws Exception {
        Path unrelated = pki.unrelatedRoot().writeCertificatePem(dir.resolve("unrelated.crt"));
        PgConnectOptions options = options(TestPki.SERVER_NAME, unrelated.toString());
        Throwable raw = failure(options);
        assertInstanceOf(VertxException.class, raw);
        assertEquals("SSL handshake failed", raw.getMessage());
        assertNull(raw.getCause());
        Throwable explained = PgSslVertx.explain(raw, options);
        assertInstanceOf(PgSslConnectException.class, explained);
        assertSame(raw, explained.getCause());
        assertEquals("connection to server at \"" + TestPki.SERVER_NAME + "\" (127.0.0.1), port " + server.port()
                + " failed: SSL error: certificate verify failed: unable to get local issuer certificate: server certificate"
                + " \"CN=common-name.pg-ssltest.test,O=pgssl testkit\" does not chain to a self-signed CA in sslrootcert \""
                + unrelated + "\" (the chain ends at issuer \"CN=pgssl test root CA,O=pgssl testkit\")", explained.getMessage());
    }

    @Test
    void explainWhenHostDiffersThenLibpqsHostNameReason() throws Exception {
        PgConnectOptions options = options("wronghost.test",
                pki.root().writeCertificatePem(dir.resolve("root.crt")).toString());
        Throwable raw = failure(options);
        assertEquals("SSL handshake failed", raw.getMessage());
        assertEquals("connection to server at \"wronghost.test\" (127.0.0.1), port " + server.port()
                + " failed: server certificate for \"" + TestPki.SERVER_NAME + "\" does not match host name \"wronghost.test\"",
                PgSslVertx.explain(raw, options).getMessage());
    }

    @Test
    void transportOptionsWhenRootIsUnrelatedThenVertxsOwnFailureSaysWhy() throws Exception {
        Path unrelated = pki.unrelatedRoot().writeCertificatePem(dir.resolve("unrelated-t.crt"));
        PgConnectOptions options = options(TestPki.SERVER_NAME, unrelated.toString());
        Throwable raw = failureWithTransportOptions(options);
        assertInstanceOf(SSLHandshakeException.class, raw);
        String reason = "SSL error: certificate verify failed: unable to get local issuer certificate: server certificate"
                + " \"CN=common-name.pg-ssltest.test,O=pgssl testkit\" does not chain to a self-signed CA in sslrootcert \""
                + unrelated + "\" (the chain ends at issuer \"CN=pgssl test root CA,O=pgssl testkit\")";
        assertEquals(reason, raw.getMessage());
        assertInstanceOf(java.security.cert.CertificateException.class, raw.getCause());
        // explain still adds libpq's per-host prefix
        assertEquals("connection to server at \"" + TestPki.SERVER_NAME + "\" (127.0.0.1), port " + server.port()
                + " failed: " + reason, PgSslVertx.explain(raw, options).getMessage());
    }

    @Test
    void transportOptionsWhenHostDiffersThenVertxsOwnFailureSaysWhy() throws Exception {
        PgConnectOptions options = options("wronghost.test",
                pki.root().writeCertificatePem(dir.resolve("root-t.crt")).toString());
        Throwable raw = failureWithTransportOptions(options);
        assertEquals("server certificate for \"" + TestPki.SERVER_NAME + "\" does not match host name \"wronghost.test\"",
                raw.getMessage());
    }

    @Test
    void explainWhenNotATlsFailureThenUnchanged() {
        PgConnectOptions options = options(TestPki.SERVER_NAME, pki.root().writeCertificatePem(dir.resolve("root2.crt")).toString());
        RuntimeException other = new RuntimeException("boom");
        assertSame(other, PgSslVertx.explain(other, options));
        assertSame(other, PgSslVertx.explain(other, new PgConnectOptions()));
    }
}
