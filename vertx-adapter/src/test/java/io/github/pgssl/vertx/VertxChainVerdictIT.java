package io.github.pgssl.vertx;

import io.github.pgssl.testkit.conformance.ChainVerdictSuite;
import io.github.pgssl.vertx.internal.VertxConformanceQueries;
import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.PoolOptions;

import org.junit.jupiter.api.AfterAll;

/** Chain verification through a pgssl pool ({@link PgSslVertx#pool}) equals psql's on every testkit chain shape. */
class VertxChainVerdictIT extends ChainVerdictSuite {
    private final Vertx vertx = Vertx.vertx();

    @Override
    protected ConformanceClient client() {
        return (connectionString, environment) -> VertxConformanceQueries.throughPool(PgSslVertx.pool(vertx,
                PgSslVertx.connectOptions(connectionString, environment), new PoolOptions().setMaxSize(1)));
    }

    @AfterAll
    void closeVertx() throws Exception {
        VertxConformanceQueries.await(vertx.close(), 30);
    }
}
