package io.github.pgssl.r2dbc;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;

import java.util.Objects;

/**
 * The façade of pgssl-r2dbc: a PostgreSQL connection string (libpq URI or keyword/value, JDBC or
 * R2DBC URL) in, an R2DBC connection factory with libpq's TLS meaning out.
 *
 * <pre>{@code
 * ConnectionFactory cf = PgSslR2dbc.connectionFactory(System.getenv("DATABASE_URL"));
 * Mono.from(cf.create()).flatMapMany(c -> c.createStatement("select 1").execute()) ...
 *
 * // or through the R2DBC SPI (also with r2dbc-pool: "r2dbc:pool:pgssl:postgresql://...")
 * ConnectionFactory cf = ConnectionFactories.get("r2dbc:pgssl:postgresql://app@db.example.com/app?sslmode=verify-full");
 * }</pre>
 */
public final class PgSslR2dbc {

    /** The R2DBC driver name of the {@code r2dbc:pgssl:} URL form. */
    public static final String DRIVER = "pgssl";

    /**
     * Option for {@code r2dbc:pgssl:} options built in code: the environment libpq would see (HOME,
     * {@code PG*} variables). Default: the process environment.
     */
    public static final Option<PgEnvironment> ENVIRONMENT = Option.valueOf("pgsslEnvironment");

    /** Option for {@code r2dbc:pgssl:} options built in code: a named policy that overrides the URL's TLS settings. */
    public static final Option<SslPolicy> POLICY = Option.valueOf("pgsslPolicy");

    private PgSslR2dbc() {
    }

    /**
     * A connection factory for a connection string, in the process environment.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @return a ConnectionFactory that connects as psql would with the same string
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static PgSslConnectionFactory connectionFactory(String connectionString) {
        return connectionFactory(connectionString, PgEnvironment.system());
    }

    /**
     * A connection factory for a connection string, in an injected environment.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @param environment the environment libpq would see ({@code PG*} variables, home directory)
     * @return a ConnectionFactory that connects as psql would with the same string and environment
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static PgSslConnectionFactory connectionFactory(String connectionString, PgEnvironment environment) {
        ConnectionSettings s = PgSsl.settings(connectionString, Objects.requireNonNull(environment, "environment"));
        return R2dbcDriverAdapter.connectionFactory(s, PgSsl.policy(s, environment), R2dbcDriverAdapter.driverOptions(s));
    }

    /**
     * A connection factory whose TLS follows {@code policy} instead of the string's TLS settings.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @param policy the TLS policy to apply
     * @return a ConnectionFactory for the string's hosts, user and database, with {@code policy}
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     */
    public static PgSslConnectionFactory connectionFactory(String connectionString, SslPolicy policy) {
        ConnectionSettings s = PgSsl.settings(connectionString, PgEnvironment.system());
        return R2dbcDriverAdapter.connectionFactory(s, Objects.requireNonNull(policy, "policy"), R2dbcDriverAdapter.driverOptions(s));
    }

    /**
     * One r2dbc-postgresql configuration, for code that needs the driver's own type. Refused with
     * a {@link io.github.pgssl.SslConfigurationException} for several hosts or for
     * {@code allow}/{@code prefer}, which need {@link #connectionFactory(String)}.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @return r2dbc-postgresql's configuration, with pgssl's TLS
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static PostgresqlConnectionConfiguration configuration(String connectionString) {
        return configuration(connectionString, PgEnvironment.system());
    }

    /**
     * {@link #configuration(String)} in an injected environment.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @param environment the environment libpq would see ({@code PG*} variables, home directory)
     * @return r2dbc-postgresql's configuration, with pgssl's TLS
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static PostgresqlConnectionConfiguration configuration(String connectionString, PgEnvironment environment) {
        ConnectionSettings s = PgSsl.settings(connectionString, Objects.requireNonNull(environment, "environment"));
        return R2dbcDriverAdapter.singleConfiguration(s, PgSsl.policy(s, environment), R2dbcDriverAdapter.driverOptions(s));
    }

    /**
     * A connection factory from {@code r2dbc:pgssl:} options (what {@code ConnectionFactories.get} does).
     *
     * @param options options with driver {@value #DRIVER}, optionally {@link #ENVIRONMENT} and {@link #POLICY}
     * @return a ConnectionFactory that connects as psql would with the same settings
     */
    public static PgSslConnectionFactory connectionFactory(ConnectionFactoryOptions options) {
        return new PgSslConnectionFactoryProvider().create(options);
    }
}
