package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;
import io.github.pgssl.vertx.internal.VertxConformanceChecks;

/** The conformance matrix through a pgssl-vertx pool ({@link PgSslVertx#pool}) on Vert.x 5.0. */
class VertxConformanceIT extends VertxConformanceChecks.ThroughPool {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertxUnderTest.INSTANCE;
    }
}
