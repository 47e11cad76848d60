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
 * The short version of the reliability harness, run by {@code mvn verify}: every scenario for every
 * pool with {@link Config#quick()} (8 workers, a 12 s soak), the three drivers side by side and
 * their soaks one after another ({@link ReliabilityRun#runDriversInParallel}). It asserts what the issue asks: zero
 * plaintext connections, zero failed calls in scenarios 4 to 6 and the soak, recovery within the
 * stated bound in 1 and 2, nothing hanging in 3, no stuck worker, and no postgres left running. The
 * report of the run is written to {@code target/reliability-short.md}.
 *
 * <p>{@code -Dreliability.drivers=HIKARI,VERTX} and {@code -Dreliability.scenarios=4,7} narrow a run.
 */
class ReliabilityIT {
    @Test
    void poolsWhenServerFaultsAndRotationsThenEveryCheckHolds() throws Exception {
        List<Driver> drivers = Arrays.stream(System.getProperty("reliability.drivers", "HIKARI,R2DBC_POOL,VERTX").split(","))
                .map(Driver::valueOf).toList();
        List<Integer> scenarios = Arrays.stream(System.getProperty("reliability.scenarios", "4,7,1,2,3,5,6,8").split(","))
                .map(Integer::parseInt).toList();
        ReliabilityRun run = new ReliabilityRun(Config.quick());
        List<ScenarioResult> results = run.runDriversInParallel(drivers, scenarios);
        Path out = Path.of("target", "reliability-short.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, run.report("mvn -B verify (ReliabilityIT, short version)"));

        assertEquals(drivers.size() * scenarios.size(), results.size());
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
    }
}
