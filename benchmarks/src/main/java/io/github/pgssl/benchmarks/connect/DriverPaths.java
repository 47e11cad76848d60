package io.github.pgssl.benchmarks.connect;

/**
 * One driver's two configuration paths: the driver's own settings, and pgssl's
 * {@code PgSsl.configure(...)} through the driver's adapter. Each call builds the configuration
 * once, as an application does at start-up; the returned connector then opens many connections.
 */
public interface DriverPaths extends AutoCloseable {

    /** The driver's name and version as shown in the report. */
    String driver();

    /** The driver configured with its own native TLS settings for this mode. */
    Connector nativePath(Mode mode, Target target) throws Exception;

    /** The driver configured by pgssl from a libpq connection string for this mode. */
    Connector pgsslPath(Mode mode, Target target) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
