package io.github.pgssl.r2dbc;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.DriverInputs;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ConnectionFactoryProvider;
import io.r2dbc.spi.Option;

import java.util.TreeMap;
import java.util.Map;
import java.util.Set;

/**
 * The R2DBC driver {@code pgssl}: {@code r2dbc:pgssl:postgresql://user:pw@host:5432/db?sslmode=verify-full&sslrootcert=/ca.pem}.
 *
 * <p>The R2DBC SPI hands providers parsed options, not the URL. Core reads those options directly
 * as driver-level inputs ({@link DriverInputs#r2dbcOptions}; no URI is written back), merged with one
 * precedence for every driver (inputs, then the service file, {@code PG*} variables and defaults),
 * so the query keys are libpq's keywords ({@code sslmode}, {@code sslrootcert}, {@code hostaddr}, {@code target_session_attrs} ...),
 * plus r2dbc-postgresql's own non-TLS options ({@code preparedStatementCacheQueries},
 * {@code statementTimeout} ...), which are passed to the driver. An unknown key is an error (a
 * mistyped TLS key must never be ignored). Host lists ({@code h1:5432,h2:5433}) work.
 *
 * <p>Forms: {@code r2dbc:pgssl:postgresql://}, {@code r2dbc:pgssl:postgres://} (so
 * {@code r2dbc:pgssl:${DATABASE_URL}} works), {@code r2dbc:pgssl://}, and through r2dbc-pool
 * {@code r2dbc:pool:pgssl:postgresql://}. {@code r2dbcs:pgssl:} means {@code sslmode=verify-full}
 * unless the options set sslmode (r2dbc's meaning of {@code r2dbcs}; an {@code ssl=true} option in code likewise). SPI limits: {@code host},
 * {@code port}, {@code user}, {@code password} and {@code database} may not appear in the query
 * (use the URL's parts, or a percent-encoded socket directory as host).
 */
public final class PgSslConnectionFactoryProvider implements ConnectionFactoryProvider {
    private static final Set<String> URL_PARTS = Set.of("driver", "protocol", "host", "port", "user", "password",
            "database", "ssl", PgSslR2dbc.ENVIRONMENT.name(), PgSslR2dbc.POLICY.name());

    @Override
    public PgSslConnectionFactory create(ConnectionFactoryOptions options) {
        Object env = options.getValue(PgSslR2dbc.ENVIRONMENT);
        if (env != null && !(env instanceof PgEnvironment)) {
            throw new IllegalArgumentException("option " + PgSslR2dbc.ENVIRONMENT.name() + " must be a PgEnvironment, not "
                    + env.getClass().getName());
        }
        Object policy = options.getValue(PgSslR2dbc.POLICY);
        if (policy != null && !(policy instanceof SslPolicy)) {
            throw new IllegalArgumentException("option " + PgSslR2dbc.POLICY.name() + " must be an SslPolicy, not "
                    + policy.getClass().getName());
        }
        PgEnvironment environment = env != null ? (PgEnvironment) env : PgEnvironment.system();
        ConnectionFactoryOptions.Builder driverOptions = ConnectionFactoryOptions.builder();
        DriverInputs inputs = inputs(options, driverOptions);
        // No connection string: the options are everything (an empty string, not DATABASE_URL).
        ConnectionSettings settings = PgSsl.settings("", inputs, environment);
        SslPolicy resolved = policy != null ? (SslPolicy) policy : PgSsl.policy(settings, environment);
        return R2dbcDriverAdapter.connectionFactory(settings, resolved, driverOptions.build());
    }

    @Override
    public boolean supports(ConnectionFactoryOptions options) {
        return PgSslR2dbc.DRIVER.equals(options.getValue(ConnectionFactoryOptions.DRIVER));
    }

    @Override
    public String getDriver() {
        return PgSslR2dbc.DRIVER;
    }

    /**
     * The options as core's driver-level inputs; r2dbc-postgresql's own (non-TLS) options go to
     * {@code driverOptions}. Never logged: the inputs hold the password.
     */
    static DriverInputs inputs(ConnectionFactoryOptions options, ConnectionFactoryOptions.Builder driverOptions) {
        Object protocol = options.getValue(ConnectionFactoryOptions.PROTOCOL);
        if (protocol != null && !protocol.toString().isEmpty() && !"postgresql".equals(protocol) && !"postgres".equals(protocol)) {
            throw new IllegalArgumentException("r2dbc:pgssl: URLs take the protocol postgresql or postgres (r2dbc:pgssl:postgresql://...),"
                    + " not \"" + protocol + "\"; list several hosts as host1:port1,host2:port2");
        }
        // The SPI keeps options in a hash map (duplicates already collapsed, last wins): sort for a stable order.
        Map<String, String> rest = new TreeMap<>();
        for (String name : OptionNames.of(options)) {
            Object value = options.getValue(Option.valueOf(name));
            if (URL_PARTS.contains(name) || DriverOptionNames.POOL_NAMES.contains(name) || value == null) {
                continue;
            }
            if (DriverOptionNames.isPassThrough(name) && !"options".equals(name)) {
                driverOptions.option(Option.valueOf(name), value);
            } else {
                rest.put(name, text(value, name));
            }
        }
        return DriverInputs.r2dbcOptions(optionalText(options, ConnectionFactoryOptions.HOST, "host"),
                optionalText(options, ConnectionFactoryOptions.PORT, "port"),
                optionalText(options, ConnectionFactoryOptions.USER, "user"),
                optionalText(options, ConnectionFactoryOptions.PASSWORD, "password"),
                optionalText(options, ConnectionFactoryOptions.DATABASE, "database"),
                optionalText(options, ConnectionFactoryOptions.SSL, "ssl"), rest);
    }

    private static String optionalText(ConnectionFactoryOptions options, Option<?> option, String name) {
        Object v = options.getValue(option);
        return v == null ? null : text(v, name);
    }

    private static String text(Object value, String name) {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException("option " + name + " must be text for r2dbc:pgssl:, not " + value.getClass().getName());
    }
}
