package io.github.pgssl.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.pgssl.PgSsl;
import io.github.pgssl.vertx.PgSslVertx;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactory;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The three pools under test, each built from pgssl's entry point for its driver. */
public enum Driver {
    /** HikariCP over {@code PgSsl.configure(url, DataSource.class)} (pgjdbc). */
    HIKARI("HikariCP (pgjdbc)") {
        @Override
        public DriverPool open(String connectionString, PoolShape shape) {
            DataSource unpooled = PgSsl.configure(connectionString, DataSource.class);
            HikariConfig config = new HikariConfig();
            config.setDataSource(unpooled);
            config.setPoolName("pgssl-reliability");
            config.setMaximumPoolSize(shape.size());
            config.setMinimumIdle(shape.size());
            config.setConnectionTimeout(shape.acquireTimeout().toMillis());
            config.setValidationTimeout(Math.min(2000, shape.acquireTimeout().toMillis()));
            config.setInitializationFailTimeout(-1);
            HikariDataSource pool = new HikariDataSource(config);
            return new DriverPool() {
                @Override
                public Probe query() throws Exception {
                    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                        st.setQueryTimeout((int) QUERY_TIMEOUT.toSeconds());
                        try (ResultSet rs = st.executeQuery(Probe.SQL)) {
                            rs.next();
                            return new Probe(rs.getBoolean(1), rs.getString(2));
                        }
                    }
                }

                @Override
                public void connectOnce() throws Exception {
                    try (Connection c = unpooled.getConnection()) {
                        c.isValid(5);
                    }
                }

                @Override
                public void churn() {
                    pool.getHikariPoolMXBean().softEvictConnections();
                }

                @Override
                public void close() {
                    pool.close();
                }
            };
        }
    },
    /** r2dbc-pool over {@code PgSsl.configure(url, ConnectionFactory.class)} (r2dbc-postgresql). */
    R2DBC_POOL("r2dbc-pool (r2dbc-postgresql)") {
        @Override
        public DriverPool open(String connectionString, PoolShape shape) {
            ConnectionFactory factory = PgSsl.configure(connectionString, ConnectionFactory.class);
            ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                    .initialSize(0).maxSize(shape.size()).maxLifeTime(shape.lifetime())
                    .maxAcquireTime(shape.acquireTimeout()).maxCreateConnectionTime(shape.acquireTimeout())
                    .build());
            return new DriverPool() {
                @Override
                public Probe query() {
                    return Mono.usingWhen(pool.create(),
                            c -> Flux.from(c.createStatement(Probe.SQL).execute())
                                    .flatMap(r -> r.map((row, md) -> new Probe(row.get(0, Boolean.class), row.get(1, String.class))))
                                    .next(),
                            c -> c.close()).block(QUERY_TIMEOUT);
                }

                @Override
                public void connectOnce() {
                    Mono.usingWhen(Mono.from(factory.create()), c -> Mono.from(c.validate(io.r2dbc.spi.ValidationDepth.REMOTE)),
                            c -> c.close()).block(QUERY_TIMEOUT);
                }

                @Override
                public void churn() {
                    // maxLifeTime retires connections.
                }

                @Override
                public void close() {
                    pool.disposeLater().block(Duration.ofSeconds(30));
                }
            };
        }
    },
    /** The Vert.x pool of {@code PgSslVertx.pool} (vertx-pg-client). */
    VERTX("Vert.x pool (vertx-pg-client)") {
        @Override
        public DriverPool open(String connectionString, PoolShape shape) {
            Vertx vertx = Vertx.vertx();
            PoolOptions options = new PoolOptions().setMaxSize(shape.size())
                    .setMaxLifetime((int) shape.lifetime().toMillis()).setMaxLifetimeUnit(TimeUnit.MILLISECONDS)
                    .setConnectionTimeout((int) shape.acquireTimeout().toMillis())
                    .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
            Pool pool = PgSslVertx.pool(vertx, connectionString, options);
            return new DriverPool() {
                @Override
                public Probe query() throws Exception {
                    Row row = pool.query(Probe.SQL).execute().map(rows -> rows.iterator().next())
                            .toCompletionStage().toCompletableFuture().get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return new Probe(row.getBoolean(0), row.getString(1));
                }

                @Override
                public void connectOnce() throws Exception {
                    PgSslVertx.connect(vertx, connectionString)
                            .compose(c -> c.query("select 1").execute().eventually(() -> c.close()))
                            .toCompletionStage().toCompletableFuture().get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }

                @Override
                public void churn() {
                    // maxLifetime retires connections.
                }

                @Override
                public void close() {
                    try {
                        pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // Closing the Vert.x instance below closes the pool too.
                    }
                    try {
                        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("Vert.x did not close within 30 s", e);
                    }
                }
            };
        }
    };

    /** The bound of one probe call (borrow and query); a call that needs longer counts as failed. */
    public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(20);

    private final String label;

    Driver(String label) {
        this.label = label;
    }

    /** The name in the report. */
    public String label() {
        return label;
    }

    /** Builds the pool (it connects lazily or in the background; a dead server does not fail this). */
    public abstract DriverPool open(String connectionString, PoolShape shape);
}
