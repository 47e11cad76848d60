package io.github.pgssl.spi;

import io.github.pgssl.ConnectionSettings;

/**
 * One form of connection string (libpq URI, keyword/value, JDBC URL, R2DBC URL, ...). Built-in
 * forms are dialects too; a jar adds another with
 * {@code META-INF/services/io.github.pgssl.spi.ConnectionStringDialect}.
 */
public interface ConnectionStringDialect {

    /** {@return a short name, e.g. {@code uri}} */
    String name();

    /** {@return the priority} Higher is asked first; built-ins use 0 to 100. Ties broken by class name. */
    default int priority() {
        return 0;
    }

    /**
     * {@return whether this dialect reads {@code connectionString}} A cheap prefix test.
     *
     * @param connectionString the string, as given
     */
    boolean accepts(String connectionString);

    /**
     * Parses the explicit settings of the string (no environment applied).
     *
     * @param connectionString a string this dialect {@link #accepts(String) accepts}
     * @return the settings the string itself holds
     * @throws io.github.pgssl.ConnectionStringException on malformed input; never echoing a secret
     */
    ConnectionSettings parse(String connectionString);
}
