package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.VertxPlanChecks;
import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;

/** {@link VertxPlanChecks} through this adapter, against the testkit's real TLS PostgreSQL. */
class VertxPlanIT extends VertxPlanChecks {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertxUnderTest.INSTANCE;
    }
}
