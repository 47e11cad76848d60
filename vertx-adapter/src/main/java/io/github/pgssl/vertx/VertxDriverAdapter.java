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

    /** {@return whether vertx-pg-client 5 is on the class path} */
    @Override
    public boolean isAvailable() {
        // Only on Vert.x 5: on Vert.x 4.5 pgssl-vertx4's adapter builds PgConnectOptions.
        return VertxSupport.present();
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
