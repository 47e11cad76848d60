package io.github.pgssl.reliability;

import java.lang.management.ManagementFactory;

/**
 * One point of the soak's series.
 *
 * @param seconds since the soak started
 * @param queries probe calls so far
 * @param failed failed calls so far
 * @param connections connections the server authorized so far
 * @param heapAfterGcKib heap in use right after {@code System.gc()}, KiB
 * @param threads live JVM threads
 * @param openFds open file descriptors of the JVM
 */
public record ResourceSample(long seconds, long queries, long failed, long connections, long heapAfterGcKib,
        int threads, long openFds) {

    /** Samples the JVM now (runs a full GC first). */
    static ResourceSample take(long seconds, long queries, long failed, long connections) {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long fds = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u
                ? u.getOpenFileDescriptorCount() : -1;
        return new ResourceSample(seconds, queries, failed, connections, heap, threads, fds);
    }
}
