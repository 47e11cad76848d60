package io.github.pgssl.vertx.internal;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.testkit.conformance.AuthenticationCases;
import io.github.pgssl.testkit.pki.KeyFormat;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerTls;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libpq's checks of the authentication request (require_auth, channel_binding=require,
 * sslcertmode=require) through each Vert.x adapter (its connect and its pool) against a real TLS
 * PostgreSQL: the testkit's shared table. On main before this change, Vert.x connected in every
 * "fails" row of require_auth, accepted an invalid channel_binding, and refused every sslcertmode=require row.
 */
public abstract class VertxAuthenticationChecks {
    /** {@return the adapter under test} */
    protected abstract VertxAdapterUnderTest adapter();

    static Vertx vertx;
    @TempDir
    protected static Path dir;
    static PostgresServer server;
    static PgEnvironment env;
    static Path cert;
    static Path key;

    @BeforeAll
    public static void start() {
        TestPki pki = TestPki.generateEcOnly();
        server = PostgresServer.builder().tls(ServerTls.of(pki.server()).withClientCas(pki.root())).start();
        cert = pki.client().writeCertificatePem(dir.resolve("client.crt"));
        key = pki.client().writeKey(dir.resolve("client.key"), KeyFormat.PKCS8_PEM);
        vertx = Vertx.vertx();
        env = PgEnvironment.of(Map.of("HOME", dir.resolve("home").toString()), dir.resolve("home"));
    }

    @AfterAll
    public static void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        if (server != null) {
            server.close();
        }
    }

    public static Stream<AuthenticationCases.Case> cases() {
        return Stream.of(AuthenticationCases.requireAuth(), AuthenticationCases.channelBinding(),
                AuthenticationCases.certificateMode()).flatMap(java.util.List::stream);
    }

    static String conninfo(AuthenticationCases.Case c) {
        return "host=127.0.0.1 port=" + server.port() + " user=" + c.user() + " dbname=" + c.database() + " sslmode=require "
                + (c.password() == null ? "" : "password='" + c.password() + "' ") + c.extra()
                + (c.clientCertificate() ? " sslcert=" + cert + " sslkey=" + key : "");
    }

    String connect(String conninfo) throws Exception {
        io.vertx.sqlclient.SqlConnection c;
        try {
            c = adapter().connect(vertx, adapter().connectOptions(conninfo, env)).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        try {
            return c.query("select current_user").execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                    .iterator().next().getString(0);
        } finally {
            c.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    String pooled(String conninfo) throws Exception {
        Pool pool = adapter().pool(vertx, conninfo, env, new PoolOptions().setMaxSize(1));
        try {
            return pool.query("select current_user").execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                    .iterator().next().getString(0);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    public void connectWhenAuthenticationCaseThenLibpqOutcome(AuthenticationCases.Case c) throws Exception {
        String conninfo = conninfo(c);
        // pgssl refuses channel_binding=require before connecting: Vert.x 4.5 and 5.0 cannot bind (README gaps).
        String expected = c.extra().equals("channel_binding=require")
                ? "channel_binding=require cannot be enforced by vertx-pg-client " + adapter().line() + ".x" : c.error();
        for (boolean pool : new boolean[] {false, true}) {
            if (expected == null) {
                assertEquals(c.user(), pool ? pooled(conninfo) : connect(conninfo));
                continue;
            }
            Exception e = assertThrows(Exception.class, () -> {
                if (pool) {
                    pooled(conninfo);
                } else {
                    connect(conninfo);
                }
            });
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            if (c.password() != null) {
                assertFalse(e.getMessage().contains(c.password()), e.getMessage());
            }
        }
    }
}
