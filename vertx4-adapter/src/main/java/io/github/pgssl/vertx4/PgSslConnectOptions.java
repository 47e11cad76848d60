package io.github.pgssl.vertx4;

import io.github.pgssl.SslPolicy;
import io.github.pgssl.vertx.internal.PlannedOptions;
import io.github.pgssl.vertx.internal.VertxPlan;
import io.vertx.core.net.SocketAddress;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

import java.util.List;
import java.util.Optional;

/**
 * The vertx-pg-client 4.5 {@link PgConnectOptions} pgssl builds for a connection string: Vert.x's
 * own options (which in 4.5 are also the TCP and TLS options), plus libpq's connection plan (every
 * host in order, {@code hostaddr}, the {@code allow}/{@code prefer} attempts) that only pgssl's
 * connectors ({@link PgSslVertx4#pool}, {@link PgSslVertx4#connect}, {@link PgSslVertx4#driver()})
 * carry out.
 *
 * <p>Used with Vert.x's own {@code PgBuilder}, {@code Pool.pool} or {@code PgConnection.connect},
 * which make one attempt to one host, these options connect as libpq would to a single host. For a
 * host list, or {@code verify-full} with only a {@code hostaddr}, Vert.x's own connector fails every
 * connection with a {@link io.github.pgssl.PgSslException} saying why and what to use instead. Copying these
 * options with {@code new PgConnectOptions(options)} drops {@code hostaddr} and that guard.
 *
 * <p><b>Security:</b> the TLS decision is {@link #policy()}; the trust options carry pgssl's trust
 * manager, which checks the chain and libpq's hostname rules during the handshake. Do not replace
 * them, and do not set {@code setSsl(true)} or a hostname verification algorithm.
 */
public final class PgSslConnectOptions extends PgConnectOptions {
    private final PlannedOptions<PgSslConnectOptions> planned;

    PgSslConnectOptions(PgConnectOptions base, PlannedOptions<PgSslConnectOptions> planned) {
        super(base);
        this.planned = planned;
    }

    /** {@return the TLS policy these options enforce} */
    public SslPolicy policy() {
        return planned.policy();
    }

    /**
     * {@return the hosts tried, in libpq's order, as {@code host[ (hostaddr)]:port}} A single-host
     * string has one element.
     */
    public List<String> targets() {
        return planned.targets(this);
    }

    /** The connection plan; empty for the single-attempt options pgssl derives internally. */
    Optional<VertxPlan<PgSslConnectOptions>> plan() {
        return planned.plan();
    }

    /** The address Vert.x connects to: with {@code hostaddr} that address, named libpq's {@code host}. */
    @Override
    public SocketAddress getSocketAddress() {
        return planned.socketAddress(super.getSocketAddress());
    }

    /** Refuses Vert.x's own one-attempt connector where it cannot honour these options. */
    @Override
    public SslMode getSslMode() {
        planned.refuseVertxConnector();
        return super.getSslMode();
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
