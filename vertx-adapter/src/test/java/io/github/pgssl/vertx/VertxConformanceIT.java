package io.github.pgssl.vertx;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;
import io.github.pgssl.testkit.conformance.Outcome;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/**
 * The shared conformance matrix through vertx-pg-client: a pgssl pool ({@link PgSslVertx#pool}) per
 * case, one query, against the testkit's real TLS PostgreSQL servers. Every outcome must be libpq's.
 */
class VertxConformanceIT extends ConformanceSuite {
    private final Vertx vertx = Vertx.vertx();

    @Override
    protected ConformanceClient client() {
        return (connectionString, environment) -> {
            Pool pool = PgSslVertx.pool(vertx, PgSslVertx.connectOptions(connectionString, environment),
                    new PoolOptions().setMaxSize(1));
            try {
                Row row = pool.query(ConformanceClient.QUERY).execute().toCompletionStage().toCompletableFuture()
                        .get(45, TimeUnit.SECONDS).iterator().next();
                return row.getBoolean(0) ? new Outcome.Tls(row.getString(1)) : new Outcome.Plaintext();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } finally {
                pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        };
    }

    /** Direct TLS arrived in vertx-pg-client 5.1.0; with 5.0.x pgssl refuses it with that explanation. */
    @Override
    protected Set<String> documentedGaps() {
        return Set.of("DIRECT-require", "DIRECT-verify-full");
    }

    @AfterAll
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
