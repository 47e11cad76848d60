package io.github.pgssl.vertx;

import io.github.pgssl.PgSslException;
import io.github.pgssl.SslPolicy;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnectOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLHandshakeException;

/**
 * Carries out a {@link ConnectPlan} the way libpq's {@code PQconnectPoll} does (spec §1.3):
 * hosts in order; per host the plan's encryption attempts, each on a new TCP connection; a TCP
 * failure or SQLSTATE 57P03 moves to the next host, while a TLS or authentication failure of the
 * last attempt ends the whole connection, even when later hosts would succeed.
 *
 * <p>The attempt itself is Vert.x's: a pool's connection factory or {@code PgConnection.connect}.
 */
final class LibpqConnector {
    private LibpqConnector() {
    }

    static <T> Future<T> connect(ConnectPlan plan, Function<PgConnectOptions, Future<T>> attempt) {
        return new Run<>(plan, attempt).host(plan.order(), 0);
    }

    private static final class Run<T> {
        private final ConnectPlan plan;
        private final Function<PgConnectOptions, Future<T>> attempt;
        private final List<ConnectFailures.Failure> failures = new ArrayList<>();

        Run(ConnectPlan plan, Function<PgConnectOptions, Future<T>> attempt) {
            this.plan = plan;
            this.attempt = attempt;
        }

        Future<T> host(List<ConnectPlan.Target> order, int index) {
            ConnectPlan.Target target = order.get(index);
            return attempts(target, target.attempts(plan.policy()), 0).recover(nextHost -> {
                if (nextHost == NEXT_HOST && index + 1 < order.size()) {
                    return host(order, index + 1);
                }
                return Future.failedFuture(ConnectFailures.toError(failures));
            });
        }

        private Future<T> attempts(ConnectPlan.Target target, List<ConnectPlan.Attempt> list, int k) {
            ConnectPlan.Attempt a = list.get(k);
            Future<T> f;
            if (a == ConnectPlan.Attempt.TLS && target.host().isEmpty() && plan.policy() instanceof SslPolicy.VerifyFull) {
                // Only hostaddr: there is no name to verify, and the address must not stand in for one (spec §1.4).
                f = Future.failedFuture(new PgSslException("host",
                        "host name must be specified for a verified SSL connection"));
            } else {
                f = attempt.apply(target.options(a));
            }
            return f.recover(failure -> {
                Throwable err = a == ConnectPlan.Attempt.TLS ? withRefusal(target, failure, plan.managers()) : failure;
                failures.add(new ConnectFailures.Failure(target, a, err));
                if (ConnectFailures.isTransportFailure(err) || ConnectFailures.isCannotConnectNow(err)) {
                    return Future.failedFuture(NEXT_HOST);
                }
                if (k + 1 < list.size()) {
                    return attempts(target, list, k + 1);
                }
                return Future.failedFuture(FINAL);
            });
        }
    }

    /** Puts back the trust manager's reason when Vert.x reports only "SSL handshake failed" (see PolicyManagers#takeRefusal). */
    private static Throwable withRefusal(ConnectPlan.Target target, Throwable err, PolicyManagers managers) {
        if (managers == null || ConnectFailures.find(err, java.security.cert.CertificateException.class) != null
                || !ConnectFailures.isTlsFailure(err)) {
            return err;
        }
        String peerHost = target.tls().getSocketAddress().host();
        return managers.takeRefusal(peerHost, target.port()).<Throwable>map(refusal -> {
            SSLHandshakeException e = new SSLHandshakeException(ConnectFailures.VERTX_HANDSHAKE_FAILED);
            e.initCause(refusal);
            e.addSuppressed(err);
            return e;
        }).orElse(err);
    }

    /** Internal signals between the attempt and host loops; never seen by callers. */
    private static final Throwable NEXT_HOST = new Signal("next host");
    private static final Throwable FINAL = new Signal("final");

    private static final class Signal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Signal(String name) {
            super(name, null, false, false);
        }
    }
}
