package io.github.pgssl.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The short version of the reliability harness, run by {@code mvn verify}: scenarios 1 to 7 for every
 * pool with {@link Config#quick()} (8 workers), the three drivers side by side
 * ({@link ReliabilityRun#runDriversInParallel}); then the 60 s soak (8) of each driver, side by side
 * too, each in a JVM of its own so that its process-wide samples (threads, descriptors, heap) are of
 * its driver alone ({@link #SOAK_SECONDS}). It asserts what the issue asks: zero
 * plaintext connections, zero failed calls in scenarios 4 to 6 and the soak, recovery within the
 * stated bound in 1 and 2, nothing hanging in 3, no stuck worker, and no postgres left running. The
 * report of the run is written to {@code target/reliability-short.md}.
 *
 * <p>{@code -Dreliability.drivers=HIKARI,VERTX} and {@code -Dreliability.scenarios=4,7} narrow a run.
 */
class ReliabilityIT {
    /** The short version's soak, per driver (the script's default is 600 s). */
    static final int SOAK_SECONDS = 60;

    @Test
    void poolsWhenServerFaultsAndRotationsThenEveryCheckHolds() throws Exception {
        List<Driver> drivers = Arrays.stream(System.getProperty("reliability.drivers", "HIKARI,R2DBC_POOL,VERTX").split(","))
                .map(Driver::valueOf).toList();
        List<Integer> scenarios = Arrays.stream(System.getProperty("reliability.scenarios", "4,7,1,2,3,5,6,8").split(","))
                .map(Integer::parseInt).toList();
        List<Integer> inProcess = scenarios.stream().filter(n -> n != 8).toList();
        ReliabilityRun run = new ReliabilityRun(Config.quick());
        List<ScenarioResult> results = inProcess.isEmpty() ? List.of() : run.runDriversInParallel(drivers, inProcess);
        Path out = Path.of("target", "reliability-short.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, run.report("mvn -B verify (ReliabilityIT, short version)"));

        assertEquals(drivers.size() * inProcess.size(), results.size());
        String failures = results.stream().filter(r -> !r.passed())
                .map(r -> r.driver().label() + " / " + r.scenario() + ": " + r.problems())
                .collect(Collectors.joining("\n"));
        assertEquals("", failures, "scenario checks failed (report: " + out.toAbsolutePath() + ")");
        for (ScenarioResult r : results) {
            assertEquals(0, r.plaintext(), r.driver() + " " + r.scenario() + ": plaintext");
            assertEquals(0, r.stuck(), r.driver() + " " + r.scenario() + ": stuck workers");
            assertTrue(r.queries() > 0, r.driver() + " " + r.scenario() + ": no calls");
        }
        List<Long> alive = Fixture.POSTMASTERS.stream()
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
        assertEquals(List.of(), alive, "postmasters still running after the run");
        if (scenarios.contains(8)) {
            soaksInJvmsOfTheirOwn(drivers);
        }
    }

    /**
     * Scenario 8 for each driver in a child JVM (the same class path), all at once: each child runs
     * {@link ReliabilityRun#main} for its driver and exits 1 when a check failed. The children's
     * PostgreSQL processes are watched while they run and must all be gone afterwards.
     */
    private static void soaksInJvmsOfTheirOwn(List<Driver> drivers) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.util.Map<Driver, Process> children = new java.util.EnumMap<>(Driver.class);
        java.util.Map<Driver, Path> reports = new java.util.EnumMap<>(Driver.class);
        for (Driver d : drivers) {
            Path report = Path.of("target", "reliability-soak-" + d.name().toLowerCase(java.util.Locale.ROOT) + ".md");
            reports.put(d, report);
            children.put(d, new ProcessBuilder(javaBin, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    ReliabilityRun.class.getName(), "--quick", "--soak-seconds", Integer.toString(SOAK_SECONDS),
                    "--drivers", d.name(), "--scenarios", "8", "--out", report.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "reliability-soak-" + d.name().toLowerCase(java.util.Locale.ROOT) + ".log").toFile())
                    .start());
        }
        java.util.Set<Long> postgres = new java.util.HashSet<>();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(SOAK_SECONDS + 90L);
        try {
            while (children.values().stream().anyMatch(Process::isAlive) && System.nanoTime() < deadline) {
                for (Process p : children.values()) {
                    p.descendants().filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                            .forEach(h -> postgres.add(h.pid()));
                }
                Thread.sleep(1000);
            }
        } finally {
            for (Process p : children.values()) {
                if (p.isAlive()) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            }
        }
        StringBuilder failed = new StringBuilder();
        for (Driver d : drivers) {
            Process p = children.get(d);
            p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            String report = Files.exists(reports.get(d)) ? Files.readString(reports.get(d)) : "(no report)";
            System.out.println(report);
            if (p.exitValue() != 0) {
                failed.append(d.label()).append(": soak exited ").append(p.exitValue()).append(" (see target/reliability-soak-*.log)\n");
            }
        }
        assertEquals("", failed.toString(), "soak checks failed");
        List<Long> left = postgres.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
        assertEquals(List.of(), left, "postgres processes of the soaks still running");
        assertTrue(!postgres.isEmpty(), "no postgres process seen under the soak JVMs");
    }
}
