package io.github.pgssl.vertx4;

import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * The shared conformance matrix through vertx-pg-client 4.5 with {@code PGSSL_TLS_ENGINE=openssl}:
 * Vert.x's OpenSSL engine options (Netty 4.1's OpenSSL provider on netty-tcnative) with pgssl's
 * managers and libpq's SNI. Every TLS case must have been given the OpenSSL engine options.
 */
class Vertx4OpenSslConformanceIT extends ConformanceSuite {
    private final Vertx vertx = Vertx4Lines.nativeVertx();
    private final AtomicInteger openSslPools = new AtomicInteger();

    @BeforeAll
    void openSslLoads() {
        assertTrue(OpenSsl.isAvailable(), () -> "netty-tcnative does not load: " + OpenSsl.unavailabilityCause());
    }

    @Override
    protected ConformanceClient client() {
        return (connectionString, environment) -> {
            PgConnectOptions options = PgSslVertx4.connectOptions(connectionString,
                    environment.withVariable("PGSSL_TLS_ENGINE", "openssl"));
            if (options.getSslEngineOptions() instanceof OpenSSLEngineOptions) {
                openSslPools.incrementAndGet();
            }
            return VertxConformanceQueries.throughPool(PgSslVertx4.pool(vertx, options, new PoolOptions().setMaxSize(1)));
        };
    }

    /** As on Vert.x 5.0: no direct TLS; BoringSSL has no RSA-PSS certificate support (a loud capability gap). */
    @Override
    protected Set<String> documentedGaps() {
        return Set.of("DIRECT-require", "DIRECT-verify-full", "SUITE-rsa-pss");
    }

    @AfterAll
    void closeVertx() throws Exception {
        VertxConformanceQueries.await(vertx.close(), 30);
        assertTrue(openSslPools.get() > 20, "pools given OpenSSL engine options: " + openSslPools.get());
    }
}
