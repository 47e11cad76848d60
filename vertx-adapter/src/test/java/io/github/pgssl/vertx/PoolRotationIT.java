package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.PoolRotationChecks;
import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;

/** {@link PoolRotationChecks} through this adapter, against the testkit's real TLS PostgreSQL. */
class PoolRotationIT extends PoolRotationChecks {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertxUnderTest.INSTANCE;
    }
}
