package io.github.pgssl.r2dbc;

import io.github.pgssl.testkit.conformance.ChainVerdictSuite;
import io.github.pgssl.testkit.conformance.ConformanceClient;

/** Chain verification through {@code PgSsl.configure(cs, ConnectionFactory.class, env)} equals psql's on every testkit chain shape. */
class R2dbcChainVerdictIT extends ChainVerdictSuite {
    @Override
    protected ConformanceClient client() {
        return R2dbcConformanceClients.adapter();
    }
}
