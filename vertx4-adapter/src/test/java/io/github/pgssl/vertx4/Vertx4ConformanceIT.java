package io.github.pgssl.vertx4;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;
import io.github.pgssl.vertx.internal.VertxConformanceQueries;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.PoolOptions;

import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared conformance matrix through vertx-pg-client 4.5: a pgssl pool ({@link PgSslVertx4#pool})
 * per case, one query, against the testkit's real TLS PostgreSQL servers. Every outcome and message
 * must be libpq's (the same result as pgssl-vertx's VertxConformanceIT on Vert.x 5.0).
 */
class Vertx4ConformanceIT extends ConformanceSuite {
    private final Vertx vertx = Vertx4Lines.nativeVertx();

    @BeforeAll
    void onVertx45AndNetty41() {
        Vertx4Lines.assertVertx45AndNetty41();
    }

    @Override
    protected ConformanceClient client() {
        return (connectionString, environment) -> VertxConformanceQueries.throughPool(PgSslVertx4.pool(vertx,
                PgSslVertx4.connectOptions(connectionString, environment), new PoolOptions().setMaxSize(1)));
    }

    /** Direct TLS arrived in vertx-pg-client 5.1.0; with 4.5.x pgssl refuses it with that explanation. */
    @Override
    protected Set<String> documentedGaps() {
        return Set.of("DIRECT-require", "DIRECT-verify-full");
    }

    @AfterAll
    void closeVertx() throws Exception {
        VertxConformanceQueries.await(vertx.close(), 30);
    }
}
