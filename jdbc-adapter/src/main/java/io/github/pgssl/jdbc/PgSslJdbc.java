package io.github.pgssl.jdbc;

import io.github.pgssl.ConnectionSettings;
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

    /** A DataSource for a connection string, in the process environment. */
    public static PgSslDataSource dataSource(String connectionString) {
        return configuration(connectionString).dataSource();
    }

    /** A DataSource for a connection string, in an injected environment. */
    public static PgSslDataSource dataSource(String connectionString, PgEnvironment environment) {
        return configuration(connectionString, environment).dataSource();
    }

    /** The pgjdbc configuration of a connection string, in the process environment. */
    public static JdbcConfiguration configuration(String connectionString) {
        return configuration(connectionString, PgEnvironment.system());
    }

    /** The pgjdbc configuration of a connection string, in an injected environment. */
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
        if (JdbcConfiguration.endpoints(settings).stream().allMatch(Endpoint::isUnixSocket)) {
            return SslPolicy.disabled();
        }
        return PgSsl.policy(settings, environment);
    }

    /** The pgjdbc configuration of merged settings and an explicit policy. */
    public static JdbcConfiguration configuration(ConnectionSettings settings, SslPolicy policy) {
        return JdbcConfiguration.of(settings, policy);
    }

    /** pgjdbc's native URL ({@code jdbc:postgresql://...}, no credentials); see {@link JdbcConfiguration#jdbcUrl()}. */
    public static String jdbcUrl(String connectionString) {
        return configuration(connectionString).jdbcUrl();
    }

    /** pgjdbc's native Properties (with the password); see {@link JdbcConfiguration#properties()}. */
    public static Properties properties(String connectionString) {
        return configuration(connectionString).properties();
    }

    /**
     * The configuration of a connection string plus JDBC {@code Properties}, as the
     * {@code jdbc:pgssl:} driver reads them: libpq keywords in {@code info} (including
     * {@code user} and {@code password}) apply unless the string sets them explicitly (as in
     * pgjdbc, the URL wins); {@code pgssl.*} keys are pgssl options; other keys are pgjdbc
     * properties.
     */
    static JdbcConfiguration configuration(String connectionString, Properties info, PgEnvironment environment) {
        ConnectionSettings s = PgSsl.settings(connectionString, environment);
        if (info != null && !info.isEmpty()) {
            ConnectionSettings.Builder b = s.toBuilder();
            for (Map.Entry<Object, Object> e : info.entrySet()) {
                if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof String value)) {
                    continue;
                }
                if (key.startsWith("pgssl.")) {
                    if (!key.equals(PgSslDriver.ENVIRONMENT_PROPERTY)) {
                        b.pgsslOption(key.substring("pgssl.".length()), value);
                    }
                } else if (LibpqKeywords.isLibpq(key)) {
                    if (s.origin(key).orElse(null) != ConnectionSettings.Origin.EXPLICIT) {
                        if (io.github.pgssl.SensitiveKeys.isSensitive(key)) {
                            b.setSecret(key, Secret.of(value), ConnectionSettings.Origin.EXPLICIT);
                        } else {
                            b.set(key, value, ConnectionSettings.Origin.EXPLICIT);
                        }
                    }
                } else {
                    b.driverOption(key, value);
                }
            }
            s = b.build();
        }
        return JdbcConfiguration.of(s, policy(s, environment));
    }
}
