package io.github.pgssl.vertx4;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.sqlclient.SqlConnectOptions;
import io.vertx.sqlclient.impl.SingletonSupplier;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.spi.ConnectionFactory;

import java.util.function.Supplier;

/**
 * Vert.x 4.5's Postgres driver whose connections follow libpq's plan for {@link PgSslConnectOptions}:
 * every host in order, {@code hostaddr}, and the {@code allow}/{@code prefer} attempts. Use it with
 * {@code ClientBuilder.pool(PgSslVertx4.driver())} when you need the builder's other settings.
 */
public final class PgSslDriver extends PgDriver {
    static final PgSslDriver INSTANCE = new PgSslDriver();

    private PgSslDriver() {
    }

    @Override
    public ConnectionFactory createConnectionFactory(Vertx vertx, SqlConnectOptions database) {
        return new LibpqConnectionFactory((VertxInternal) vertx, SingletonSupplier.wrap(database));
    }

    @Override
    public ConnectionFactory createConnectionFactory(Vertx vertx, Supplier<? extends Future<? extends SqlConnectOptions>> database) {
        return new LibpqConnectionFactory((VertxInternal) vertx, database);
    }
}
