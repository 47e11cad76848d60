package io.github.pgssl.vertx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.SslPolicy.Fallback;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TrustSource;
import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live verify-full pool keeps working through a CA rotation: 1,000 queries, connections
 * recycled all along (max lifetime), the CA file replaced twice and the server switched to a
 * certificate from the new CA in between, and not one query fails. Connections opened after the
 * rotation verify against the new CA only.
 */
public abstract class PoolRotationChecks {
    /** {@return the adapter under test} */
    protected abstract VertxAdapterUnderTest adapter();

    @TempDir
    protected static Path dir;

    static PostgresServer server;
    static Vertx vertx;
    static TestPki oldPki;
    static TestPki newPki;

    @BeforeAll
    public static void start() {
        oldPki = TestPki.generateEcOnly();
        newPki = TestPki.generateEcOnly();
        server = PostgresServer.builder().tls(ServerTls.of(oldPki.server())).start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    public static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    /** Replaces the CA file in one step, as a secret mount does (a reader never sees half a file). */
    static void installCa(Path caFile, List<TestCertificate> roots) throws Exception {
        Path tmp = TestCertificate.writeBundlePem(dir.resolve("ca.pem.next"), roots);
        Files.move(tmp, caFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    public void poolWhenCaRotatedWhileLiveThenNoQueryFailsAndNewConnectionsUseNewCa() throws Exception {
        Path caFile = dir.resolve("root.crt");
        installCa(caFile, List.of(oldPki.root()));
        ConnectionSettings settings = ConnectionSettings.builder("keyword-value")
                .set("host", TestPki.SERVER_NAME, Origin.EXPLICIT)
                .set("hostaddr", PostgresServer.HOST, Origin.EXPLICIT)
                .set("port", Integer.toString(server.port()), Origin.EXPLICIT)
                .set("user", ServerPresets.TRUST_USER, Origin.EXPLICIT)
                .set("dbname", ServerPresets.SSL_DB, Origin.EXPLICIT)
                .build();
        SslPolicy policy = new SslPolicy.VerifyFull(TlsOptions.defaults().withTrust(TrustSource.pemFile(caFile)),
                Fallback.NONE, "libpq");
        io.vertx.pgclient.PgConnectOptions options = adapter().connectOptions(settings, policy);

        AtomicInteger opened = new AtomicInteger();
        // Short-lived connections, so that the pool keeps opening new ones (new TLS handshakes) while it lives.
        PoolOptions poolOptions = new PoolOptions().setMaxSize(4).setMaxLifetime(150).setMaxLifetimeUnit(TimeUnit.MILLISECONDS)
                .setPoolCleanerPeriod(20);
        Pool pool = adapter().pool(vertx, options, poolOptions, c -> {
            opened.incrementAndGet();
            c.close();
        });
        int failures = 0;
        int openedAfterNewCaOnly = -1;
        java.util.Set<Integer> backendsAfterNewCaOnly = new java.util.HashSet<>();
        try {
            for (int i = 1; i <= 1000; i++) {
                if (i == 250) {
                    installCa(caFile, List.of(oldPki.root(), newPki.root()));
                    Thread.sleep(1500); // core re-checks a file at most about once a second
                } else if (i == 500) {
                    server.reconfigureTls(ServerTls.of(newPki.server()));
                } else if (i == 750) {
                    installCa(caFile, List.of(newPki.root()));
                    Thread.sleep(1500);
                    openedAfterNewCaOnly = opened.get();
                }
                if (i % 25 == 0) {
                    Thread.sleep(170); // let every pooled connection pass its max lifetime: new handshakes follow
                }
                try {
                    Row row = pool.query("select ssl, pid from pg_stat_ssl where pid = pg_backend_pid()").execute()
                            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).iterator().next();
                    assertTrue(row.getBoolean(0), "query " + i + " ran without TLS");
                    if (i > 750) {
                        backendsAfterNewCaOnly.add(row.getInteger(1));
                    }
                } catch (Exception e) {
                    failures++;
                    throw new AssertionError("query " + i + " failed", e);
                }
            }
            // The same live pool now refuses a certificate from the old CA: its trust really moved.
            server.reconfigureTls(ServerTls.of(oldPki.server()));
            Thread.sleep(200);
            Throwable refused = pool.query("select 1").execute().toCompletionStage().toCompletableFuture()
                    .handle((r, t) -> t).get(30, TimeUnit.SECONDS);
            assertTrue(refused != null && refused.getMessage().contains("SSL error: certificate verify failed"),
                    "old-CA certificate after rotation: " + refused);
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        System.out.println("PoolRotationIT: 1000 queries, 0 failed, " + opened.get() + " connections opened, "
                + backendsAfterNewCaOnly.size() + " backends after the old CA was removed, "
                + adapter().managers(options).sslContextsBuilt() + " SSL context(s) built");
        assertEquals(0, failures);
        // Vert.x caches the SSL context per pool; rotation needs no new context (the managers delegate).
        assertEquals(1, adapter().managers(options).sslContextsBuilt(),
                "SSL contexts built for one pool over " + opened.get() + " connections");
        // Server connections that only the new CA can have verified (the old root is gone from the file).
        assertTrue(backendsAfterNewCaOnly.size() >= 5, "backends after the old CA was removed: " + backendsAfterNewCaOnly.size()
                + " (connections opened in all: " + opened.get() + ", before: " + openedAfterNewCaOnly + ")");
        assertTrue(opened.get() >= 20, "connections opened in all: " + opened.get());
    }

    @Test
    public void poolWhenServerCertFromUnknownCaThenQueryFailsWithLibpqMessage() throws Exception {
        Path caFile = dir.resolve("unrelated.crt");
        installCa(caFile, List.of(oldPki.unrelatedRoot()));
        Files.move(dir.resolve("unrelated.crt"), dir.resolve("unrelated-ca.crt"), StandardCopyOption.REPLACE_EXISTING);
        ConnectionSettings settings = ConnectionSettings.builder("keyword-value")
                .set("host", TestPki.SERVER_NAME, Origin.EXPLICIT)
                .set("hostaddr", PostgresServer.HOST, Origin.EXPLICIT)
                .set("port", Integer.toString(server.port()), Origin.EXPLICIT)
                .set("user", ServerPresets.TRUST_USER, Origin.EXPLICIT)
                .set("dbname", ServerPresets.SSL_DB, Origin.EXPLICIT)
                .build();
        SslPolicy policy = new SslPolicy.VerifyFull(TlsOptions.defaults().withTrust(TrustSource.pemFile(dir.resolve("unrelated-ca.crt"))),
                Fallback.NONE, "libpq");
        Pool pool = adapter().pool(vertx, adapter().connectOptions(settings, policy), new PoolOptions().setMaxSize(1));
        try {
            Throwable e = pool.query("select 1").execute().toCompletionStage().toCompletableFuture()
                    .handle((r, t) -> t).get(30, TimeUnit.SECONDS);
            Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
            Exception p = adapter().connectException().cast(cause);
            assertTrue(p.getMessage().startsWith("connection to server at \"" + TestPki.SERVER_NAME + "\" (127.0.0.1), port "
                    + server.port() + " failed: SSL error: certificate verify failed: "), p.getMessage());
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
