package io.github.pgssl.vertx;

import io.github.pgssl.PgSsl;
import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;
import io.github.pgssl.testkit.conformance.Outcome;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;

/**
 * The conformance matrix through Vert.x's <em>stock</em> {@code PgBuilder.pool()} given only
 * {@code PgSsl.configure(url, PgConnectOptions.class)}: the outcome (TLS, plaintext or failure) is
 * libpq's for every case, because the options carry pgssl's managers, the hostaddr address and
 * Vert.x's own allow/prefer retries match libpq's. Failures are held to libpq's words too, after
 * {@link PgSslVertx#explain}: vertx-pg-client 5.0 reports every refused handshake as a bare
 * "SSL handshake failed" (no cause, suppression off), and explain puts back the reason pgssl's
 * trust manager kept (untrusted chain, host mismatch, revoked, unreadable or wrongly protected key).
 */
class StockPgBuilderConformanceIT extends ConformanceSuite {
    private final Vertx vertx = Vertx.vertx();

    @Override
    protected ConformanceClient client() {
        return (connectionString, environment) -> {
            PgConnectOptions options = PgSsl.configure(connectionString, PgConnectOptions.class, environment);
            Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(options).using(vertx).build();
            try {
                Row row = pool.query(ConformanceClient.QUERY).execute().toCompletionStage().toCompletableFuture()
                        .get(45, TimeUnit.SECONDS).iterator().next();
                return row.getBoolean(0) ? new Outcome.Tls(row.getString(1)) : new Outcome.Plaintext();
            } catch (ExecutionException e) {
                Throwable explained = PgSslVertx.explain(e.getCause(), options);
                throw explained instanceof Exception cause ? cause : e;
            } finally {
                pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        };
    }

    /**
     * Direct TLS: refused by pgssl (Vert.x 5.1+ needed). sslcertmode=require and a host list:
     * refused for Vert.x's own connector, whose engines pgssl cannot see and which tries only the
     * first host (PgSslVertx.pool/connect do both). allow/prefer against a database that refuses
     * both attempts: Vert.x's own retry reports only the second attempt's error, where libpq
     * gives both lines (the outcome, a failure, is libpq's). The server's TLS alert refusing a client
     * certificate (long DN from an unknown CA, revoked UTF-8 DN): Vert.x drops the handshake's cause and
     * its own engines are not pgssl's, so the alert is not seen ("the server closed the connection
     * during the TLS handshake"; PgSslVertx.pool/connect report libpq's words).
     */
    @Override
    protected Set<String> documentedGaps() {
        return Set.of("DIRECT-require", "DIRECT-verify-full", "SUITE-certmode-require-with-cert",
                "SUITE-certmode-require-trust-no-cert", "HOST-list-failure-is-final",
                "S6-allow", "S6-prefer", "S6d-allow", "S6d-prefer", "SUITE-long-dn-unknown-ca", "SUITE-utf8-dn-revoked");
    }

    @AfterAll
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
