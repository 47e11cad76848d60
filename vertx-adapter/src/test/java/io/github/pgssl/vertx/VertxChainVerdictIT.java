package io.github.pgssl.vertx;

import io.github.pgssl.testkit.conformance.ChainVerdictSuite;
import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.Outcome;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/** Chain verification through a pgssl pool ({@link PgSslVertx#pool}) equals psql's on every testkit chain shape. */
class VertxChainVerdictIT extends ChainVerdictSuite {
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

    @AfterAll
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
