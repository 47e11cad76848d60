package io.github.pgssl.vertx4;

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

/** pgssl-vertx4 (Vert.x 4.5) for the shared checks of vertx-common. */
final class PgSslVertx4UnderTest implements VertxAdapterUnderTest {
    static final PgSslVertx4UnderTest INSTANCE = new PgSslVertx4UnderTest();

    @Override
    public String line() {
        return OptionsBuilder.VERTX_LINE;
    }

    @Override
    public String connectors() {
        return "PgSslVertx4.pool(...), PgSslVertx4.connect(...) or ClientBuilder.pool(PgSslVertx4.driver())";
    }

    @Override
    public PgConnectOptions connectOptions(String connectionString, PgEnvironment environment) {
        return PgSslVertx4.connectOptions(connectionString, environment);
    }

    @Override
    public PgConnectOptions connectOptions(ConnectionSettings settings, SslPolicy policy) {
        return PgSslVertx4.connectOptions(settings, policy);
    }

    @Override
    public Pool pool(Vertx vertx, String connectionString, PgEnvironment environment, PoolOptions poolOptions) {
        return PgSslVertx4.pool(vertx, connectionString, environment, poolOptions);
    }

    @Override
    public Pool pool(Vertx vertx, PgConnectOptions options, PoolOptions poolOptions) {
        return PgSslVertx4.pool(vertx, options, poolOptions);
    }

    @Override
    public Pool pool(Vertx vertx, PgConnectOptions options, PoolOptions poolOptions, Handler<SqlConnection> onConnect) {
        return ClientBuilder.pool(PgSslVertx4.driver()).with(poolOptions)
                .connectingTo(options).withConnectHandler(onConnect).using(vertx).build();
    }

    @Override
    public Future<? extends SqlConnection> connect(Vertx vertx, PgConnectOptions options) {
        return PgSslVertx4.connect(vertx, options);
    }

    @Override
    public Class<? extends Exception> connectException() {
        return PgSslConnectException.class;
    }

    @Override
    public Vertx newVertx() {
        return Vertx4Lines.nativeVertx();
    }

    @Override
    public SSLEngineOptions engineOptions(PgConnectOptions options) {
        return options.getSslEngineOptions();
    }

    @Override
    public PolicyManagers managers(PgConnectOptions options) {
        return ((PgSslConnectOptions) options).plan().orElseThrow().managers();
    }

    /** Vert.x 4.5's {@code PgConnectOptions} are its {@code NetClientOptions}: they carry pgssl's engine options to {@code PgBuilder}. */
    @Override
    public boolean stockOptionsCarryEngines() {
        return true;
    }

    @Override
    public boolean explainsForeignFailures() {
        return true;
    }

    @Override
    public Throwable explain(Throwable failure, PgConnectOptions options) {
        return PgSslVertx4.explain(failure, options);
    }
}
