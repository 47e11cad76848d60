package io.github.pgssl.vertx;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;
import io.github.pgssl.testkit.conformance.Outcome;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/**
 * The shared conformance matrix through the pool-less path: {@link PgSslVertx#connect}, which runs
 * libpq's plan over Vert.x's own {@code PgConnection.connect}.
 */
class VertxConnectionConformanceIT extends ConformanceSuite {
    private final Vertx vertx = Vertx.vertx();

    @Override
    protected ConformanceClient client() {
        return (connectionString, environment) -> {
            PgConnection connection;
            try {
                connection = PgSslVertx.connect(vertx, PgSslVertx.connectOptions(connectionString, environment))
                        .toCompletionStage().toCompletableFuture().get(45, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            try {
                Row row = connection.query(ConformanceClient.QUERY).execute().toCompletionStage().toCompletableFuture()
                        .get(45, TimeUnit.SECONDS).iterator().next();
                return row.getBoolean(0) ? new Outcome.Tls(row.getString(1)) : new Outcome.Plaintext();
            } finally {
                connection.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        };
    }

    @Override
    protected Set<String> documentedGaps() {
        return Set.of("DIRECT-require", "DIRECT-verify-full");
    }

    @AfterAll
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
