package io.github.pgssl.benchmarks.connect;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.netty.handler.ssl.SslContext;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** r2dbc-postgresql: the builder's sslMode/sslRootCert, against pgssl's {@code ConnectionFactory}. */
public final class R2dbcPaths implements DriverPaths {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String driver() {
        String v = PostgresqlConnectionFactory.class.getPackage().getImplementationVersion();
        return "r2dbc-postgresql " + (v != null ? v : "?");
    }

    /**
     * The engine of the native path: Netty's default client provider, OPENSSL whenever netty-tcnative is on
     * the class path (pgssl's path runs {@code pgssl.tls_engine}'s default, jdk). run.sh keeps netty-tcnative
     * off this harness's class path so both run the JDK engine; the report names the provider that ran.
     */
    static String nativeTlsProvider() {
        return pinnedNativeProvider() ? "JDK" : SslContext.defaultClientProvider().name();
    }

    /**
     * {@code -Dpgssl.bench.r2dbcNativeProvider=JDK}: the native path runs Netty's JDK provider even with
     * netty-tcnative on the class path (engines.sh), as it does for a user without netty-tcnative, so that
     * pgssl's native engine is compared with the driver's default engine, not with OpenSSL itself.
     */
    static boolean pinnedNativeProvider() {
        return "JDK".equals(System.getProperty("pgssl.bench.r2dbcNativeProvider"));
    }

    @Override
    public Connector nativePath(Mode mode, Target t) {
        PostgresqlConnectionConfiguration.Builder b = PostgresqlConnectionConfiguration.builder()
                .host(t.host()).port(t.port()).database(t.database()).username(t.user())
                .sslMode(switch (mode) {
                    case DISABLE -> SSLMode.DISABLE;
                    case REQUIRE -> SSLMode.REQUIRE;
                    case VERIFY_FULL_ROOT, VERIFY_FULL_BUNDLE -> SSLMode.VERIFY_FULL;
                });
        if (t.hasPassword()) {
            b.password(t.password());
        }
        if (mode.verifies()) {
            b.sslRootCert(t.rootCert(mode).toString());
        }
        if (pinnedNativeProvider()) {
            b.sslContextBuilderCustomizer(builder -> builder.sslProvider(io.netty.handler.ssl.SslProvider.JDK));
        }
        ConnectionFactory cf = new PostgresqlConnectionFactory(b.build());
        return () -> selectOne(cf);
    }

    @Override
    public Connector pgsslPath(Mode mode, Target t) {
        ConnectionFactory cf = PgSsl.configure(t.uri(mode), ConnectionFactory.class, PgEnvironment.empty());
        return () -> selectOne(cf);
    }

    static void selectOne(ConnectionFactory cf) {
        Connection c = Mono.from(cf.create()).block(TIMEOUT);
        try {
            List<Integer> rows = Flux.from(c.createStatement("SELECT 1").execute())
                    .flatMap(r -> r.map((row, meta) -> row.get(0, Integer.class)))
                    .collectList().block(TIMEOUT);
            if (rows == null || rows.size() != 1 || rows.get(0) != 1) {
                throw new IllegalStateException("SELECT 1 did not return 1");
            }
        } finally {
            Mono.from(c.close()).block(TIMEOUT);
        }
    }
}
