package io.github.pgssl.vertx.internal;

import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.PgSslException;
import io.github.pgssl.spi.AuthenticationGuard;
import io.vertx.pgclient.PgConnectOptions;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Core's {@link ConnectionPlan} with the Vert.x options of every planned attempt built once, so
 * that connecting allocates no SSL state and reads no file. Holds no rule of its own: the hosts,
 * their order, passwords and attempts are core's.
 *
 * @param <O> the adapter's options type (a {@code PgConnectOptions} of its Vert.x line)
 */
public final class VertxPlan<O extends PgConnectOptions> {

    /**
     * The Vert.x options of one server's attempts.
     *
     * @param host  core's planned server
     * @param tls   options for its TLS attempt, or {@code null} when TLS is never tried
     * @param plain options for its plaintext attempt
     * @param <O>   the adapter's options type
     */
    public record Target<O extends PgConnectOptions>(ConnectionPlan.Host host, O tls, O plain) {

        /** The short form the options' {@code targets()} lists: {@code host (hostaddr):port}. */
        String describe() {
            String name = host.endpoint().host();
            String addr = host.endpoint().hostaddr();
            return (name.isEmpty() ? addr : name) + (!addr.isEmpty() && !name.isEmpty() ? " (" + addr + ")" : "")
                    + ":" + host.endpoint().port();
        }

        /** The options of one attempt. */
        public O options(ConnectionPlan.Attempt attempt) {
            return attempt.tls() ? tls : plain;
        }
    }

    /** Builds the adapter's public failure (its {@code PgSslConnectException}) from core's message. */
    @FunctionalInterface
    public interface FailureFactory {
        /**
         * @param setting the libpq keyword the failure is about, or {@code null}
         * @param message libpq's words, one line per attempt
         * @param cause   the first attempt's failure
         * @return the exception that fails the connection's {@code Future}
         */
        PgSslException failure(String setting, String message, Throwable cause);
    }

    private final ConnectionPlan plan;
    private final AuthenticationGuard guard;
    private final PolicyManagers managers;
    private final List<Target<O>> targets;
    private final Map<ConnectionPlan.Host, Target<O>> byHost;
    private final FailureFactory failures;

    VertxPlan(ConnectionPlan plan, PolicyManagers managers, List<Target<O>> targets, AuthenticationGuard guard,
              FailureFactory failures) {
        this.guard = guard;
        this.plan = plan;
        this.managers = managers;
        this.targets = List.copyOf(targets);
        this.failures = failures;
        IdentityHashMap<ConnectionPlan.Host, Target<O>> m = new IdentityHashMap<>();
        for (Target<O> t : targets) {
            m.put(t.host(), t);
        }
        this.byHost = m;
    }

    /** libpq's checks of the server's authentication request, made on pgssl's engines. */
    public AuthenticationGuard guard() {
        return guard;
    }

    /** Core's plan. */
    public ConnectionPlan plan() {
        return plan;
    }

    /** libpq's {@code connect_timeout} in milliseconds (per attempt); 0 when none. */
    public int connectTimeoutMillis() {
        return plan.connectTimeout().isPresent() ? (int) Math.min(Integer.MAX_VALUE, plan.connectTimeout().get().toMillis()) : 0;
    }

    /** The managers of the TLS attempts; {@code null} when TLS is never attempted. */
    public PolicyManagers managers() {
        return managers;
    }

    /** Every planned server's options, in libpq's order. */
    public List<Target<O>> targets() {
        return targets;
    }

    /** The options of one planned server. */
    public Target<O> target(ConnectionPlan.Host host) {
        return byHost.get(host);
    }

    /** The adapter's public failure type. */
    FailureFactory failures() {
        return failures;
    }

    /** {@code host (hostaddr):port} of every planned server. */
    public List<String> describeTargets() {
        return targets.stream().map(Target::describe).toList();
    }
}
