package io.github.pgssl.vertx;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;
import io.github.pgssl.vertx.internal.VertxConformanceQueries;
import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.Vertx;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared conformance matrix through vertx-pg-client with {@code PGSSL_TLS_ENGINE=openssl}: Vert.x's
 * OpenSSL engine options (Netty 4.2's OpenSSL provider on netty-tcnative) with pgssl's trust and key
 * managers and libpq's SNI. Every TLS case must have been given the OpenSSL engine options.
 */
class VertxOpenSslConformanceIT extends ConformanceSuite {
    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger openSslPools = new AtomicInteger();

    @BeforeAll
    void openSslLoads() {
        assertTrue(OpenSsl.isAvailable(), () -> "netty-tcnative does not load: " + OpenSsl.unavailabilityCause());
    }

    @Override
    protected ConformanceClient client() {
        return (connectionString, environment) -> {
            PgConnectOptions options = PgSslVertx.connectOptions(connectionString,
                    environment.withVariable("PGSSL_TLS_ENGINE", "openssl"));
            if (PgSslVertx.transportOptions(options).getSslEngineOptions() instanceof OpenSSLEngineOptions) {
                openSslPools.incrementAndGet();
            }
            return VertxConformanceQueries.throughPool(PgSslVertx.pool(vertx, options, new PoolOptions().setMaxSize(1)));
        };
    }

    /** Direct TLS: vertx-pg-client 5.0.x has none, and the OpenSSL engine would be refused for it anyway. */
    @Override
    protected Set<String> documentedGaps() {
        // SUITE-rsa-pss: BoringSSL has no RSA-PSS (id-RSASSA-PSS) certificate support, so the server's
        // handshake with it fails (handshake_failure alert), loudly: a capability gap, not a weaker check.
        return Set.of("DIRECT-require", "DIRECT-verify-full", "SUITE-rsa-pss");
    }

    @AfterAll
    void closeVertx() throws Exception {
        VertxConformanceQueries.await(vertx.close(), 30);
        assertTrue(openSslPools.get() > 20, "pools given OpenSSL engine options: " + openSslPools.get());
    }
}
