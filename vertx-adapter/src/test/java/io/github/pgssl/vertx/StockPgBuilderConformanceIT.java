package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;
import io.github.pgssl.vertx.internal.VertxConformanceChecks;

/** The conformance matrix through Vert.x 5.0's stock {@code PgBuilder} given {@code PgSsl.configure} (outcomes only). */
class StockPgBuilderConformanceIT extends VertxConformanceChecks.ThroughStockPgBuilder {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertxUnderTest.INSTANCE;
    }
}
