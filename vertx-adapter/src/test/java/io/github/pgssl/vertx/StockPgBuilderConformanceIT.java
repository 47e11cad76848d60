package io.github.pgssl.vertx;

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
 * The conformance matrix through Vert.x's <em>stock</em> {@code PgBuilder.pool()} given only
 * {@code PgSsl.configure(url, PgConnectOptions.class)}: the outcome (TLS, plaintext or failure) is
 * libpq's for every case, because the options carry pgssl's managers, the hostaddr address and
 * Vert.x's own allow/prefer retries match libpq's. The failure <em>words</em> are Vert.x's there
 * (for example "SSL handshake failed" or "Postgres Server does not handle SSL connection"), so this
 * suite compares outcomes only; {@link VertxConformanceIT} holds pgssl's pool to libpq's words.
 */
class StockPgBuilderConformanceIT extends ConformanceSuite {
    private final Vertx vertx = Vertx.vertx();

    @Override
    protected ConformanceClient client() {
        return (connectionString, environment) -> {
            PgConnectOptions options = PgSsl.configure(connectionString, PgConnectOptions.class, environment);
            return VertxConformanceQueries.throughPool(
                    PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(options).using(vertx).build());
        };
    }

    /** Outcome only: the stock connector reports Vert.x's messages, not libpq's (documented in the notes). */
    @Override
    protected boolean failureMatches(String fragment, String message) {
        return !message.isBlank();
    }

    /**
     * Direct TLS: refused by pgssl (Vert.x 5.1+ needed). sslcertmode=require: refused for Vert.x's own
     * connector, whose engines pgssl cannot see (PgSslVertx.pool/connect enforce it).
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
