package io.github.pgssl.r2dbc;

import io.github.pgssl.AttemptFailure;
import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.spi.AttemptRunner;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * One planned attempt over r2dbc-postgresql. Core's {@link io.github.pgssl.spi.PlanExecution}
 * decides the servers, attempts and what follows a failure; this class subscribes the prebuilt
 * driver factory of one attempt (bounded by {@code connect_timeout}, as libpq bounds the whole
 * attempt) and recognises the driver's failures ({@link R2dbcErrors}).
 *
 * <p>Under {@code prefer} the TLS attempt uses the driver's {@code PREFER}, which continues in
 * plaintext after an {@code N} answer on the same connection (as libpq) and retries in plaintext
 * itself after a 28000/28P01 startup error: that retry is reported to core as the fallback
 * already made.
 */
final class R2dbcAttemptRunner implements AttemptRunner<PostgresqlConnection> {

    private final BiFunction<ConnectionPlan.Host, ConnectionPlan.Attempt, Mono<PostgresqlConnection>> connect;
    private final Duration timeout;

    R2dbcAttemptRunner(BiFunction<ConnectionPlan.Host, ConnectionPlan.Attempt, Mono<PostgresqlConnection>> connect,
                       Duration timeout) {
        this.connect = connect;
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<PostgresqlConnection> attempt(ConnectionPlan plan, ConnectionPlan.Host host,
                                                         ConnectionPlan.Attempt attempt) {
        Mono<PostgresqlConnection> m = Mono.defer(() -> connect.apply(host, attempt));
        if (timeout != null) {
            // libpq's connect_timeout bounds the whole attempt (TCP, TLS, startup), not only the TCP connect.
            m = m.timeout(timeout);
        }
        return m.toFuture();
    }

    @Override
    public AttemptFailure classify(Throwable failure, ConnectionPlan.Host host, ConnectionPlan.Attempt attempt) {
        AttemptFailure f = R2dbcErrors.classify(failure);
        Throwable driverRetry = attempt.tls() && host.policy().fallback() == SslPolicy.Fallback.PLAINTEXT_AFTER_TLS_FAILURE
                ? R2dbcErrors.driverPlaintextRetry(failure) : null;
        return driverRetry == null ? f : f.withFallback(R2dbcErrors.classify(driverRetry));
    }

    @Override
    public CompletionStage<SessionState> sessionState(PostgresqlConnection connection) {
        return connection.createStatement(SessionState.QUERY).execute()
                .flatMap(r -> r.map((row, md) -> SessionState.of(Boolean.TRUE.equals(row.get(0, Boolean.class)),
                        row.get(1, String.class))))
                .next()
                .toFuture();
    }

    @Override
    public void close(PostgresqlConnection connection) {
        Mono.from(connection.close()).subscribe(v -> { }, e -> { });
    }
}
