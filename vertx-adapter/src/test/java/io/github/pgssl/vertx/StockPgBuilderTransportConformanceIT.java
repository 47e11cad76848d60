package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.VertxAdapterUnderTest;
import io.github.pgssl.vertx.internal.VertxConformanceChecks;

/**
 * The conformance matrix through Vert.x 5.0's stock {@code PgBuilder} given {@code PgSsl.configure}
 * and {@code PgBuilder.with(PgSslVertx.transportOptions(options))}: pgssl's engines run there, so
 * every failure Vert.x reports must carry libpq's reason itself, without {@code PgSslVertx.explain}.
 */
class StockPgBuilderTransportConformanceIT extends VertxConformanceChecks.ThroughStockPgBuilder {
    @Override
    protected VertxAdapterUnderTest adapter() {
        return PgSslVertxUnderTest.INSTANCE;
    }

    @Override
    protected boolean withTransportOptions() {
        return true;
    }
}
