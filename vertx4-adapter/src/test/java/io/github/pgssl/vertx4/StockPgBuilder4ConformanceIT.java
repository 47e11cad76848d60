package io.github.pgssl.vertx4;

import io.github.pgssl.PgSsl;
import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;
import io.github.pgssl.vertx.internal.VertxConformanceQueries;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/**
 * The conformance matrix through Vert.x 4.5's <em>stock</em> {@code PgBuilder.pool()} given only
 * {@code PgSsl.configure(url, PgConnectOptions.class)} (this proves the service loader picks
 * pgssl-vertx4's adapter on Vert.x 4.5). Outcomes only: the stock connector's failure words are
 * Vert.x's; {@link Vertx4ConformanceIT} holds pgssl's pool to libpq's words.
 */
class StockPgBuilder4ConformanceIT extends ConformanceSuite {
    private final Vertx vertx = Vertx4Lines.nativeVertx();

    @Override
    protected ConformanceClient client() {
        return (connectionString, environment) -> {
            PgConnectOptions options = PgSsl.configure(connectionString, PgConnectOptions.class, environment);
            return VertxConformanceQueries.throughPool(
                    PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(options).using(vertx).build());
        };
    }

    /** Outcome only: the stock connector reports Vert.x's messages, not libpq's. */
    @Override
    protected boolean failureMatches(String fragment, String message) {
        return !message.isBlank();
    }

    /**
     * Direct TLS: refused by pgssl (Vert.x 5.1+ needed). sslcertmode=require: refused for Vert.x's own
     * connector, whose engines pgssl cannot see (PgSslVertx4.pool/connect enforce it).
     */
    @Override
    protected Set<String> documentedGaps() {
        return Set.of("DIRECT-require", "DIRECT-verify-full", "SUITE-certmode-require-with-cert");
    }

    @AfterAll
    void closeVertx() throws Exception {
        VertxConformanceQueries.await(vertx.close(), 30);
    }
}
