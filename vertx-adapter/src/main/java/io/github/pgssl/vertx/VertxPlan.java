package io.github.pgssl.vertx;

import io.github.pgssl.ConnectionPlan;

import java.util.List;
import java.util.Map;

/**
 * Core's {@link ConnectionPlan} with the Vert.x options of every planned attempt built once, so
 * that connecting allocates no SSL state and reads no file. Holds no rule of its own: the hosts,
 * their order, passwords and attempts are core's.
 */
final class VertxPlan {

    /**
     * The Vert.x options of one server's attempts.
     *
     * @param host  core's planned server
     * @param tls   options for its TLS attempt, or {@code null} when TLS is never tried
     * @param plain options for its plaintext attempt
     */
    record Target(ConnectionPlan.Host host, PgSslConnectOptions tls, PgSslConnectOptions plain) {

        /** The short form {@link PgSslConnectOptions#targets()} lists: {@code host (hostaddr):port}. */
        String describe() {
            String name = host.endpoint().host();
            String addr = host.endpoint().hostaddr();
            return (name.isEmpty() ? addr : name) + (!addr.isEmpty() && !name.isEmpty() ? " (" + addr + ")" : "")
                    + ":" + host.endpoint().port();
        }

        PgSslConnectOptions options(ConnectionPlan.Attempt attempt) {
            return attempt.tls() ? tls : plain;
        }
    }

    private final ConnectionPlan plan;
    private final io.github.pgssl.spi.AuthenticationGuard guard;
    private final PolicyManagers managers;
    private final List<Target> targets;
    private final Map<ConnectionPlan.Host, Target> byHost;

    VertxPlan(ConnectionPlan plan, PolicyManagers managers, List<Target> targets, io.github.pgssl.spi.AuthenticationGuard guard) {
        this.guard = guard;
        this.plan = plan;
        this.managers = managers;
        this.targets = List.copyOf(targets);
        java.util.IdentityHashMap<ConnectionPlan.Host, Target> m = new java.util.IdentityHashMap<>();
        for (Target t : targets) {
            m.put(t.host(), t);
        }
        this.byHost = m;
    }

    /** libpq's checks of the server's authentication request, made on pgssl's engines. */
    io.github.pgssl.spi.AuthenticationGuard guard() {
        return guard;
    }

    /** Core's plan. */
    ConnectionPlan plan() {
        return plan;
    }

    /** libpq's {@code connect_timeout} in milliseconds (per attempt); 0 when none. */
    int connectTimeoutMillis() {
        return plan.connectTimeout().map(d -> (int) Math.min(Integer.MAX_VALUE, d.toMillis())).orElse(0);
    }

    /** The managers of the TLS attempts; {@code null} when TLS is never attempted. */
    PolicyManagers managers() {
        return managers;
    }

    List<Target> targets() {
        return targets;
    }

    /** The options of one planned server. */
    Target target(ConnectionPlan.Host host) {
        return byHost.get(host);
    }

    List<String> describeTargets() {
        return targets.stream().map(Target::describe).toList();
    }
}
