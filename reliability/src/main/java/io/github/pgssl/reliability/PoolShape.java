package io.github.pgssl.reliability;

import java.time.Duration;

/**
 * How a pool under test is sized and how often it renews its connections.
 *
 * @param size the maximum number of connections
 * @param lifetime the maximum lifetime of a connection (HikariCP refuses less than 30 s, so for
 *        it the harness retires connections every {@code lifetime} through its MXBean instead)
 * @param acquireTimeout how long a borrower waits for a connection
 */
public record PoolShape(int size, Duration lifetime, Duration acquireTimeout) {
}
