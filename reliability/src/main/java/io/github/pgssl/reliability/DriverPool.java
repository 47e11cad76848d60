package io.github.pgssl.reliability;

/** A pool of one driver, made through pgssl from one connection string. */
public interface DriverPool extends AutoCloseable {
    /** Borrows a connection, runs {@link Probe#SQL} and returns the connection; throws on any failure. */
    Probe query() throws Exception;

    /** Opens and closes one connection without the pool (the driver's own connect path through pgssl). */
    void connectOnce() throws Exception;

    /** Retires the pool's connections so that borrowers get new ones (no-op where a lifetime does it). */
    void churn();

    /** Closes the pool and whatever the driver started for it (event loops, timers). */
    @Override
    void close();
}
