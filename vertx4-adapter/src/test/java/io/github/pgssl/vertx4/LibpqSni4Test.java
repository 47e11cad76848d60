package io.github.pgssl.vertx4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgssl.vertx.internal.LibpqSniChecks;
import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.PoolOptions;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** libpq's SNI through pgssl-vertx4 ({@link LibpqSniChecks}), and through Vert.x 4.5's stock PgBuilder. */
class LibpqSni4Test extends LibpqSniChecks {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertx4UnderTest.INSTANCE;
    }

    /** Vert.x 4.5's options are its TCP options: pgssl's SNI engine travels with them into the stock PgBuilder. */
    @Test
    void stockPgBuilderWhenPgsslOptionsThenLibpqSni() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<String> seen = serveOnce(listener);
            queryOnce(PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(dbhostOptions(listener))
                    .using(vertx).build());
            assertEquals("dbhost", seen.get(30, TimeUnit.SECONDS));
        }
    }
}
