package io.github.pgssl.jdbc;

import io.github.pgssl.PgSsl;
import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;

import java.util.Set;
import javax.sql.DataSource;

/** The shared libpq contract through the adapter: {@code PgSsl.configure(cs, DataSource.class, env)}. */
class JdbcConformanceIT extends ConformanceSuite {

    @Override
    protected ConformanceClient client() {
        return (cs, env) -> JdbcOutcomes.of(PgSsl.configure(cs, DataSource.class, env).getConnection());
    }

    /** pgjdbc has no Unix-domain socket transport: pgssl-jdbc refuses such hosts with a pgssl error. */
    @Override
    protected Set<String> documentedGaps() {
        return Set.of("SOCKET-verify-full-plaintext");
    }
}
