package io.github.pgssl.examples;

import io.github.pgssl.PgSsl;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** R2DBC with r2dbc-pool over pgssl's ConnectionFactory. */
public final class R2dbcPoolExample {
    private R2dbcPoolExample() {
    }

    /** Borrows a pooled connection, reads the server version and the TLS version. */
    public static String run(String connectionString) {
        ConnectionFactory factory = PgSsl.configure(connectionString, ConnectionFactory.class);
        ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                .initialSize(1).maxSize(2).maxAcquireTime(Duration.ofSeconds(15)).build());
        try {
            return Mono.usingWhen(pool.create(),
                    c -> Flux.from(c.createStatement("select version(), ssl, version from pg_stat_ssl where pid = pg_backend_pid()")
                                    .execute())
                            .flatMap(r -> r.map((row, md) -> "r2dbc-pool: " + Describe.server(row.get(0, String.class)) + ", "
                                    + Describe.tls(row.get(1, Boolean.class), row.get(2, String.class))))
                            .next(),
                    c -> c.close()).block(Duration.ofSeconds(30));
        } finally {
            pool.dispose();
        }
    }

    public static void main(String[] args) {
        try (ExampleDatabase db = ExampleDatabase.open()) {
            System.out.println(run(db.url()));
        }
    }
}
