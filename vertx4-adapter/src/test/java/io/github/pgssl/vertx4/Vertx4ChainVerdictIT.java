package io.github.pgssl.vertx4;

import io.github.pgssl.testkit.conformance.ChainVerdictSuite;
import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.vertx.internal.VertxConformanceQueries;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.PoolOptions;

import org.junit.jupiter.api.AfterAll;

/** Chain verification through a pgssl-vertx4 pool ({@link PgSslVertx4#pool}) equals psql's on every testkit chain shape. */
class Vertx4ChainVerdictIT extends ChainVerdictSuite {
    private final Vertx vertx = Vertx4Lines.nativeVertx();

    @Override
    protected ConformanceClient client() {
        return (connectionString, environment) -> VertxConformanceQueries.throughPool(PgSslVertx4.pool(vertx,
                PgSslVertx4.connectOptions(connectionString, environment), new PoolOptions().setMaxSize(1)));
    }

    @AfterAll
    void closeVertx() throws Exception {
        VertxConformanceQueries.await(vertx.close(), 30);
    }
}
