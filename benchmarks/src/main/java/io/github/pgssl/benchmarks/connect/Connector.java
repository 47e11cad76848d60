package io.github.pgssl.benchmarks.connect;

/** One configured way to reach the server: each call opens a new physical connection, runs {@code SELECT 1} and closes it. */
public interface Connector extends AutoCloseable {

    /** Opens a connection, runs {@code SELECT 1}, checks the answer, closes the connection. */
    void openQueryClose() throws Exception;

    /** Releases what the configuration holds (event loops, pools); no-op by default. */
    @Override
    default void close() throws Exception {
    }
}
