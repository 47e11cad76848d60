package io.github.pgssl.vertx;

import io.github.pgssl.SslPolicy;
import io.vertx.core.net.SocketAddress;
import io.vertx.pgclient.PgConnectOptions;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link PgConnectOptions} pgssl builds for a connection string: Vert.x's own options, plus
 * the libpq connection plan (every host in order, {@code hostaddr}, the {@code allow}/{@code prefer}
 * attempts) that only pgssl's connectors ({@link PgSslVertx#pool}, {@link PgSslVertx#connect},
 * {@link PgSslVertx#driver()}) carry out.
 *
 * <p>Used with Vert.x's own {@code PgBuilder}, these options still connect as libpq would to the
 * <em>first</em> host (including {@code hostaddr}, TLS verification and fallback); a later host is
 * never tried, so a multi-host string logs one WARN there. Copying these options with
 * {@code new PgConnectOptions(options)} drops {@code hostaddr}.
 *
 * <p><b>Security:</b> the TLS decision is {@link #policy()}; the {@code ClientSSLOptions} carry
 * pgssl's trust manager, which checks the chain and libpq's hostname rules during the handshake.
 * Do not replace them.
 */
public final class PgSslConnectOptions extends PgConnectOptions {
    private static final System.Logger LOG = System.getLogger(PgSslConnectOptions.class.getName());

    private final SslPolicy policy;
    private final ConnectPlan plan;
    private final SocketAddress address;
    private final AtomicBoolean warned = new AtomicBoolean();

    PgSslConnectOptions(PgConnectOptions base, SslPolicy policy, ConnectPlan plan, SocketAddress address) {
        super(base);
        this.policy = policy;
        this.plan = plan;
        this.address = address;
    }

    /** The TLS policy these options enforce. */
    public SslPolicy policy() {
        return policy;
    }

    /**
     * The hosts tried, in libpq's order, as {@code host[ (hostaddr)]:port}; one element for a
     * single-host string.
     */
    public List<String> targets() {
        return plan == null ? List.of(getHost() + ":" + getPort()) : plan.describeTargets();
    }

    /** The connection plan; empty for the single-attempt options pgssl derives internally. */
    Optional<ConnectPlan> plan() {
        return Optional.ofNullable(plan);
    }

    /**
     * The address Vert.x connects to. With {@code hostaddr} it is that numeric address, while its
     * host name stays libpq's {@code host}, so the TLS engine, SNI and pgssl's hostname check use
     * {@code host} (spec §3.3).
     */
    @Override
    public SocketAddress getSocketAddress() {
        if (plan != null && plan.targets().size() > 1 && warned.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "pgssl: these options list " + plan.targets().size()
                    + " hosts but are used by a connector that tries only the first; use PgSslVertx.pool(...),"
                    + " PgSslVertx.connect(...) or PgSslVertx.driver() for libpq's host order");
        }
        return address != null ? address : super.getSocketAddress();
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
