package io.github.pgssl.vertx4;

import io.github.pgssl.vertx.internal.PoolRotationChecks;
import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;

/** {@link PoolRotationChecks} through this adapter, against the testkit's real TLS PostgreSQL. */
class PoolRotation4IT extends PoolRotationChecks {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertx4UnderTest.INSTANCE;
    }
}
