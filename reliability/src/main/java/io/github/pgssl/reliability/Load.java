package io.github.pgssl.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Concurrent workers running {@link Probe#SQL} on one pool in a loop, with a short pause between
 * calls, recording every outcome with the time the call started. A churn thread calls {@link
 * DriverPool#churn()} every connection lifetime.
 */
public final class Load implements AutoCloseable {
    /** One failed call: when it started and ended (System.nanoTime), which worker, and the error's class and message. */
    public record Failure(long startedNanos, long endedNanos, int worker, String error) {
    }

    private static final int KEPT_FAILURES = 2000;

    private final DriverPool pool;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLongArray lastOk;
    private final java.util.concurrent.atomic.AtomicIntegerArray everOk;
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong plaintext = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong maxCallNanos = new AtomicLong();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger keptFailures = new AtomicInteger();
    private final Set<String> clientSerials = ConcurrentHashMap.newKeySet();
    private final AtomicLong warmupCalls = new AtomicLong();
    private final AtomicLong warmupFailed = new AtomicLong();
    private volatile String warmupExample = "";
    private volatile boolean stopping;

    private Load(DriverPool pool, int workers, Duration pause, Duration churnEvery) {
        this.pool = pool;
        this.lastOk = new AtomicLongArray(workers);
        this.everOk = new java.util.concurrent.atomic.AtomicIntegerArray(workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread t = new Thread(() -> work(worker, pause), "reliability-worker-" + w);
            t.setDaemon(true);
            threads.add(t);
        }
        Thread churn = new Thread(() -> {
            while (!stopping) {
                if (!sleep(churnEvery)) {
                    return;
                }
                pool.churn();
            }
        }, "reliability-churn");
        churn.setDaemon(true);
        threads.add(churn);
    }

    /** Starts {@code workers} workers and the churn thread. */
    public static Load start(DriverPool pool, int workers, Duration pause, Duration churnEvery) {
        Load load = new Load(pool, workers, pause, churnEvery);
        load.threads.forEach(Thread::start);
        return load;
    }

    private void work(int worker, Duration pause) {
        while (!stopping) {
            long started = System.nanoTime();
            try {
                Probe p = pool.query();
                queries.incrementAndGet();
                if (!p.ssl()) {
                    plaintext.incrementAndGet();
                }
                if (!p.clientSerial().isEmpty()) {
                    clientSerials.add(p.clientSerial());
                }
                lastOk.set(worker, System.nanoTime());
                everOk.set(worker, 1);
            } catch (Throwable e) {
                queries.incrementAndGet();
                failed.incrementAndGet();
                if (keptFailures.incrementAndGet() <= KEPT_FAILURES) {
                    failures.add(new Failure(started, System.nanoTime(), worker, describe(e)));
                }
            }
            maxCallNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
            if (!sleep(pause)) {
                return;
            }
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String first = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? first : first + " / root " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Ends the warm-up: the calls and failures so far move to {@link #warmupCalls} and {@link
     * #warmupFailed}, and {@link #queries}, {@link #failed}, {@link #failures} and {@link
     * #maxCallMillis} count from now on. Plaintext calls and client serials are never reset.
     * A call in flight now counts in the measured period.
     */
    public void endWarmup() {
        warmupCalls.set(queries.getAndSet(0));
        warmupFailed.set(failed.getAndSet(0));
        Failure first = failures.peek();
        warmupExample = first == null ? "" : first.error();
        failures.clear();
        keptFailures.set(0);
        maxCallNanos.set(0);
    }

    /** Calls made before {@link #endWarmup} (0 when it was not called). */
    public long warmupCalls() {
        return warmupCalls.get();
    }

    /** Calls failed before {@link #endWarmup}: a cold pool filling up under a borrow timeout. */
    public long warmupFailed() {
        return warmupFailed.get();
    }

    /** The error of one failed warm-up call, or empty. */
    public String warmupExample() {
        return warmupExample;
    }

    /** Calls made so far (succeeded or failed). */
    public long queries() {
        return queries.get();
    }

    /** Calls failed so far. */
    public long failed() {
        return failed.get();
    }

    /** Successful calls whose connection was not TLS. */
    public long plaintext() {
        return plaintext.get();
    }

    /** The longest call so far, in milliseconds (a hang shows here, bounded by {@link Driver#QUERY_TIMEOUT}). */
    public long maxCallMillis() {
        return maxCallNanos.get() / 1_000_000;
    }

    /** The first failures (up to 2,000), in no particular order. */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** The client certificate serials the server saw on successful calls. */
    public Set<String> clientSerials() {
        return Set.copyOf(clientSerials);
    }

    /** The number of workers. */
    public int workers() {
        return lastOk.length();
    }

    /**
     * Waits until every worker has completed a successful call that started after {@code sinceNanos}
     * (its last success is later), polling every 10 ms.
     *
     * @return when the last worker succeeded (System.nanoTime), or -1 when not all did within {@code bound}
     */
    public long awaitAllSucceededAfter(long sinceNanos, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            long latest = 0;
            boolean all = true;
            for (int w = 0; w < lastOk.length(); w++) {
                long t = lastOk.get(w);
                if (t - sinceNanos <= 0) {
                    all = false;
                    break;
                }
                latest = Math.max(latest, t);
            }
            if (all) {
                return latest;
            }
            if (!sleep(Duration.ofMillis(10))) {
                return -1;
            }
        }
        return -1;
    }

    /** Waits until every worker has succeeded at least once; false when not within {@code bound}. */
    public boolean awaitEverySucceeded(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        for (int w = 0; w < everOk.length(); w++) {
            while (everOk.get(w) == 0) {
                if (System.nanoTime() > deadline || !sleep(Duration.ofMillis(10))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Stops the workers and waits for them to finish their current call.
     *
     * @return the number of threads still running after {@code wait} (stuck)
     */
    public int stop(Duration wait) {
        stopping = true;
        long deadline = System.nanoTime() + wait.toNanos();
        int stuck = 0;
        for (Thread t : threads) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                stuck++;
            }
        }
        return stuck;
    }

    /** Stops with a wait of the query timeout plus 10 s. */
    @Override
    public void close() {
        stop(Driver.QUERY_TIMEOUT.plusSeconds(10));
    }
}
