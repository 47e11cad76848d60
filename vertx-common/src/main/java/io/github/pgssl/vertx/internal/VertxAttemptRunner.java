package io.github.pgssl.vertx.internal;

import io.github.pgssl.AttemptFailure;
import io.github.pgssl.ConnectionFailedException;
import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.spi.AttemptRunner;
import io.github.pgssl.spi.PlanExecution;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnectOptions;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLHandshakeException;

/**
 * One planned attempt over Vert.x: core's {@link PlanExecution} walks the servers and attempts
 * and decides after each failure; this class hands the prebuilt options of one attempt to Vert.x
 * (a pool's connection factory or {@code PgConnection.connect}) and recognises Vert.x's failures
 * ({@link VertxErrors}).
 *
 * @param <T> what one attempt yields (Vert.x's internal connection, or a {@code PgConnection})
 */
public final class VertxAttemptRunner<T> implements AttemptRunner<T> {
    private final VertxPlan<?> plan;
    private final Function<PgConnectOptions, Future<T>> attempt;
    private final Consumer<T> discard;
    private final Function<T, Future<SessionState>> session;

    private VertxAttemptRunner(VertxPlan<?> plan, Function<PgConnectOptions, Future<T>> attempt, Consumer<T> discard,
                               Function<T, Future<SessionState>> session) {
        this.plan = plan;
        this.attempt = attempt;
        this.discard = discard;
        this.session = session;
    }

    /**
     * Carries out the plan; the result is delivered on {@code context} when one is given.
     * {@code discard} closes a connection that completes after its attempt timed out or that
     * {@code target_session_attrs} does not keep; {@code session} runs {@link SessionState#QUERY} on
     * a connection (called only when the plan needs the check).
     */
    public static <T> Future<T> connect(VertxPlan<?> plan, Function<PgConnectOptions, Future<T>> attempt, Consumer<T> discard,
                                        Function<T, Future<SessionState>> session, Context context) {
        CompletionStage<T> stage = PlanExecution.run(plan.plan(),
                new VertxAttemptRunner<>(plan, attempt, discard, session));
        Future<T> f = context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
        return f.recover(e -> {
            Throwable c = e;
            while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
                c = c.getCause();
            }
            return Future.failedFuture(c instanceof ConnectionFailedException failed ? VertxErrors.toError(failed, plan.failures()) : c);
        });
    }

    @Override
    public CompletionStage<T> attempt(ConnectionPlan p, ConnectionPlan.Host host, ConnectionPlan.Attempt a) {
        if (!a.tls() && plan.guard().active()) {
            // libpq's checks of the authentication request need pgssl's TLS engine; see AuthenticationGuard.
            java.util.Optional<String> refusal = plan.guard().plaintextRefusal();
            if (refusal.isPresent()) {
                return CompletableFuture.failedFuture(new io.github.pgssl.SslConfigurationException(
                        plan.guard().checksRequireAuth() ? "require_auth" : "sslcertmode", refusal.get()));
            }
        }
        PgConnectOptions options = plan.target(host).options(a);
        int timeoutMillis = plan.connectTimeoutMillis();
        if (timeoutMillis <= 0) {
            return attempt.apply(options).toCompletionStage();
        }
        java.util.List<Future<T>> started = new java.util.ArrayList<>(1);
        AttemptSockets sockets = AttemptSockets.during(() -> attempt.apply(options), started);
        Future<T> connecting = started.get(0);
        // libpq's connect_timeout bounds the whole attempt (TCP, SSLRequest, TLS handshake, startup);
        // Vert.x's connect timeout bounds only the TCP connect, so a server that accepts and then
        // stalls would hold the attempt (and the next host) for as long as it likes.
        CompletableFuture<T> bounded = new CompletableFuture<>();
        connecting.onComplete(ar -> {
            if (ar.failed()) {
                bounded.completeExceptionally(ar.cause());
            } else if (!bounded.complete(ar.result())) {
                discard.accept(ar.result()); // too late: the attempt already timed out
            }
        });
        bounded.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((c, e) -> {
            if (e instanceof java.util.concurrent.TimeoutException) {
                sockets.close(); // as libpq: the timed-out attempt's socket is closed, not left to the server
            }
        });
        return bounded;
    }

    @Override
    public AttemptFailure classify(Throwable failure, ConnectionPlan.Host host, ConnectionPlan.Attempt a) {
        Throwable err = a.tls() ? withRefusal(plan.target(host), failure, plan.managers()) : failure;
        return VertxErrors.classify(err);
    }

    @Override
    public CompletionStage<SessionState> sessionState(T connection) {
        return session.apply(connection).toCompletionStage();
    }

    @Override
    public void close(T connection) {
        discard.accept(connection);
    }

    /** Puts back the trust manager's reason when Vert.x reports only "SSL handshake failed" (see PolicyManagers#takeRefusal). */
    private static Throwable withRefusal(VertxPlan.Target<?> target, Throwable err, PolicyManagers managers) {
        if (managers == null || VertxErrors.find(err, java.security.cert.CertificateException.class) != null
                || !VertxErrors.isTlsFailure(err)) {
            return err;
        }
        String peerHost = target.tls().getSocketAddress().host();
        return managers.takeRefusal(peerHost, target.host().endpoint().port()).<Throwable>map(refusal -> {
            SSLHandshakeException e = new SSLHandshakeException(VertxErrors.VERTX_HANDSHAKE_FAILED);
            e.initCause(refusal);
            e.addSuppressed(err);
            return e;
        }).orElse(err);
    }
}
