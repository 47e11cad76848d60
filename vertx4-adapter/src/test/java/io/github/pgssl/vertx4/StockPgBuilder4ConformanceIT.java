package io.github.pgssl.vertx4;

import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;
import io.github.pgssl.vertx.internal.VertxConformanceChecks;

/** The conformance matrix through Vert.x 4.5's stock {@code PgBuilder} given {@code PgSsl.configure}: its options carry pgssl's engines, so failures carry libpq's words. */
class StockPgBuilder4ConformanceIT extends VertxConformanceChecks.ThroughStockPgBuilder {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertx4UnderTest.INSTANCE;
    }
}
