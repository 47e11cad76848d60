package io.github.pgssl.vertx.internal;

import io.github.pgssl.PgSslException;
import io.github.pgssl.SslPolicy;
import io.vertx.core.net.SocketAddress;
import io.vertx.pgclient.PgConnectOptions;

import java.util.List;
import java.util.Optional;

/**
 * What pgssl adds to Vert.x's options (the adapters' {@code PgSslConnectOptions} hold one): the
 * policy, core's plan (for the outer options), the {@code hostaddr} address and the refusal for
 * Vert.x's own one-attempt connector.
 *
 * @param <O> the adapter's options type
 */
public final class PlannedOptions<O extends PgConnectOptions> {
    private final SslPolicy policy;
    private final VertxPlan<O> plan;
    private final SocketAddress address;
    private final PgSslException foreignRefusal;

    PlannedOptions(SslPolicy policy, VertxPlan<O> plan, SocketAddress address, PgSslException foreignRefusal) {
        this.policy = policy;
        this.plan = plan;
        this.address = address;
        this.foreignRefusal = foreignRefusal;
    }

    /** {@return the TLS policy the options enforce} */
    public SslPolicy policy() {
        return policy;
    }

    /** {@return the connection plan; empty for the single-attempt options pgssl derives internally} */
    public Optional<VertxPlan<O>> plan() {
        return Optional.ofNullable(plan);
    }

    /** {@return the hosts tried, in libpq's order ({@code host:port} of the options themselves without a plan)} */
    public List<String> targets(PgConnectOptions own) {
        return plan == null ? List.of(own.getHost() + ":" + own.getPort()) : plan.describeTargets();
    }

    /**
     * {@return the address Vert.x connects to} With {@code hostaddr} it is that numeric address,
     * while its host name stays libpq's {@code host}, so the TLS engine, SNI and pgssl's hostname
     * check use {@code host}; otherwise {@code own}.
     */
    public SocketAddress socketAddress(SocketAddress own) {
        return address != null ? address : own;
    }

    /**
     * Called from the options' {@code getSslMode()}: Vert.x's own connection factory
     * ({@code PgConnectionFactory.checkSslMode}, vertx-pg-client 4.5 and 5.0) reads the mode first,
     * inside the block whose exception fails the connection's {@code Future}: there, and only
     * there, options that Vert.x's one-attempt connector cannot honour refuse.
     */
    public void refuseVertxConnector() {
        if (foreignRefusal != null && StackWalker.getInstance().walk(frames -> frames.skip(2).findFirst()
                .map(f -> f.getClassName().equals("io.vertx.pgclient.impl.PgConnectionFactory"))
                .orElse(false))) {
            throw new PgSslException(foreignRefusal.setting().orElse(null), foreignRefusal.getMessage());
        }
    }
}
