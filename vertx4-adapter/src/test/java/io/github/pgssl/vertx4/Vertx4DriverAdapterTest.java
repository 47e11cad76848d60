package io.github.pgssl.vertx4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgPool;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SPI entry on Vert.x 4.5: {@code PgSsl.configure(url, PgConnectOptions.class)} finds pgssl-vertx4. */
class Vertx4DriverAdapterTest {
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
        assertInstanceOf(PgConnectOptions.class, PgSsl.configure("host=h sslmode=disable", SqlConnectOptions.class, EMPTY));
    }

    @Test
    void configureWhenOtherTypeThenError() {
        Vertx4DriverAdapter a = new Vertx4DriverAdapter();
        assertTrue(a.isAvailable());
        assertEquals("io.github.pgssl:pgssl-vertx4", a.artifact());
        PgSslException e = assertThrows(PgSslException.class,
                () -> a.configure(PgSsl.settings("host=h", EMPTY), SslPolicy.disabled(), String.class));
        assertEquals("pgssl-vertx4 builds io.vertx.pgclient.PgConnectOptions, not java.lang.String; ask for PgConnectOptions.class",
                e.getMessage());
    }

    @Test
    void poolAndConnectWhenUsedThenVertx45TypesAndFailedFutureForBadString() {
        Vertx vertx = Vertx.vertx();
        try {
            Pool pool = PgSslVertx4.pool(vertx, "host=h sslmode=disable", EMPTY, new PoolOptions());
            assertInstanceOf(PgPool.class, pool); // what Quarkus 3's reactive datasource hands out
            pool.close();
            Future<PgConnection> f = PgSslVertx4.connect(vertx, "host=h sslmode=Require");
            assertTrue(f.failed());
            assertInstanceOf(PgSslException.class, f.cause());
        } finally {
            vertx.close();
        }
    }
}
