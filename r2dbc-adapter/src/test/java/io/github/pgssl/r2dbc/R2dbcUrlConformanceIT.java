package io.github.pgssl.r2dbc;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;

/** The shared libpq behaviour contract through {@code ConnectionFactories.get("r2dbc:pgssl:postgresql://...")}. */
class R2dbcUrlConformanceIT extends ConformanceSuite {
    @Override
    protected ConformanceClient client() {
        return R2dbcConformanceClients.url();
    }
}
