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
     *
     * @param connectionString the libpq connection string, placeholders already resolved
     * @param environment the environment the client must read instead of the process's ({@code HOME},
     *        {@code PG*} variables)
     * @return what happened: TLS with its protocol, plaintext, or a failure with its message
     * @throws Exception any failure; the suite reports it as {@link Outcome.Failed} with all its causes
     */
    Outcome connect(String connectionString, PgEnvironment environment) throws Exception;
}
