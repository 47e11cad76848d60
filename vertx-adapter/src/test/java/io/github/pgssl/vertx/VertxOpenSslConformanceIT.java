package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;
import io.github.pgssl.vertx.internal.VertxConformanceChecks;

/** The conformance matrix on Vert.x 5.0 with {@code PGSSL_TLS_ENGINE=openssl} (Netty 4.2's OpenSSL provider). */
class VertxOpenSslConformanceIT extends VertxConformanceChecks.ThroughOpenSsl {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertxUnderTest.INSTANCE;
    }
}
