package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.VertxPlan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslPolicy;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.SqlConnectOptions;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VertxDriverAdapterTest {
    private static final PgEnvironment EMPTY = PgEnvironment.of(Map.of("USER", "u"), null);

    @Test
    void configureWhenAskedForPgConnectOptionsThenServiceLoaderFindsThisAdapter() {
        PgConnectOptions o = PgSsl.configure("postgresql://app@db.example.test:6432/appdb?sslmode=require",
                PgConnectOptions.class, EMPTY);
        PgSslConnectOptions p = assertInstanceOf(PgSslConnectOptions.class, o);
        assertEquals("db.example.test", o.getHost());
        assertEquals(6432, o.getPort());
        assertEquals("appdb", o.getDatabase());
        assertEquals("app", o.getUser());
        assertEquals(SslMode.REQUIRE, o.getSslMode());
        assertInstanceOf(SslPolicy.NoVerify.class, p.policy());
    }

    @Test
    void configureWhenAskedForSqlConnectOptionsThenPgOptions() {
        SqlConnectOptions o = PgSsl.configure("host=h sslmode=disable", SqlConnectOptions.class, EMPTY);
        assertInstanceOf(PgConnectOptions.class, o);
    }

    @Test
    void configureWhenDefaultPreferThenVertxPreferAndNoRootCertMeansNoVerification() {
        PgSslConnectOptions o = PgSslVertx.connectOptions("host=h user=u", EMPTY);
        assertEquals(SslMode.PREFER, o.getSslMode());
        assertEquals(SslPolicy.Fallback.PLAINTEXT_AFTER_TLS_FAILURE, o.policy().fallback());
    }

    @Test
    void configureWhenOtherTypeThenError() {
        VertxDriverAdapter a = new VertxDriverAdapter();
        assertTrue(a.isAvailable());
        assertTrue(a.nativeTypeNames().contains("io.vertx.pgclient.PgConnectOptions"));
        PgSslException e = assertThrows(PgSslException.class,
                () -> a.configure(PgSsl.settings("host=h", EMPTY), SslPolicy.disabled(), String.class));
        assertEquals("pgssl-vertx builds io.vertx.pgclient.PgConnectOptions, not java.lang.String; ask for PgConnectOptions.class",
                e.getMessage());
    }

    @Test
    void connectOptionsWhenOnlyUnixSocketAndVerifyFullWithoutRootThenPlaintextAsLibpq() {
        PgSslConnectOptions o = PgSslVertx.connectOptions("host=/var/run/postgresql sslmode=verify-full sslrootcert=/nonexistent.crt", EMPTY);
        VertxPlan<PgSslConnectOptions> plan = o.plan().orElseThrow();
        assertEquals(java.util.List.of(io.github.pgssl.ConnectionPlan.Attempt.PLAINTEXT), plan.targets().get(0).host().attempts());
        assertTrue(o.isUsingDomainSocket()); // Vert.x itself never starts TLS on a domain socket either
    }

    @Test
    void connectOptionsWhenTcpAndVerifyFullWithoutRootThenLibpqError() {
        PgSslException e = assertThrows(PgSslException.class,
                () -> PgSslVertx.connectOptions("host=h sslmode=verify-full sslrootcert=/nonexistent.crt", EMPTY));
        assertTrue(e.getMessage().startsWith("root certificate file \"/nonexistent.crt\" does not exist"), e.getMessage());
    }

    @Test
    void connectWhenStringInvalidThenFailedFutureNotThrow() {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            io.vertx.core.Future<io.vertx.pgclient.PgConnection> f = PgSslVertx.connect(vertx, "host=h sslmode=Require");
            assertTrue(f.failed());
            assertInstanceOf(PgSslException.class, f.cause());
        } finally {
            vertx.close();
        }
    }

    @Test
    void connectOptionsWhenPasswordInStringThenNoExceptionOrRendererShowsIt() {
        String sentinel = "Sentinel-9f3c-Pw";
        PgSslConnectOptions o = PgSslVertx.connectOptions("postgresql://u:" + sentinel + "@h/db?sslmode=require", EMPTY);
        assertEquals(sentinel, o.getPassword());
        assertFalse(o.targets().toString().contains(sentinel));
        PgSslException e = assertThrows(PgSslException.class,
                () -> PgSslVertx.connectOptions("postgresql://u:" + sentinel + "@h/db?sslmode=require&load_balance_hosts=sometimes", EMPTY));
        assertFalse(e.getMessage().contains(sentinel));
    }
}
