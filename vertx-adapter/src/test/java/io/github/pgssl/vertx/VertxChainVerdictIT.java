package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;
import io.github.pgssl.vertx.internal.VertxConformanceChecks;

/** Chain verification through a pgssl-vertx pool equals psql's on every testkit chain shape. */
class VertxChainVerdictIT extends VertxConformanceChecks.ChainVerdicts {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertxUnderTest.INSTANCE;
    }
}
