package io.github.pgssl.vertx.internal;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.spi.DriverAdapter;
import io.vertx.pgclient.PgConnectOptions;

import java.util.Set;

/**
 * The {@link DriverAdapter} of a Vert.x adapter: {@code PgSsl.configure(url, PgConnectOptions.class)}
 * returns the adapter's options, and the adapter is available only on its own Vert.x line.
 */
public abstract class VertxDriverAdapterBase implements DriverAdapter {
    private static final String OPTIONS = "io.vertx.pgclient.PgConnectOptions";
    private static final String SQL_OPTIONS = "io.vertx.sqlclient.SqlConnectOptions";

    private final String name;
    private final String artifactId;
    private final OptionsPlanner.Flavour<?> flavour;
    private final VertxLine line;

    /**
     * @param name    the adapter's SPI name
     * @param flavour builds the adapter's options
     * @param line    the Vert.x line it needs
     */
    protected VertxDriverAdapterBase(String name, OptionsPlanner.Flavour<?> flavour, VertxLine line) {
        this.name = name;
        this.artifactId = flavour.artifact();
        this.flavour = flavour;
        this.line = line;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String artifact() {
        return "io.github.pgssl:" + artifactId;
    }

    @Override
    public Set<String> nativeTypeNames() {
        return Set.of(OPTIONS, SQL_OPTIONS, flavour.optionsType().getName());
    }

    /** {@return whether this adapter's vertx-pg-client line is on the class path} */
    @Override
    public boolean isAvailable() {
        return line.present();
    }

    @Override
    public <T> T configure(ConnectionSettings settings, SslPolicy policy, Class<T> type) {
        if (!type.isAssignableFrom(flavour.optionsType())) {
            throw new PgSslException(null, artifactId + " builds " + OPTIONS + ", not " + type.getName()
                    + "; ask for PgConnectOptions.class");
        }
        line.check();
        PgConnectOptions options = OptionsPlanner.build(settings, policy, flavour);
        return type.cast(options);
    }
}
