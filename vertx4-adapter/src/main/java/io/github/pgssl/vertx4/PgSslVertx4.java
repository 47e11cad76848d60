package io.github.pgssl.vertx4;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.vertx.internal.VertxErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.ClientBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.spi.Driver;

import java.util.Objects;

/**
 * vertx-pg-client 4.5 (the Vert.x line of Quarkus 3) with libpq's TLS meaning: one connection
 * string, the connection psql would make. The same API as pgssl-vertx's {@code PgSslVertx} for
 * Vert.x 5.0.
 *
 * <pre>{@code
 * Vertx vertx = Vertx.vertx();
 * Pool pool = PgSslVertx4.pool(vertx, "postgresql://app@db.example.com/app?sslmode=verify-full&sslrootcert=/etc/pg/ca.pem",
 *         new PoolOptions().setMaxSize(8));
 * pool.query("select 1").execute().onSuccess(rows -> System.out.println(rows.size()));
 * }</pre>
 *
 * <p>The pool tries hosts in libpq's order, connects to {@code hostaddr} while verifying
 * {@code host}, and makes libpq's {@code allow}/{@code prefer} attempts, each bounded by
 * {@code connect_timeout}. Failures are failed {@code Future}s, with a {@link PgSslConnectException}
 * in libpq's words when TLS or several attempts are involved (not Vert.x's "SSL handshake failed").
 * All pools of one policy share pgssl's TLS material; its managers follow rotated certificate files.
 *
 * <p>The native options alone are {@link #connectOptions(String)} (the same as
 * {@code PgSsl.configure(url, PgConnectOptions.class)} with Vert.x 4.5 on the class path); with
 * Vert.x's own {@code PgBuilder} or {@code Pool.pool} they keep libpq's meaning for a single host,
 * and refuse a host list (see {@link PgSslConnectOptions}).
 */
public final class PgSslVertx4 {
    private PgSslVertx4() {
    }

    /**
     * The options for a connection string, in the process environment.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @return Vert.x's options with pgssl's TLS and libpq's connection plan
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static PgSslConnectOptions connectOptions(String connectionString) {
        return connectOptions(connectionString, PgEnvironment.system());
    }

    /**
     * The options for a connection string, in an injected environment.
     *
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @param environment the environment libpq would see ({@code PG*} variables, home directory)
     * @return Vert.x's options with pgssl's TLS and libpq's connection plan
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static PgSslConnectOptions connectOptions(String connectionString, PgEnvironment environment) {
        ConnectionSettings settings = PgSsl.settings(connectionString, environment);
        return OptionsBuilder.build(settings, PgSsl.policy(settings, environment));
    }

    /**
     * The options for already-merged settings and a policy (for example a named policy built in code,
     * or trust material from a framework's TLS registry).
     *
     * @param settings the merged settings ({@link PgSsl#settings(String)})
     * @param policy the TLS policy to apply, instead of the settings' sslmode
     * @return Vert.x's options with that policy and libpq's connection plan
     */
    public static PgSslConnectOptions connectOptions(ConnectionSettings settings, SslPolicy policy) {
        return OptionsBuilder.build(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(policy, "policy"));
    }

    /**
     * A pool for a connection string, in the process environment.
     *
     * @param vertx the Vert.x instance
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @param poolOptions the pool's options, or {@code null} for Vert.x's defaults
     * @return a pool whose connections follow libpq's host order, fallback and SNI
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static Pool pool(Vertx vertx, String connectionString, PoolOptions poolOptions) {
        return pool(vertx, connectOptions(connectionString), poolOptions);
    }

    /**
     * A pool for a connection string, in an injected environment.
     *
     * @param vertx the Vert.x instance
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @param environment the environment libpq would see ({@code PG*} variables, home directory)
     * @param poolOptions the pool's options, or {@code null} for Vert.x's defaults
     * @return a pool whose connections follow libpq's host order, fallback and SNI
     * @throws io.github.pgssl.ConnectionStringException when the string cannot be read
     * @throws io.github.pgssl.SslConfigurationException when its settings make no TLS policy
     */
    public static Pool pool(Vertx vertx, String connectionString, PgEnvironment environment, PoolOptions poolOptions) {
        return pool(vertx, connectOptions(connectionString, environment), poolOptions);
    }

