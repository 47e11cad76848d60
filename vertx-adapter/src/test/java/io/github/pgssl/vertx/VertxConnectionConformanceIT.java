package io.github.pgssl.vertx;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;
import io.github.pgssl.vertx.internal.VertxConformanceQueries;
import io.vertx.core.Vertx;

import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/**
 * The shared conformance matrix through the pool-less path: {@link PgSslVertx#connect}, which runs
 * libpq's plan over Vert.x's own {@code PgConnection.connect}.
 */
class VertxConnectionConformanceIT extends ConformanceSuite {
    private final Vertx vertx = Vertx.vertx();

    @Override
    protected ConformanceClient client() {
        return (connectionString, environment) -> VertxConformanceQueries.throughConnection(
                () -> PgSslVertx.connect(vertx, PgSslVertx.connectOptions(connectionString, environment)));
    }

    @Override
    protected Set<String> documentedGaps() {
        return Set.of("DIRECT-require", "DIRECT-verify-full");
    }

    @AfterAll
    void closeVertx() throws Exception {
        VertxConformanceQueries.await(vertx.close(), 30);
    }
}
