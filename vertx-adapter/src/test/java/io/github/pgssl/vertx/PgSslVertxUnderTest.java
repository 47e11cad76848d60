package io.github.pgssl.vertx;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.vertx.internal.PolicyManagers;
import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.ClientBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;

/** pgssl-vertx (Vert.x 5.0) for the shared checks of vertx-common. */
final class PgSslVertxUnderTest implements VertxAdapterUnderTest {
    static final PgSslVertxUnderTest INSTANCE = new PgSslVertxUnderTest();

    @Override
    public String line() {
        return OptionsBuilder.VERTX_LINE;
    }

    @Override
    public String connectors() {
        return "PgSslVertx.pool(...), PgSslVertx.connect(...) or ClientBuilder.pool(PgSslVertx.driver())";
    }

    @Override
    public PgConnectOptions connectOptions(String connectionString, PgEnvironment environment) {
        return PgSslVertx.connectOptions(connectionString, environment);
    }

    @Override
    public PgConnectOptions connectOptions(ConnectionSettings settings, SslPolicy policy) {
        return PgSslVertx.connectOptions(settings, policy);
    }

    @Override
    public Pool pool(Vertx vertx, String connectionString, PgEnvironment environment, PoolOptions poolOptions) {
        return PgSslVertx.pool(vertx, connectionString, environment, poolOptions);
    }

    @Override
    public Pool pool(Vertx vertx, PgConnectOptions options, PoolOptions poolOptions) {
        return PgSslVertx.pool(vertx, options, poolOptions);
    }

    @Override
    public Pool pool(Vertx vertx, PgConnectOptions options, PoolOptions poolOptions, Handler<SqlConnection> onConnect) {
        return ClientBuilder.pool(PgSslVertx.driver()).with(poolOptions).with(PgSslVertx.transportOptions(options))
                .connectingTo(options).withConnectHandler(onConnect).using(vertx).build();
    }

    @Override
    public Future<? extends SqlConnection> connect(Vertx vertx, PgConnectOptions options) {
        return PgSslVertx.connect(vertx, options);
    }

    @Override
    public Class<? extends Exception> connectException() {
        return PgSslConnectException.class;
    }

    @Override
    public Vertx newVertx() {
        return Vertx.vertx();
    }

    @Override
    public SSLEngineOptions engineOptions(PgConnectOptions options) {
        return PgSslVertx.transportOptions(options).getSslEngineOptions();
    }

    @Override
    public PolicyManagers managers(PgConnectOptions options) {
        return ((PgSslConnectOptions) options).plan().orElseThrow().managers();
    }

    @Override
    public Pool stockPool(Vertx vertx, PgConnectOptions options, PoolOptions poolOptions, boolean transportOptions) {
        var builder = io.vertx.pgclient.PgBuilder.pool().with(poolOptions);
        if (transportOptions) {
            builder = builder.with(PgSslVertx.transportOptions(options));
        }
        return builder.connectingTo(options).using(vertx).build();
    }

    @Override
    public boolean explainsForeignFailures() {
        return true;
    }

    @Override
    public Throwable explain(Throwable failure, PgConnectOptions options) {
        return PgSslVertx.explain(failure, options);
    }
}
