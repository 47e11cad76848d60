package io.github.pgssl.testkit.conformance;

import io.github.pgssl.PgEnvironment;

/** A client under test: one driver (through pgssl), or psql itself. */
@FunctionalInterface
public interface ConformanceClient {
    /** The query each client runs once connected. */
    String QUERY = "select ssl, version from pg_stat_ssl where pid = pg_backend_pid()";

    /**
     * Connect with a libpq keyword/value connection string (or URI) in the given environment (HOME etc.),
     * run {@link #QUERY}, and report. A connection failure should be returned as {@link Outcome.Failed}
     * with the full message (an exception thrown from here is turned into one, with all its causes).
     */
    Outcome connect(String connectionString, PgEnvironment environment) throws Exception;
}
