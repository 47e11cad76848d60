package io.github.pgssl.doctor;

import io.github.pgssl.testkit.json.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's "run it" command: {@code java -jar doctor/target/pgssl-doctor.jar} with no argument
 * and no DATABASE_URL runs the embedded demo, and every driver behaves as expected under every
 * strategy. Runs the shaded jar the build produced, in its own JVM.
 */
class DoctorJarIT {

    static Path jar() {
        Path jar = Path.of("target", "pgssl-doctor.jar");
        assumeTrue(Files.isRegularFile(jar), "target/pgssl-doctor.jar is not built (run mvn package first)");
        return jar;
    }

    static Process start(List<String> args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DATABASE_URL");
        return pb.start();
    }

    @Test
    void jarWhenNoArgumentsAndNoDatabaseUrlThenDemoShowsEveryStrategyThroughEveryDriver() throws Exception {
        Process p = start(List.of("--json"));
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the demo did not finish in 300 s");
        String stdout = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stdout + err);
        Map<String, Object> json = JsonParser.object(stdout);
        assertEquals(true, json.get("ok"));
        List<?> cases = (List<?>) json.get("cases");
        assertEquals(5, cases.size());
        for (Object c : cases) {
            Map<?, ?> row = (Map<?, ?>) c;
            assertEquals(true, row.get("as_expected"), String.valueOf(row));
            assertEquals(List.of("jdbc", "r2dbc", "vertx"), List.copyOf(((Map<?, ?>) row.get("drivers")).keySet()));
        }
        assertTrue(err.contains("pgssl-doctor: starting an embedded PostgreSQL"), err);
    }

    @Test
    void jarWhenHelpThenUsageAndExitZero() throws Exception {
        Process p = start(List.of("--help"));
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(stdout.startsWith("Usage: pgssl-doctor [-hV] [--explain] [--json]"), stdout);
    }

    @Test
    void jarWhenInvalidConnectionStringThenExitTwo() throws Exception {
        Process p = start(List.of("--explain", "postgresql://h/db?foo=bar"));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), err);
        assertTrue(err.startsWith("pgssl-doctor: invalid input: "), err);
    }
}
