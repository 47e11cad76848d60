package io.github.pgssl.vertx4;

import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;
import io.github.pgssl.vertx.internal.VertxConformanceChecks;

/** Chain verification through a pgssl-vertx4 pool equals psql's on every testkit chain shape. */
class Vertx4ChainVerdictIT extends VertxConformanceChecks.ChainVerdicts {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertx4UnderTest.INSTANCE;
    }
}