    /**
     * A pool for options from {@link #connectOptions}: libpq's host order, {@code hostaddr} and attempts.
     * The pool is Vert.x 4.5's Postgres pool (an {@code io.vertx.pgclient.PgPool} too).
     *
     * @param vertx the Vert.x instance
     * @param options options from {@link #connectOptions(String)} (plain Vert.x options connect as Vert.x would)
     * @param poolOptions the pool's options, or {@code null} for Vert.x's defaults
     * @return the pool
     */
    public static Pool pool(Vertx vertx, PgConnectOptions options, PoolOptions poolOptions) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(options, "options");
        return ClientBuilder.pool(driver())
                .with(poolOptions == null ? new PoolOptions() : poolOptions)
                .connectingTo(options)
                .using(vertx)
                .build();
    }

    /**
     * One connection (no pool) for a connection string, in the process environment. An invalid
     * string or policy fails the {@code Future} (with the {@link io.github.pgssl.PgSslException}).
     *
     * @param vertx the Vert.x instance
     * @param connectionString any form pgssl reads (libpq URI or keyword/value, JDBC, R2DBC, SQLAlchemy URL); {@code null} means {@code DATABASE_URL}
     * @return the connection, or the failure with libpq's reason
     */
    public static Future<PgConnection> connect(Vertx vertx, String connectionString) {
        PgSslConnectOptions options;
        try {
            options = connectOptions(connectionString);
        } catch (PgSslException e) {
            return Future.failedFuture(e);
        }
        return connect(vertx, options);
    }

    /**
     * One connection (no pool) with libpq's host order, attempts, SNI and {@code connect_timeout}.
     * Like Vert.x's {@code PgConnection.connect}, each call has its own connection factory (closed
     * with the connection) and so its own SSL context, built from pgssl's shared managers without
     * reading a file; prefer a pool where connections are opened often.
     *
     * @param vertx the Vert.x instance
     * @param options options from {@link #connectOptions(String)}
     * @return the connection, or the failure with libpq's reason
     */
    public static Future<PgConnection> connect(Vertx vertx, PgConnectOptions options) {
        Objects.requireNonNull(vertx, "vertx");
        return SingleConnections.connect((VertxInternal) vertx, options).map(PgConnection::cast);
    }

    /**
     * The failure of Vert.x's own connector ({@code PgBuilder.pool()}, {@code PgConnection.connect})
     * given these options, with libpq's line.
     *
     * <p>On Vert.x 4.5 the options carry pgssl's engine options, and those hand the reason for a
     * refused handshake to Vert.x, so its failure already says why (for example
     * {@code SSL error: certificate verify failed: ...}). This adds libpq's per-host prefix, and puts
     * the reason back where the engine options were replaced and Vert.x reports only its bare
     * "SSL handshake failed":
     *
     * <pre>{@code
     * PgConnectOptions options = PgSslVertx4.connectOptions(url);
     * Pool pool = PgBuilder.pool().connectingTo(options).using(vertx).build();
     * pool.query("select 1").execute()
     *     .recover(e -> Future.failedFuture(PgSslVertx4.explain(e, options)));
     * }</pre>
     *
     * @param failure the failure Vert.x reported
     * @param options the options the connection was made with
     * @return for a TLS failure with pgssl's options, a {@link PgSslConnectException} whose message is
     *         libpq's line ({@code connection to server at "h" (addr), port 5432 failed: <reason>}) and
     *         whose cause is {@code failure}; otherwise {@code failure} itself
     */
    public static Throwable explain(Throwable failure, PgConnectOptions options) {
        if (options instanceof PgSslConnectOptions p && p.plan().isPresent()) {
            return VertxErrors.explainForeign(failure, p.plan().get(), PgSslConnectException::new);
        }
        return failure;
    }

    /**
     * The Vert.x driver that carries out libpq's plan, for {@code ClientBuilder.pool(PgSslVertx4.driver())}.
     *
     * @return the driver (one shared instance)
     */
    public static Driver driver() {
        return PgSslDriver.INSTANCE;
    }
}
