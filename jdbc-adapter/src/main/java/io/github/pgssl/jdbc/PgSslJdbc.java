package io.github.pgssl.jdbc;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.DriverInputs;
import io.github.pgssl.Endpoint;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PgSslException;
import io.github.pgssl.Secret;
import io.github.pgssl.SslPolicy;

import java.util.Map;
import java.util.Properties;

/**
 * pgssl for pgjdbc: a connection string in any form pgssl reads, with libpq's TLS meaning, as a
 * pgjdbc {@link javax.sql.DataSource}, or as pgjdbc's URL and Properties.
 *
 * <pre>{@code
 * DataSource ds = PgSslJdbc.dataSource(System.getenv("DATABASE_URL"));
 * HikariConfig hc = new HikariConfig();
 * hc.setDataSource(ds);                       // or hc.setJdbcUrl("jdbc:pgssl:" + url)
 * try (Connection c = ds.getConnection()) { ... }
 * }</pre>
 *
 * <p>The same objects come from {@code PgSsl.configure(url, DataSource.class)} (or
 * {@code PgSslDataSource.class}, {@code JdbcConfiguration.class}). Methods here throw pgssl's
 * unchecked {@link PgSslException} for settings that cannot be honoured; connections throw
 * {@link java.sql.SQLException}.
 */
public final class PgSslJdbc {
    private PgSslJdbc() {
    }

    /**
     * A DataSource for a connection string, in the process environment.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @return a DataSource that connects as psql would with the same string
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static PgSslDataSource dataSource(String connectionString) {
        return configuration(connectionString).dataSource();
    }

    /**
     * A DataSource for a connection string, in an injected environment.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @param environment the environment libpq would see ({@code PG*} variables, home directory)
     * @return a DataSource that connects as psql would with the same string and environment
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static PgSslDataSource dataSource(String connectionString, PgEnvironment environment) {
        return configuration(connectionString, environment).dataSource();
    }

    /**
     * The pgjdbc configuration of a connection string, in the process environment.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @return the settings, the policy and what pgjdbc receives
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static JdbcConfiguration configuration(String connectionString) {
        return configuration(connectionString, PgEnvironment.system());
    }

    /**
     * The pgjdbc configuration of a connection string, in an injected environment.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @param environment the environment libpq would see ({@code PG*} variables, home directory)
     * @return the settings, the policy and what pgjdbc receives
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static JdbcConfiguration configuration(String connectionString, PgEnvironment environment) {
        ConnectionSettings s = PgSsl.settings(connectionString, environment);
        return JdbcConfiguration.of(s, policy(s, environment));
    }

    /**
     * The policy for merged settings. When every host is a Unix-domain socket, libpq never
     * initialises TLS, so even {@code verify-full} with a missing root file connects in plaintext:
     * the resolver is not asked and cannot refuse.
     */
    static SslPolicy policy(ConnectionSettings settings, PgEnvironment environment) {
        if (settings.endpoints().stream().allMatch(Endpoint::isUnixSocket)) {
            return SslPolicy.disabled();
        }
        return PgSsl.policy(settings, environment);
    }

    /**
     * The pgjdbc configuration of merged settings and an explicit policy.
     *
     * @param settings the merged settings ({@link PgSsl#settings(String)})
     * @param policy the TLS policy to apply, instead of the settings' sslmode
     * @return the settings, the policy and what pgjdbc receives
     */
    public static JdbcConfiguration configuration(ConnectionSettings settings, SslPolicy policy) {
        return JdbcConfiguration.of(settings, policy);
    }

    /**
     * pgjdbc's native URL; see {@link JdbcConfiguration#jdbcUrl()}.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @return {@code jdbc:postgresql://...}, without credentials
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static String jdbcUrl(String connectionString) {
        return configuration(connectionString).jdbcUrl();
    }

    /**
     * pgjdbc's native Properties; see {@link JdbcConfiguration#properties()}.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @return the properties for {@link #jdbcUrl(String)}, with the password
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static Properties properties(String connectionString) {
        return configuration(connectionString).properties();
    }

    /**
     * A DataSource for a connection string plus pgjdbc-style settings given in code (what pgjdbc's
     * DataSource setters and Properties carry), merged by core with one precedence: the string
     * wins over {@code properties} for the same setting; {@code properties} win over the service
     * file, {@code PG*} variables and defaults. TLS keys are read in any case and every pgjdbc
     * spelling; {@code ssl=true} means verify-full unless an sslmode is set; an unknown {@code ssl*}
     * key is refused with a suggestion; a {@code pgssl.strategy} here never weakens an explicit
     * {@code sslmode=verify-*} of the string.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @param properties pgjdbc-style settings (pgjdbc's property names), or {@code null}
     * @param environment the environment libpq would see ({@code PG*} variables, home directory)
     * @return a DataSource that connects as psql would with the merged settings
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static PgSslDataSource dataSource(String connectionString, Properties properties, PgEnvironment environment) {
        return configuration(connectionString, properties, environment).dataSource();
    }

    /**
     * The configuration of a connection string plus JDBC {@code Properties}, as the
     * {@code jdbc:pgssl:} driver reads them, merged by core ({@link DriverInputs#pgjdbcProperties}).
     */
    static JdbcConfiguration configuration(String connectionString, Properties info, PgEnvironment environment) {
        Properties inputs = new Properties();
        if (info != null) {
            inputs.putAll(info);
            inputs.remove(PgSslDriver.ENVIRONMENT_PROPERTY);
        }
        ConnectionSettings s = PgSsl.settings(connectionString, DriverInputs.pgjdbcProperties(inputs), environment);
        return JdbcConfiguration.of(s, policy(s, environment));
    }
}
