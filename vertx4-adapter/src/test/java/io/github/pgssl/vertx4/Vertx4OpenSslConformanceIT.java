package io.github.pgssl.vertx4;

import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;
import io.github.pgssl.vertx.internal.VertxConformanceChecks;

/** The conformance matrix on Vert.x 4.5 with {@code PGSSL_TLS_ENGINE=openssl} (Netty 4.1's OpenSSL provider). */
class Vertx4OpenSslConformanceIT extends VertxConformanceChecks.ThroughOpenSsl {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertx4UnderTest.INSTANCE;
    }
}
