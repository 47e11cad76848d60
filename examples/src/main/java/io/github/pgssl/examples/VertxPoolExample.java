package io.github.pgssl.examples;

import io.github.pgssl.vertx.PgSslVertx;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;

import java.util.concurrent.TimeUnit;

/** A Vert.x Pool from one connection string, with libpq's TLS meaning. */
public final class VertxPoolExample {
    private VertxPoolExample() {
    }

    /** Runs one query on a pool of two and describes the TLS session. */
    public static String run(String connectionString) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Pool pool = PgSslVertx.pool(vertx, connectionString, new PoolOptions().setMaxSize(2));
            Row row = pool.query("select version(), ssl, version from pg_stat_ssl where pid = pg_backend_pid()").execute()
                    .map(rows -> rows.iterator().next())
                    .eventually(() -> pool.close())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return "vertx: " + Describe.server(row.getString(0)) + ", " + Describe.tls(row.getBoolean(1), row.getString(2));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    public static void main(String[] args) throws Exception {
        try (ExampleDatabase db = ExampleDatabase.open()) {
            System.out.println(run(db.url()));
        }
    }
}
