package io.github.pgssl.vertx4;

import io.github.pgssl.vertx.internal.VertxAuthenticationChecks;
import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;

/** {@link VertxAuthenticationChecks} through this adapter, against the testkit's real TLS PostgreSQL. */
class Vertx4AuthenticationIT extends VertxAuthenticationChecks {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertx4UnderTest.INSTANCE;
    }
}
