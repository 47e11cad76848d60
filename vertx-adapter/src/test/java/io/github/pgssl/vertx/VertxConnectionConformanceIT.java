package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;
import io.github.pgssl.vertx.internal.VertxConformanceChecks;

/** The conformance matrix through {@link PgSslVertx#connect} (no pool) on Vert.x 5.0. */
class VertxConnectionConformanceIT extends VertxConformanceChecks.ThroughConnection {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertxUnderTest.INSTANCE;
    }
}
