package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.VertxDriverAdapterBase;

/**
 * The {@link io.github.pgssl.spi.DriverAdapter} for vertx-pg-client 5.0:
 * {@code PgSsl.configure(url, PgConnectOptions.class)} returns a fresh {@link PgSslConnectOptions}.
 * Available only when Vert.x 5 is on the class path (on Vert.x 4.5, pgssl-vertx4's adapter is).
 */
public final class VertxDriverAdapter extends VertxDriverAdapterBase {
    /** For {@link java.util.ServiceLoader}. */
    public VertxDriverAdapter() {
        super("vertx", OptionsBuilder.INSTANCE, OptionsBuilder.LINE);
    }
}
