package io.github.pgssl.benchmarks.connect;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.util.concurrent.TimeUnit;

/**
 * vertx-pg-client: {@code PgConnectOptions} with {@code ClientSSLOptions} (PemTrustOptions and the
 * HTTPS hostname algorithm, or trustAll for require), against pgssl's {@code PgConnectOptions}.
 * Connections are opened with {@code PgConnection.connect}, one physical connection each; that
 * API builds a new connection factory (and SSL context) per call, unlike a pool (drivers.md §3.4).
 */
public final class VertxPaths implements DriverPaths {
    private final Vertx vertx = Vertx.vertx();

    @Override
    public String driver() {
        String v = PgConnection.class.getPackage().getImplementationVersion();
        return "vertx-pg-client " + (v != null ? v : "?");
    }

    @Override
    public Connector nativePath(Mode mode, Target t) {
        PgConnectOptions o = new PgConnectOptions().setHost(t.host()).setPort(t.port()).setDatabase(t.database())
                .setUser(t.user()).setPassword(t.hasPassword() ? t.password() : "");
        switch (mode) {
            case DISABLE -> o.setSslMode(SslMode.DISABLE);
            case REQUIRE -> o.setSslMode(SslMode.REQUIRE).setSslOptions(new ClientSSLOptions().setTrustAll(true));
            case VERIFY_FULL_ROOT, VERIFY_FULL_BUNDLE -> o.setSslMode(SslMode.VERIFY_FULL).setSslOptions(new ClientSSLOptions()
                    .setTrustOptions(new PemTrustOptions().addCertPath(t.rootCert(mode).toString()))
                    .setHostnameVerificationAlgorithm("HTTPS"));
        }
        return () -> selectOne(o);
    }

    @Override
    public Connector pgsslPath(Mode mode, Target t) {
        PgConnectOptions o = PgSsl.configure(t.uri(mode), PgConnectOptions.class, PgEnvironment.empty());
        return () -> selectOne(o);
    }

    /**
     * pgssl through {@code PgSslVertx.connect}, which applies pgssl's engine options (the JDK's or,
     * with {@code pgssl.tls_engine=openssl}, Vert.x's OpenSSL ones); like {@code PgConnection.connect}
     * it builds its TLS context per connection.
     */
    public Connector pgsslEnginePath(Mode mode, Target t) {
        PgConnectOptions o = PgSsl.configure(t.uri(mode), PgConnectOptions.class, PgEnvironment.empty());
        return () -> selectOne(io.github.pgssl.vertx.PgSslVertx.connect(vertx, o));
    }

    private void selectOne(PgConnectOptions o) throws Exception {
        selectOne(PgConnection.connect(vertx, o));
    }

    private void selectOne(Future<PgConnection> connecting) throws Exception {
        PgConnection c = await(connecting);
        try {
            RowSet<Row> rows = await(c.query("SELECT 1").execute());
            if (rows.size() != 1 || rows.iterator().next().getInteger(0) != 1) {
                throw new IllegalStateException("SELECT 1 did not return 1");
            }
        } finally {
            await(c.close());
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        await(vertx.close());
    }
}
