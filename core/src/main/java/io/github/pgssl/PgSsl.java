package io.github.pgssl;

import io.github.pgssl.internal.parse.Parsers;
import io.github.pgssl.internal.policy.PolicyResolver;
import io.github.pgssl.internal.spi.Adapters;
import io.github.pgssl.internal.tls.MaterialCache;

import java.util.Objects;

/**
 * The facade: from a connection string (in any form core reads) to a driver's native
 * configuration with libpq's TLS meaning.
 *
 * <pre>{@code
 * DataSource ds = PgSsl.configure(System.getenv("DATABASE_URL"), DataSource.class);
 * }</pre>
 */
public final class PgSsl {
    private PgSsl() {
    }

    /** Parses the explicit settings of a connection string, without the environment. */
    public static ConnectionSettings parse(String connectionString) {
        return Parsers.parse(Objects.requireNonNull(connectionString, "connectionString"));
    }

    /**
     * Parses a connection string and merges libpq's environment into it (service file,
     * {@code PG*} variables, defaults). A {@code null} string means {@code DATABASE_URL}, or
     * only the environment when that is unset.
     */
    public static ConnectionSettings settings(String connectionString, PgEnvironment environment) {
        return Parsers.resolve(connectionString, Objects.requireNonNull(environment, "environment"));
    }

    /** {@link #settings(String, PgEnvironment)} with the process environment. */
    public static ConnectionSettings settings(String connectionString) {
        return settings(connectionString, PgEnvironment.system());
    }

    /** The policy libpq's rules (or the selected strategy) give these merged settings. */
    public static SslPolicy policy(ConnectionSettings settings, PgEnvironment environment) {
        return PolicyResolver.resolve(settings, environment);
    }

    /** The shared TLS material for a policy: built on first use, then cached. */
    public static TlsMaterial material(SslPolicy policy) {
        return MaterialCache.get(policy);
    }

    /** A driver's native configuration for a connection string, in the process environment. */
    public static <T> T configure(String connectionString, Class<T> nativeType) {
        return configure(connectionString, nativeType, PgEnvironment.system());
    }

    /** A driver's native configuration for a connection string, in an injected environment. */
    public static <T> T configure(String connectionString, Class<T> nativeType, PgEnvironment environment) {
        ConnectionSettings s = settings(connectionString, environment);
        return Adapters.configure(s, policy(s, environment), nativeType);
    }

    /** A driver's native configuration with an explicit policy, which overrides the connection string's TLS settings. */
    public static <T> T configure(String connectionString, Class<T> nativeType, SslPolicy policy) {
        ConnectionSettings s = settings(connectionString, PgEnvironment.system());
        return Adapters.configure(s, Objects.requireNonNull(policy, "policy"), nativeType);
    }

    /** A driver's native configuration from already-merged settings and a policy. */
    public static <T> T configure(ConnectionSettings settings, SslPolicy policy, Class<T> nativeType) {
        return Adapters.configure(settings, policy, nativeType);
    }
}
