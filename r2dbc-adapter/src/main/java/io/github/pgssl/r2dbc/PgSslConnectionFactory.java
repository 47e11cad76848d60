package io.github.pgssl.r2dbc;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.Endpoint;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.r2dbc.ConnectionErrors.Failure;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionFactoryOptions;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An R2DBC {@link ConnectionFactory} that connects the way libpq does, on top of
 * r2dbc-postgresql.
 *
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
    private final List<Endpoint> targets;
    private final boolean randomOrder;
    private final SessionAttributes sessionAttributes;
    private final java.time.Duration attemptTimeout;
    private final Supplier<TlsMaterial> material;
    /** Per host, in libpq's order: its attempts, decided once (connecting only reads this). */
    private final List<Host> plan;
    private final io.github.pgssl.spi.AuthenticationGuard guard;

    /** One host of the list and the attempts libpq makes on it. */
    private record Host(Endpoint target, List<Attempt> attempts) {
    }

    /** One attempt on one host; its driver factory is built on first use and then reused. */
    private final class Attempt {
        final Endpoint target;
        final boolean tls;
        private volatile PostgresqlConnectionFactory factory;

        Attempt(Endpoint target, boolean tls) {
            this.target = target;
            this.tls = tls;
        }

        PostgresqlConnectionFactory factory() {
            PostgresqlConnectionFactory f = factory;
            if (f == null) {
                synchronized (this) {
                    f = factory;
                    if (f == null) {
                        f = new PostgresqlConnectionFactory(configuration(this));
                        factory = f;
                    }
                }
            }
            return f;
        }
    }

    PgSslConnectionFactory(ConnectionSettings settings, SslPolicy policy, ConnectionFactoryOptions driverOptions) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.driverOptions = Objects.requireNonNull(driverOptions, "driverOptions");
        this.targets = settings.endpoints();
        this.randomOrder = settings.get("load_balance_hosts").map(v -> switch (v) {
            case "disable" -> false;
            case "random" -> true;
            default -> throw new io.github.pgssl.SslConfigurationException("load_balance_hosts",
                    "invalid load_balance_hosts value: \"" + v + "\"; use disable or random");
        }).orElse(false);
        this.sessionAttributes = settings.get("target_session_attrs").filter(v -> !v.isEmpty())
                .map(SessionAttributes::fromWireValue).orElse(SessionAttributes.ANY);
        this.material = () -> PgSsl.material(policy);
        this.attemptTimeout = DriverConfigurations.connectTimeout(settings).orElse(null);
        List<Host> hosts = new ArrayList<>(targets.size());
        for (Endpoint target : targets) {
            List<Attempt> attempts = new ArrayList<>(2);
            for (boolean tls : attemptsFor(target)) {
                attempts.add(new Attempt(target, tls));
            }
            hosts.add(new Host(target, List.copyOf(attempts)));
        }
        this.plan = List.copyOf(hosts);
        this.guard = io.github.pgssl.spi.AuthenticationGuard.of(settings, policy, DriverSupport.CHANNEL_BINDING);
        // Fail now, not at the first connection, when a setting cannot be expressed.
        DriverConfigurations.plaintext(settings, driverOptions, targets.get(0));
    }

    /** The policy every TLS attempt enforces. */
    public SslPolicy policy() {
        return policy;
    }

    /** The hosts in libpq's order, as libpq names them in errors. */
    public List<String> hosts() {
        return targets.stream().map(Endpoint::describe).toList();
    }

    /**
     * The driver configuration of the first attempt on the first host, for inspection and
     * benchmarks; connecting through it alone skips pgssl's fallback and host-list handling.
     */
    public PostgresqlConnectionConfiguration firstAttemptConfiguration() {
        return configuration(plan.get(0).attempts().get(0));
    }

    @Override
    public Mono<PostgresqlConnection> create() {
        return Mono.defer(() -> {
            List<Host> order = plan;
            if (randomOrder && plan.size() > 1) {
                order = new ArrayList<>(plan);
                Collections.shuffle(order);
            }
            List<Failure> failures = new ArrayList<>(2);
            if (sessionAttributes == SessionAttributes.PREFER_STANDBY) {
                // libpq: a first pass wanting a standby, then a second pass taking any server.
                List<Host> hosts = order;
                return onHost(hosts, 0, SessionAttributes.STANDBY, failures)
                        .onErrorResume(e -> ranOutOfHosts(failures), e -> onHost(hosts, 0, SessionAttributes.ANY, failures));
            }
            return onHost(order, 0, sessionAttributes, failures);
        });
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return METADATA;
    }

    /** The pass ended because every host was skipped (not because of a final TLS or authentication failure). */
    private static boolean ranOutOfHosts(List<Failure> failures) {
        return !failures.isEmpty() && ConnectionErrors.movesToNextHost(failures.get(failures.size() - 1).error());
    }

    private Mono<PostgresqlConnection> onHost(List<Host> order, int host, SessionAttributes wanted, List<Failure> failures) {
        return attempt(order, host, wanted, order.get(host).attempts(), 0, failures);
    }

    private Mono<PostgresqlConnection> attempt(List<Host> order, int host, SessionAttributes wanted, List<Attempt> kinds,
                                               int kind, List<Failure> failures) {
        Attempt a = kinds.get(kind);
        Endpoint target = a.target;
        Mono<PostgresqlConnection> connection = Mono.defer(() -> connect(a));
        if (wanted != SessionAttributes.ANY) {
            connection = connection.flatMap(wanted::check);
        }
        if (attemptTimeout != null) {
            // libpq's connect_timeout bounds the whole attempt (TCP, TLS, startup), not only the TCP connect.
            connection = connection.timeout(attemptTimeout);
        }
        return connection.onErrorResume(e -> {
            failures.add(new Failure(target, e));
            Throwable driverRetry = a.tls && policy.fallback() == SslPolicy.Fallback.PLAINTEXT_AFTER_TLS_FAILURE
                    ? ConnectionErrors.driverPlaintextRetry(e) : null;
            if (driverRetry != null) {
                // The driver (sslMode PREFER) already made libpq's plaintext attempt after an authentication error.
                failures.add(new Failure(target, driverRetry));
                return Mono.error(ConnectionErrors.toR2dbc(failures));
            }
            if (ConnectionErrors.movesToNextHost(e)) {
                return host + 1 < order.size()
                        ? onHost(order, host + 1, wanted, failures)
                        : Mono.error(ConnectionErrors.toR2dbc(failures));
            }
            if (kind + 1 < kinds.size()) {
                return attempt(order, host, wanted, kinds, kind + 1, failures);
            }
            return Mono.error(ConnectionErrors.toR2dbc(failures));
        });
    }

    private Mono<PostgresqlConnection> connect(Attempt a) {
        if (!a.tls && guard.active()) {
            // libpq's checks of the authentication request need pgssl's TLS engine; see AuthenticationGuard.
            java.util.Optional<String> refusal = guard.plaintextRefusal();
            if (refusal.isPresent()) {
                return Mono.error(new io.github.pgssl.SslConfigurationException(
                        guard.checksRequireAuth() ? "require_auth" : guard.requiresChannelBinding() ? "channel_binding" : "sslcertmode",
                        refusal.get()));
            }
        }
        if (a.tls) {
            // Material errors (unreadable key, bad permissions) are a failure of this TLS attempt, as in libpq.
            material.get();
        }
        return a.factory().create();
    }

    private PostgresqlConnectionConfiguration configuration(Attempt a) {
        return a.tls
                ? DriverConfigurations.tls(settings, driverOptions, a.target, (SslPolicy.Tls) policy, material)
                : DriverConfigurations.plaintext(settings, driverOptions, a.target);
    }

    /** The attempts libpq makes on one host: {@code true} = TLS, {@code false} = plaintext. */
    private List<Boolean> attemptsFor(Endpoint target) {
        SslPolicy forHost = PgSsl.policyForHost(policy, target.connectAddress());
        if (forHost instanceof SslPolicy.Disabled) {
            return List.of(false);
        }
        return switch (forHost.fallback()) {
            case NONE -> List.of(true);
            case PLAINTEXT_AFTER_TLS_FAILURE -> List.of(true, false);
            case PLAINTEXT_FIRST -> List.of(false, true);
        };
    }

    /** Redacted: the connection string without secrets, and the policy. */
    @Override
    public String toString() {
        return "PgSslConnectionFactory[" + settings.toRedactedUrl() + ", " + policy + "]";
    }
}
