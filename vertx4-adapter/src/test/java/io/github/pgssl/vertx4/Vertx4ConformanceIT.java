package io.github.pgssl.vertx4;

import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;
import io.github.pgssl.vertx.internal.VertxConformanceChecks;

import org.junit.jupiter.api.BeforeAll;

/** The conformance matrix through a pgssl-vertx4 pool ({@link PgSslVertx4#pool}) on Vert.x 4.5. */
class Vertx4ConformanceIT extends VertxConformanceChecks.ThroughPool {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertx4UnderTest.INSTANCE;
    }

    /** Where these run: Vert.x 4.5 and Netty 4.1 (printed once, asserted). */
    @BeforeAll
    void onVertx45AndNetty41() {
        Vertx4Lines.assertVertx45AndNetty41();
    }
}
