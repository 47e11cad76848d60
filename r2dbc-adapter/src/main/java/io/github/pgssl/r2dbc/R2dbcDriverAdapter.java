package io.github.pgssl.r2dbc;

import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.Endpoint;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.spi.DriverAdapter;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * pgssl's {@link DriverAdapter} for r2dbc-postgresql, found by {@link java.util.ServiceLoader}.
 *
 * <p>Produces {@link ConnectionFactory} (a {@link PgSslConnectionFactory}: libpq's fallback and
 * host list), and, when a single driver configuration can express the connection (one host, no
 * {@code allow}/{@code prefer} fallback), {@link PostgresqlConnectionConfiguration} and
 * {@link PostgresqlConnectionFactory}.
 */
public final class R2dbcDriverAdapter implements DriverAdapter {
    private static final String DRIVER_CLASS = "io.r2dbc.postgresql.PostgresqlConnectionFactory";

    @Override
    public String name() {
        return "r2dbc";
    }

    @Override
    public String artifact() {
        return "io.github.pgssl:pgssl-r2dbc";
    }

    @Override
    public Set<String> nativeTypeNames() {
        return Set.of("io.r2dbc.spi.ConnectionFactory", "io.github.pgssl.r2dbc.PgSslConnectionFactory",
                "io.r2dbc.postgresql.PostgresqlConnectionConfiguration", DRIVER_CLASS);
    }

    @Override
    public boolean isAvailable() {
        try {
            Class.forName(DRIVER_CLASS, false, R2dbcDriverAdapter.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public <T> T configure(ConnectionSettings settings, SslPolicy policy, Class<T> type) {
        if (type == ConnectionFactory.class || type == PgSslConnectionFactory.class) {
            return type.cast(connectionFactory(settings, policy, driverOptions(settings)));
        }
        if (type == PostgresqlConnectionConfiguration.class) {
            return type.cast(singleConfiguration(settings, policy, driverOptions(settings)));
        }
        if (type == PostgresqlConnectionFactory.class) {
            return type.cast(new PostgresqlConnectionFactory(singleConfiguration(settings, policy, driverOptions(settings))));
        }
        throw new PgSslException(null, "pgssl-r2dbc cannot produce " + type.getName() + "; ask for one of "
                + List.copyOf(new java.util.TreeSet<>(nativeTypeNames())));
    }

    static PgSslConnectionFactory connectionFactory(ConnectionSettings settings, SslPolicy policy,
                                                    ConnectionFactoryOptions driverOptions) {
        DriverSupport.check(settings);
        return new PgSslConnectionFactory(settings, policy, driverOptions);
    }

    /** One driver configuration; refused when it would lose libpq's fallback or host list. */
    static PostgresqlConnectionConfiguration singleConfiguration(ConnectionSettings settings, SslPolicy policy,
                                                                 ConnectionFactoryOptions driverOptions) {
        DriverSupport.check(settings);
        ConnectionPlan plan = ConnectionPlan.of(settings, policy);
        if (plan.hosts().size() != 1) {
            throw new SslConfigurationException("host", "a PostgresqlConnectionConfiguration holds one host, but host lists "
                    + plan.hosts().size() + "; configure io.r2dbc.spi.ConnectionFactory instead (PgSslR2dbc.connectionFactory), which tries"
                    + " the hosts in libpq's order");
        }
        ConnectionPlan.Host host = plan.hosts().get(0);
        if (host.policy() instanceof SslPolicy.Disabled) {
            return DriverConfigurations.plaintext(plan, host, driverOptions);
        }
        if (policy.fallback() != SslPolicy.Fallback.NONE) {
            String mode = policy.fallback() == SslPolicy.Fallback.PLAINTEXT_FIRST ? "allow" : "prefer";
            throw new SslConfigurationException("sslmode", "sslmode=" + mode + " needs a second connection attempt after a"
                    + " failed first one, which a PostgresqlConnectionConfiguration cannot express; configure"
                    + " io.r2dbc.spi.ConnectionFactory instead (PgSslR2dbc.connectionFactory), or use sslmode=require or stronger");
        }
        TlsMaterial material = PgSsl.material(policy);
        return DriverConfigurations.tls(plan, host, driverOptions, (SslPolicy.Tls) policy, () -> material);
    }

    /** The driver's own options written in the connection string (e.g. {@code preparedStatementCacheQueries}). */
    static ConnectionFactoryOptions driverOptions(ConnectionSettings settings) {
        ConnectionFactoryOptions.Builder b = ConnectionFactoryOptions.builder();
        for (Map.Entry<String, String> e : settings.driverOptions().entrySet()) {
            if (DriverOptionNames.isPassThrough(e.getKey())) {
                b.option(Option.valueOf(e.getKey()), e.getValue());
            }
        }
        return b.build();
    }
}
