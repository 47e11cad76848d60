package io.github.pgssl;

import io.github.pgssl.internal.parse.HostList;
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

    /**
     * Parses the explicit settings of a connection string, without the environment.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL)
     * @return the settings the string itself holds
     * @throws ConnectionStringException when the string cannot be read
     */
    public static ConnectionSettings parse(String connectionString) {
        return Parsers.parse(Objects.requireNonNull(connectionString, "connectionString"));
    }

    /**
     * Parses a connection string and merges libpq's environment into it (service file,
     * {@code PG*} variables, defaults). A {@code null} string means {@code DATABASE_URL}, or
     * only the environment when that is unset.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @param environment the environment libpq would see ({@code PG*} variables, home directory)
     * @return the merged settings, as libpq holds them
     * @throws ConnectionStringException when the string cannot be read
     */
    public static ConnectionSettings settings(String connectionString, PgEnvironment environment) {
        return Parsers.resolve(connectionString, Objects.requireNonNull(environment, "environment"));
    }

    /**
     * Parses a connection string and merges a driver's own inputs and then libpq's environment
     * into it, with the precedence documented on {@link DriverInputs}: the string, then the inputs,
     * then the service file, {@code PG*} variables and defaults.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @param inputs the driver's own settings (its Properties or options), or {@code null}
     * @param environment the environment libpq would see ({@code PG*} variables, home directory)
     * @return the merged settings
     * @throws ConnectionStringException when the string cannot be read
     * @throws SslConfigurationException when a {@code pgssl.strategy} among the inputs would weaken
     *         an explicit {@code sslmode=verify-ca}/{@code verify-full} (or {@code sslrootcert=system}) of the string
     */
    public static ConnectionSettings settings(String connectionString, DriverInputs inputs, PgEnvironment environment) {
        Objects.requireNonNull(environment, "environment");
        if (inputs == null || inputs.isEmpty()) {
            return settings(connectionString, environment);
        }
        ConnectionSettings s = Parsers.resolve(connectionString, inputs.parsed(), environment);
        String strategy = inputs.settings().pgsslOptions().get("strategy");
        if (strategy != null && !strategy.isEmpty() && !strategy.equals(s.pgsslOptions().get("strategy"))) {
            return s; // the string's own strategy won
        }
        if (strategy != null && !strategy.isEmpty()) {
            requireNotWeakened(connectionString == null ? environment.get("DATABASE_URL").orElse("") : connectionString,
                    s, strategy, environment);
        }
        return s;
    }

    /** A strategy from driver inputs may not weaken what the string verifies (issue: Properties never weaken TLS). */
    private static void requireNotWeakened(String connectionString, ConnectionSettings merged, String strategy,
                                           PgEnvironment environment) {
        ConnectionSettings explicit = parse(connectionString);
        String mode = explicit.get("sslmode").orElse("");
        boolean system = "system".equals(explicit.get("sslrootcert").orElse(""));
        if (!mode.equals("verify-ca") && !mode.equals("verify-full") && !system) {
            return;
        }
        SslPolicy chosen = PolicyResolver.resolve(merged, environment);
        // What the string demands, whether or not its files can be read now (that error comes later, from libpq's rules).
        int demanded = strength(mode.equals("verify-ca") ? 2 : 3, SslPolicy.Fallback.NONE);
        if (strength(chosen) < demanded) {
            throw new SslConfigurationException("pgssl.strategy", "pgssl.strategy=" + strategy
                    + " given with the driver's properties would weaken " + (system ? "sslrootcert=system" : "sslmode=" + mode)
                    + " written in the connection string; remove pgssl.strategy from the properties, or write it in the"
                    + " connection string");
        }
    }

    private static int strength(SslPolicy p) {
        return strength(p instanceof SslPolicy.VerifyFull ? 3 : p instanceof SslPolicy.VerifyCa ? 2
                : p instanceof SslPolicy.NoVerify ? 1 : 0, p.fallback());
    }

    /** Verification level (0 none .. 3 full) and whether plaintext may follow: higher is stronger. */
    private static int strength(int level, SslPolicy.Fallback fallback) {
        return level * 2 + (fallback == SslPolicy.Fallback.NONE ? 1 : 0);
    }

    /**
     * {@link #settings(String, PgEnvironment)} with the process environment.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @return the merged settings, as libpq holds them
     * @throws ConnectionStringException when the string cannot be read
     */
    public static ConnectionSettings settings(String connectionString) {
        return settings(connectionString, PgEnvironment.system());
    }

    /**
     * The policy libpq's rules (or the selected strategy) give these merged settings.
     *
     * @param settings merged settings ({@link #settings(String, PgEnvironment)})
     * @param environment the environment libpq would see (for {@code ~/.postgresql} and the system roots)
     * @return the policy every connection of these settings follows
     * @throws SslConfigurationException when the settings make no TLS policy
     */
    public static SslPolicy policy(ConnectionSettings settings, PgEnvironment environment) {
        return PolicyResolver.resolve(settings, environment);
    }

    /**
     * The policy for one host of the host list: {@link SslPolicy#disabled()} when {@code host} is a
     * Unix-domain socket (it starts with {@code /}, or with {@code @} for a Linux abstract socket),
     * {@code policy} otherwise.
     *
     * <p>libpq never attempts TLS over a Unix socket, so even {@code sslmode=verify-full} connects
     * in plaintext there; adapters call this for each host before connecting.
     *
     * @param policy the policy of the connection string
     * @param host one host of its host list, as libpq spells it
     * @return the policy for that host
     */
    public static SslPolicy policyForHost(SslPolicy policy, String host) {
        Objects.requireNonNull(policy, "policy");
        return isUnixSocket(host) ? SslPolicy.disabled() : policy;
    }

    /**
     * {@return whether libpq reads {@code host} as a Unix-domain socket directory (or abstract socket)}
     *
     * @param host one host of a host list, as libpq spells it
     */
    public static boolean isUnixSocket(String host) {
        return HostList.isUnixSocket(host);
    }

    /**
     * The shared TLS material for a policy: built on first use, then cached.
     *
     * @param policy a TLS policy
     * @return its trust and key managers and {@code SSLContext}, shared by every connection
     * @throws SslConfigurationException for {@link SslPolicy#disabled()}, which has no TLS material
     * @throws TlsMaterialException when a certificate, key or CRL cannot be read
     */
    public static TlsMaterial material(SslPolicy policy) {
        return MaterialCache.get(policy);
    }

    /**
     * Drops every cached {@link TlsMaterial}; the next {@link #material} call builds it again from the
     * files. For benchmarks and tests that measure or repeat the first build; connections already
     * open keep the material they have.
     */
    public static void clearMaterialCache() {
        MaterialCache.clear();
    }

    /**
     * A driver's native configuration for a connection string, in the process environment.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @param nativeType the driver type wanted ({@code DataSource}, {@code ConnectionFactory}, {@code PgConnectOptions}, ...)
     * @param <T> the driver type
     * @return the driver's object, connecting as psql would
     * @throws AdapterNotFoundException when no adapter on the class path produces {@code nativeType}
     * @throws ConnectionStringException when the string cannot be read
     * @throws SslConfigurationException when the settings make no TLS policy
     */
    public static <T> T configure(String connectionString, Class<T> nativeType) {
        return configure(connectionString, nativeType, PgEnvironment.system());
    }

    /**
     * A driver's native configuration for a connection string, in an injected environment.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @param nativeType the driver type wanted ({@code DataSource}, {@code ConnectionFactory}, {@code PgConnectOptions}, ...)
     * @param <T> the driver type
     * @param environment the environment libpq would see ({@code PG*} variables, home directory)
     * @return the driver's object, connecting as psql would
     * @throws AdapterNotFoundException when no adapter on the class path produces {@code nativeType}
     * @throws ConnectionStringException when the string cannot be read
     * @throws SslConfigurationException when the settings make no TLS policy
     */
    public static <T> T configure(String connectionString, Class<T> nativeType, PgEnvironment environment) {
        ConnectionSettings s = settings(connectionString, environment);
        return Adapters.configure(s, policy(s, environment), nativeType);
    }

    /**
     * A driver's native configuration with an explicit policy, which overrides the connection string's TLS settings.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @param nativeType the driver type wanted ({@code DataSource}, {@code ConnectionFactory}, {@code PgConnectOptions}, ...)
     * @param <T> the driver type
     * @param policy the TLS policy to apply
     * @return the driver's object, connecting as psql would
     * @throws AdapterNotFoundException when no adapter on the class path produces {@code nativeType}
     * @throws ConnectionStringException when the string cannot be read
     */
    public static <T> T configure(String connectionString, Class<T> nativeType, SslPolicy policy) {
        ConnectionSettings s = settings(connectionString, PgEnvironment.system());
        return Adapters.configure(s, Objects.requireNonNull(policy, "policy"), nativeType);
    }

    /**
     * A driver's native configuration from already-merged settings and a policy.
     *
     * @param settings merged settings ({@link #settings(String, PgEnvironment)})
     * @param policy the TLS policy to apply
     * @param nativeType the driver type wanted ({@code DataSource}, {@code ConnectionFactory}, {@code PgConnectOptions}, ...)
     * @param <T> the driver type
     * @return the driver's object, connecting as psql would
     * @throws AdapterNotFoundException when no adapter on the class path produces {@code nativeType}
     */
    public static <T> T configure(ConnectionSettings settings, SslPolicy policy, Class<T> nativeType) {
        return Adapters.configure(settings, policy, nativeType);
    }

    /**
     * libpq's {@code sslcertmode=require}, checked once the server has accepted a connection:
     * fails unless a client certificate was sent in {@code session}. A plaintext connection
     * ({@code session == null}, e.g. the plaintext attempt of {@code prefer}) fails too, as in libpq.
     * Does nothing when the policy does not require a client certificate.
     *
     * @param policy the connection's policy
     * @param session the TLS session of the accepted connection, or {@code null} for plaintext
     * @throws TlsMaterialException {@code server accepted connection without a valid SSL certificate}
     */
    public static void checkClientCertificateSent(SslPolicy policy, javax.net.ssl.SSLSession session) {
        boolean required = policy.tls().map(TlsOptions::clientCertificateRequired).orElse(false);
        if (required && (session == null || session.getLocalCertificates() == null || session.getLocalCertificates().length == 0)) {
            throw new TlsMaterialException("sslcertmode", null,
                    "server accepted connection without a valid SSL certificate; the server did not ask for the client "
                            + "certificate (check its pg_hba.conf), or set sslcertmode=allow");
        }
    }
}
