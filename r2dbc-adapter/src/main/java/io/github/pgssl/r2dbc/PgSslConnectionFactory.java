package io.github.pgssl.r2dbc;

import io.github.pgssl.ConnectionFailedException;
import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.spi.PlanExecution;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionFactoryOptions;
import reactor.core.publisher.Mono;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * An R2DBC {@link ConnectionFactory} that connects the way libpq does, on top of
 * r2dbc-postgresql.
 *
 * <p>Core's {@link ConnectionPlan} decides hosts, order, per-host passwords and attempts, and
 * {@link PlanExecution} carries them out through {@link R2dbcAttemptRunner}:
 * <ul>
 *   <li>Hosts are tried in order ({@code load_balance_hosts=random} shuffles them per
 *       connection); a TCP failure moves to the next host, any later failure (TLS, certificate,
 *       authentication) is final, as in libpq.</li>
 *   <li>{@code prefer}: a TLS attempt, then, after <em>any</em> failure of it (including a
 *       rejected certificate or a server error during startup), a plaintext attempt on a new
 *       connection. {@code allow}: plaintext first, then TLS.</li>
 *   <li>TLS uses pgssl's shared material: the chain and libpq's hostname rules are checked during
 *       the handshake against {@code host} (never {@code hostaddr}); SNI only for DNS names.</li>
 *   <li>Unix-socket hosts never use TLS (libpq ignores sslmode there).</li>
 * </ul>
 *
 * <p>Failures arrive as {@link PgSslConnectionException} or {@link PgSslAuthenticationException},
 * worded like libpq's, one line per attempt.
 *
 * <p>Obtain one with {@link PgSslR2dbc#connectionFactory(String)},
 * {@code PgSsl.configure(url, ConnectionFactory.class)} or {@code ConnectionFactories.get("r2dbc:pgssl:...")}.
 * The driver-level factories are built once per host and attempt kind and reused.
 */
public final class PgSslConnectionFactory implements ConnectionFactory {
    private static final ConnectionFactoryMetadata METADATA = () -> "PostgreSQL";

    private final ConnectionSettings settings;
    private final SslPolicy policy;
    private final ConnectionFactoryOptions driverOptions;
    private final ConnectionPlan plan;
    private final Supplier<TlsMaterial> material;
    private final R2dbcAttemptRunner runner;
    private final io.github.pgssl.spi.AuthenticationGuard guard;
    /** Per planned host: its driver factories by attempt, built on first use and then reused. */
    private final Map<ConnectionPlan.Host, Attempts> attempts = new IdentityHashMap<>();

    /** The driver factories of one host's TLS and plaintext attempts. */
    private final class Attempts {
        final ConnectionPlan.Host host;
        private volatile PostgresqlConnectionFactory tls;
        private volatile PostgresqlConnectionFactory plain;

        Attempts(ConnectionPlan.Host host) {
            this.host = host;
        }

        PostgresqlConnectionFactory factory(ConnectionPlan.Attempt a) {
            PostgresqlConnectionFactory f = a.tls() ? tls : plain;
            if (f == null) {
                synchronized (this) {
                    f = a.tls() ? tls : plain;
                    if (f == null) {
                        f = new PostgresqlConnectionFactory(configuration(host, a));
                        if (a.tls()) {
                            tls = f;
                        } else {
                            plain = f;
                        }
                    }
                }
            }
            return f;
        }
    }

    PgSslConnectionFactory(ConnectionSettings settings, SslPolicy policy, ConnectionFactoryOptions driverOptions) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = Objects.requireNonNull(policy, "policy");
        // pgssl.tls_engine is checked here, at configuration time, not on the first connect
        policy.tls().ifPresent(o -> o.engine().forDriver("r2dbc-postgresql", DriverConfigurations.NATIVE_ENGINES, o));
        this.driverOptions = Objects.requireNonNull(driverOptions, "driverOptions");
        this.plan = ConnectionPlan.of(settings, policy);
        this.guard = io.github.pgssl.spi.AuthenticationGuard.of(settings, policy, DriverSupport.CHANNEL_BINDING);
        this.material = () -> PgSsl.material(policy);
        for (ConnectionPlan.Host h : plan.hosts()) {
            attempts.put(h, new Attempts(h));
        }
        this.runner = new R2dbcAttemptRunner(this::connect, plan.connectTimeout().orElse(null));
        // Fail now, not at the first connection, when a setting cannot be expressed.
        DriverConfigurations.plaintext(plan, plan.hosts().get(0), driverOptions);
    }

    /** {@return the policy every TLS attempt enforces} */
    public SslPolicy policy() {
        return policy;
    }

    /** {@return the hosts in libpq's order, as libpq names them in errors} */
    public List<String> hosts() {
        return plan.hosts().stream().map(h -> h.endpoint().describe()).toList();
    }

    /**
     * {@return the driver configuration of the first attempt on the first host} It is for inspection
     * and benchmarks: connecting through it alone skips pgssl's fallback and host-list handling.
     */
    public PostgresqlConnectionConfiguration firstAttemptConfiguration() {
        ConnectionPlan.Host first = plan.hosts().get(0);
        return configuration(first, first.attempts().get(0));
    }

    @Override
    public Mono<PostgresqlConnection> create() {
        return Mono.create(sink -> {
            java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
            sink.onCancel(() -> cancelled.set(true));
            PlanExecution.run(plan, runner).whenComplete((connection, error) -> {
                if (error != null) {
                    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    sink.error(e instanceof ConnectionFailedException f ? R2dbcErrors.toR2dbc(f) : e);
                } else if (cancelled.get()) {
                    // Nobody waits for it any more (e.g. a pool's acquire timed out): do not leak it.
                    runner.close(connection);
                } else {
                    sink.success(connection);
                }
            });
        });
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return METADATA;
    }

    private Mono<PostgresqlConnection> connect(ConnectionPlan.Host host, ConnectionPlan.Attempt a) {
        if (!a.tls() && guard.active()) {
            // libpq's checks of the authentication request need pgssl's TLS engine; see AuthenticationGuard.
            java.util.Optional<String> refusal = guard.plaintextRefusal();
            if (refusal.isPresent()) {
                return Mono.error(new io.github.pgssl.SslConfigurationException(
                        guard.checksRequireAuth() ? "require_auth" : guard.requiresChannelBinding() ? "channel_binding" : "sslcertmode",
                        refusal.get()));
            }
        }
        if (a.tls()) {
            // Material errors (unreadable key, bad permissions) are a failure of this TLS attempt, as in libpq.
            material.get();
        }
        return attempts.get(host).factory(a).create();
    }

    private PostgresqlConnectionConfiguration configuration(ConnectionPlan.Host host, ConnectionPlan.Attempt a) {
        return a.tls()
                ? DriverConfigurations.tls(plan, host, driverOptions, (SslPolicy.Tls) host.policy(), material)
                : DriverConfigurations.plaintext(plan, host, driverOptions);
    }

    /** Redacted: the connection string without secrets, and the policy. */
    @Override
    public String toString() {
        return "PgSslConnectionFactory[" + settings.toRedactedUrl() + ", " + policy + "]";
    }
}
