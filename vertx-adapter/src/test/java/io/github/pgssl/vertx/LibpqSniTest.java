package io.github.pgssl.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgssl.vertx.internal.LibpqSniChecks;
import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.ClientBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** libpq's SNI through pgssl-vertx ({@link LibpqSniChecks}), and through Vert.x 5.0's stock PgBuilder. */
class LibpqSniTest extends LibpqSniChecks {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertxUnderTest.INSTANCE;
    }

    /** What the stock PgBuilder sends for host=dbhost: libpq's SNI only with pgssl's transport options. */
    @ParameterizedTest(name = "stock PgBuilder, pgssl transport options={0} -> SNI [{1}]")
    @CsvSource({"true, dbhost", "false, ''"})
    void stockPgBuilderWhenTransportOptionsGivenThenTheyAreHonoured(boolean withTransport, String expected) throws Exception {
        // vertx-pg-client 5.0.7 dropped PgBuilder.with(NetClientOptions) (#1630); 5.0.10 passes it to the factory.
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<String> seen = serveOnce(listener);
            PgConnectOptions options = dbhostOptions(listener);
            ClientBuilder<Pool> builder = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(options).using(vertx);
            if (withTransport) {
                builder.with(PgSslVertx.transportOptions(options));
            }
            queryOnce(builder.build());
            assertEquals(expected, seen.get(30, TimeUnit.SECONDS));
        }
    }
}
