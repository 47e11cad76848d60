package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.VertxAuthenticationChecks;
import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;

/** {@link VertxAuthenticationChecks} through this adapter, against the testkit's real TLS PostgreSQL. */
class VertxAuthenticationIT extends VertxAuthenticationChecks {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertxUnderTest.INSTANCE;
    }
}
