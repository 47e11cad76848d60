package io.github.pgssl.jdbc;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;

import java.sql.DriverManager;
import java.util.Properties;

/** The shared libpq contract through {@code DriverManager.getConnection("jdbc:pgssl:" + cs, ...)}. */
class JdbcDriverConformanceIT extends ConformanceSuite {

    @Override
    protected ConformanceClient client() {
        return (cs, env) -> {
            Properties info = new Properties();
            info.put(PgSslDriver.ENVIRONMENT_PROPERTY, env);
            return JdbcOutcomes.of(DriverManager.getConnection(PgSslDriver.PREFIX + cs, info));
        };
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
