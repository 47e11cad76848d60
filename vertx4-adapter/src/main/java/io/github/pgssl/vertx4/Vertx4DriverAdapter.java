package io.github.pgssl.vertx4;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.spi.DriverAdapter;

import java.util.Set;

/**
 * The {@link DriverAdapter} for vertx-pg-client 4.5: {@code PgSsl.configure(url, PgConnectOptions.class)}
 * returns a fresh {@link PgSslConnectOptions}. Available only when Vert.x 4 is on the class path, so
 * that it and pgssl-vertx's adapter (Vert.x 5) never both claim {@code PgConnectOptions}.
 */
public final class Vertx4DriverAdapter implements DriverAdapter {
    private static final String OPTIONS = "io.vertx.pgclient.PgConnectOptions";
    private static final String SQL_OPTIONS = "io.vertx.sqlclient.SqlConnectOptions";

    /** For {@link java.util.ServiceLoader}. */
    public Vertx4DriverAdapter() {
    }

    @Override
    public String name() {
        return "vertx4";
    }

    @Override
    public String artifact() {
        return "io.github.pgssl:pgssl-vertx4";
    }

    @Override
    public Set<String> nativeTypeNames() {
        return Set.of(OPTIONS, SQL_OPTIONS, PgSslConnectOptions.class.getName());
    }

    /** {@return whether vertx-pg-client 4 is on the class path} */
    @Override
    public boolean isAvailable() {
        return VertxSupport.present();
    }

    @Override
    public <T> T configure(ConnectionSettings settings, SslPolicy policy, Class<T> type) {
        if (!type.isAssignableFrom(PgSslConnectOptions.class)) {
            throw new PgSslException(null, "pgssl-vertx4 builds " + OPTIONS + ", not " + type.getName()
                    + "; ask for PgConnectOptions.class");
        }
        return type.cast(OptionsBuilder.build(settings, policy));
    }
}
