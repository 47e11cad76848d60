package io.github.pgssl.jdbc;

import io.github.pgssl.testkit.conformance.ChainVerdictSuite;
import io.github.pgssl.testkit.conformance.ConformanceClient;

/** Chain verification through {@code PgSslJdbc.dataSource(cs, env)} equals psql's on every testkit chain shape. */
class JdbcChainVerdictIT extends ChainVerdictSuite {
    @Override
    protected ConformanceClient client() {
        return (cs, env) -> JdbcOutcomes.of(PgSslJdbc.dataSource(cs, env).getConnection());
    }
}
