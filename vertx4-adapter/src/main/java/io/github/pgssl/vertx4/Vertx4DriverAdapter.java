package io.github.pgssl.vertx4;

import io.github.pgssl.vertx.internal.VertxDriverAdapterBase;

/**
 * The {@link io.github.pgssl.spi.DriverAdapter} for vertx-pg-client 4.5:
 * {@code PgSsl.configure(url, PgConnectOptions.class)} returns a fresh {@link PgSslConnectOptions}.
 * Available only when Vert.x 4 is on the class path, so that it and pgssl-vertx's adapter (Vert.x 5)
 * never both claim {@code PgConnectOptions}.
 */
public final class Vertx4DriverAdapter extends VertxDriverAdapterBase {
    /** For {@link java.util.ServiceLoader}. */
    public Vertx4DriverAdapter() {
        super("vertx4", OptionsBuilder.INSTANCE, OptionsBuilder.LINE);
    }
}
