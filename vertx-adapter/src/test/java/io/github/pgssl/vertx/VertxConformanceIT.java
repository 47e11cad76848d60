package io.github.pgssl.vertx;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;
import io.github.pgssl.vertx.internal.VertxConformanceQueries;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.PoolOptions;

import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/**
 * The shared conformance matrix through vertx-pg-client: a pgssl pool ({@link PgSslVertx#pool}) per
 * case, one query, against the testkit's real TLS PostgreSQL servers. Every outcome must be libpq's.
 */
class VertxConformanceIT extends ConformanceSuite {
    private final Vertx vertx = Vertx.vertx();

    @Override
    protected ConformanceClient client() {
        return (connectionString, environment) -> VertxConformanceQueries.throughPool(PgSslVertx.pool(vertx,
                PgSslVertx.connectOptions(connectionString, environment), new PoolOptions().setMaxSize(1)));
    }

    /** Direct TLS arrived in vertx-pg-client 5.1.0; with 5.0.x pgssl refuses it with that explanation. */
    @Override
    protected Set<String> documentedGaps() {
        return Set.of("DIRECT-require", "DIRECT-verify-full");
    }

    @AfterAll
    void closeVertx() throws Exception {
        VertxConformanceQueries.await(vertx.close(), 30);
    }
}
