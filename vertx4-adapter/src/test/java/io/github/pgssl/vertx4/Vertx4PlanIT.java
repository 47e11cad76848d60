package io.github.pgssl.vertx4;

import io.github.pgssl.vertx.internal.VertxPlanChecks;
import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;

/** {@link VertxPlanChecks} through this adapter, against the testkit's real TLS PostgreSQL. */
class Vertx4PlanIT extends VertxPlanChecks {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertx4UnderTest.INSTANCE;
    }
}
