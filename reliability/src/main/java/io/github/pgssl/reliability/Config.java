package io.github.pgssl.reliability;

import java.time.Duration;

/**
 * The knobs of a run.
 *
 * @param workers concurrent workers (and pool size)
 * @param pause pause of a worker between two calls
 * @param lifetime connection lifetime (churn)
 * @param phase how long each step of a scenario runs under load; longer than pgssl's 1 s file check interval
 * @param soak the soak's duration
 * @param sampleEvery the soak's sampling interval
 * @param recoveryBound the stated bound: every worker succeeds again within this after the server is back
 * @param connectTimeoutSeconds {@code connect_timeout} in the stalled-server scenario (libpq's minimum is 2)
 * @param acquireTimeout how long a borrower waits for a pooled connection
 */
public record Config(int workers, Duration pause, Duration lifetime, Duration phase, Duration soak,
        Duration sampleEvery, Duration recoveryBound, int connectTimeoutSeconds, Duration acquireTimeout) {

    /** The script's defaults: 32 workers, 10-minute soak. */
    public static Config full() {
        return new Config(32, Duration.ofMillis(10), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofMinutes(10),
                Duration.ofSeconds(30), Duration.ofSeconds(15), 2, Duration.ofSeconds(10));
    }

    /**
     * The short version of {@code mvn verify}: 8 workers, 1.5 s steps, 1.5 s connection lifetime, a
     * 12-second soak sampled every 3 s, 5 s to borrow a connection.
     */
    public static Config quick() {
        return new Config(8, Duration.ofMillis(20), Duration.ofMillis(1500), Duration.ofMillis(1500), Duration.ofSeconds(12),
                Duration.ofSeconds(3), Duration.ofSeconds(15), 2, Duration.ofSeconds(5));
    }

    /** The pool shape for these knobs: one connection per worker. */
    PoolShape shape() {
        return new PoolShape(workers, lifetime, acquireTimeout);
    }

    /** A copy with another worker count. */
    public Config withWorkers(int n) {
        return new Config(n, pause, lifetime, phase, soak, sampleEvery, recoveryBound, connectTimeoutSeconds, acquireTimeout);
    }

    /** A copy with another soak duration. */
    public Config withSoak(Duration d) {
        return new Config(workers, pause, lifetime, phase, d, sampleEvery, recoveryBound, connectTimeoutSeconds, acquireTimeout);
    }
}
