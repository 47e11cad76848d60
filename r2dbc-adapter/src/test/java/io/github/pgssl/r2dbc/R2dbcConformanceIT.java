package io.github.pgssl.r2dbc;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;

/** The shared libpq behaviour contract through {@code PgSsl.configure(cs, ConnectionFactory.class, env)}. */
class R2dbcConformanceIT extends ConformanceSuite {
    @Override
    protected ConformanceClient client() {
        return R2dbcConformanceClients.adapter();
    }
}
