package io.github.pgssl.vertx.internal;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.SslPolicy;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;

/**
 * One Vert.x adapter's façade as the shared ITs see it: pgssl-vertx ({@code PgSslVertx}, Vert.x 5.0)
 * or pgssl-vertx4 ({@code PgSslVertx4}, Vert.x 4.5). The checks are written once, against this.
 */
public interface VertxAdapterUnderTest {
    /** {@return the Vert.x line, as the adapter's messages name it: 5.0 or 4.5} */
    String line();

    /** {@return the adapter's connectors, as its messages name them} */
    String connectors();

    /** The façade's {@code connectOptions(url, environment)}. */
    PgConnectOptions connectOptions(String connectionString, PgEnvironment environment);

    /** The façade's {@code connectOptions(settings, policy)}. */
    PgConnectOptions connectOptions(ConnectionSettings settings, SslPolicy policy);

    /** The façade's {@code pool(vertx, url, environment, poolOptions)}. */
    Pool pool(Vertx vertx, String connectionString, PgEnvironment environment, PoolOptions poolOptions);

    /** The façade's {@code pool(vertx, options, poolOptions)}. */
    Pool pool(Vertx vertx, PgConnectOptions options, PoolOptions poolOptions);

    /** {@code ClientBuilder.pool(driver())} with a connect handler (and 5.0's transport options). */
    Pool pool(Vertx vertx, PgConnectOptions options, PoolOptions poolOptions, Handler<SqlConnection> onConnect);

    /** The façade's {@code connect(vertx, options)}. */
    Future<? extends SqlConnection> connect(Vertx vertx, PgConnectOptions options);

    /** {@return the adapter's {@code PgSslConnectException} type} */
    Class<? extends Exception> connectException();

    /** {@return a Vert.x for the ITs (on 4.5 with the native transport, which Unix sockets need there)} */
    Vertx newVertx();

    /** {@return the TLS engine options a pool of these options uses} */
    io.vertx.core.net.SSLEngineOptions engineOptions(PgConnectOptions options);

    /** {@return the managers of the options' plan (SSL contexts built)} */
    PolicyManagers managers(PgConnectOptions options);

    /**
     * Vert.x's own {@code PgBuilder.pool()} for these options; with {@code transportOptions}, also
     * given the adapter's TCP options so that it runs pgssl's engines (5.0:
     * {@code PgBuilder.with(PgSslVertx.transportOptions(options))}; 4.5 has no such builder method,
     * and its options carry the engines already).
     */
    default Pool stockPool(Vertx vertx, PgConnectOptions options, PoolOptions poolOptions, boolean transportOptions) {
        if (transportOptions) {
            throw new UnsupportedOperationException("no transport options for PgBuilder on Vert.x " + line());
        }
        return io.vertx.pgclient.PgBuilder.pool().with(poolOptions).connectingTo(options).using(vertx).build();
    }

    /** {@return whether Vert.x's own {@code PgBuilder} given only the options runs pgssl's engines (4.5)} */
    default boolean stockOptionsCarryEngines() {
        return false;
    }

    /** {@return whether {@link #explain} puts libpq's words on Vert.x's own connector's failures} */
    default boolean explainsForeignFailures() {
        return false;
    }

    /** The façade's {@code explain(failure, options)} for Vert.x's own connector; the failure itself when it has none. */
    default Throwable explain(Throwable failure, PgConnectOptions options) {
        return failure;
    }
}
