package io.github.pgssl.vertx;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.spi.DriverAdapter;

import java.util.Set;

/**
 * The {@link DriverAdapter} for vertx-pg-client: {@code PgSsl.configure(url, PgConnectOptions.class)}
 * returns a fresh {@link PgSslConnectOptions}.
 */
public final class VertxDriverAdapter implements DriverAdapter {
    private static final String OPTIONS = "io.vertx.pgclient.PgConnectOptions";
    private static final String SQL_OPTIONS = "io.vertx.sqlclient.SqlConnectOptions";

    /** For {@link java.util.ServiceLoader}. */
    public VertxDriverAdapter() {
    }

    @Override
    public String name() {
        return "vertx";
    }

    @Override
    public String artifact() {
        return "io.github.pgssl:pgssl-vertx";
    }

    @Override
    public Set<String> nativeTypeNames() {
        return Set.of(OPTIONS, SQL_OPTIONS, PgSslConnectOptions.class.getName());
    }

    @Override
    public boolean isAvailable() {
        try {
            Class.forName(OPTIONS, false, VertxDriverAdapter.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public <T> T configure(ConnectionSettings settings, SslPolicy policy, Class<T> type) {
        if (!type.isAssignableFrom(PgSslConnectOptions.class)) {
            throw new PgSslException(null, "pgssl-vertx builds " + OPTIONS + ", not " + type.getName()
                    + "; ask for PgConnectOptions.class");
        }
        return type.cast(OptionsBuilder.build(settings, policy));
    }
}
