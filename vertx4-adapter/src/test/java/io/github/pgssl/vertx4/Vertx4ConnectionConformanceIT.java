package io.github.pgssl.vertx4;

import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;
import io.github.pgssl.vertx.internal.VertxConformanceChecks;

/** The conformance matrix through {@link PgSslVertx4#connect} (no pool) on Vert.x 4.5. */
class Vertx4ConnectionConformanceIT extends VertxConformanceChecks.ThroughConnection {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertx4UnderTest.INSTANCE;
    }
}
