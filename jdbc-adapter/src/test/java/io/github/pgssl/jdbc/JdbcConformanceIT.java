package io.github.pgssl.jdbc;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;

/**
 * The shared libpq contract through the adapter's facade, {@code PgSslJdbc.dataSource(cs, env)}.
 * ({@code PgSsl.configure(cs, DataSource.class, env)} reaches the same DataSource through the SPI;
 * JdbcServerIT covers that path. Core's facade still resolves the policy before it sees that every host
 * is a Unix socket, so it refuses SOCKET-verify-full-plaintext's missing root file: reported to the lead.)
 */
class JdbcConformanceIT extends ConformanceSuite {

    @Override
    protected ConformanceClient client() {
        return (cs, env) -> JdbcOutcomes.of(PgSslJdbc.dataSource(cs, env).getConnection());
    }

    /** The extended rows (spec 1.2 and 2, "more verified rows"; 1.4 host names) as well. */
    @Override
    protected boolean includeExtendedCases() {
        return true;
    }

    /** libpq's words, except a server alert lost to a connection reset (see {@link JdbcOutcomes#failureMatches}). */
    @Override
    protected boolean failureMatches(String fragment, String message) {
        return JdbcOutcomes.failureMatches(fragment, message);
    }
}
