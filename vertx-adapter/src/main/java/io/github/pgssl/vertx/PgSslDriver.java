package io.github.pgssl.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.spi.ConnectionFactory;

/**
 * Vert.x's Postgres driver whose connections follow libpq's plan for {@link PgSslConnectOptions}:
 * every host in order, {@code hostaddr}, and the {@code allow}/{@code prefer} attempts. Use it with
 * {@code ClientBuilder.pool(PgSslVertx.driver())} when you need the builder's other settings.
 */
public final class PgSslDriver extends PgDriver {
    static final PgSslDriver INSTANCE = new PgSslDriver();

    private PgSslDriver() {
    }

    @Override
    public ConnectionFactory<PgConnectOptions> createConnectionFactory(Vertx vertx, NetClientOptions transportOptions) {
        return new LibpqConnectionFactory((VertxInternal) vertx,
                transportOptions == null ? new NetClientOptions() : transportOptions);
    }
}
