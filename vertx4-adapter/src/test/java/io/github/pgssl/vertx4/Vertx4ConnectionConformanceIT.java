package io.github.pgssl.vertx4;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;
import io.github.pgssl.vertx.internal.VertxConformanceQueries;
import io.vertx.core.Vertx;

import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/** The shared conformance matrix through the pool-less path on Vert.x 4.5: {@link PgSslVertx4#connect}. */
class Vertx4ConnectionConformanceIT extends ConformanceSuite {
    private final Vertx vertx = Vertx4Lines.nativeVertx();

    @Override
    protected ConformanceClient client() {
        return (connectionString, environment) -> VertxConformanceQueries.throughConnection(
                () -> PgSslVertx4.connect(vertx, PgSslVertx4.connectOptions(connectionString, environment)));
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
