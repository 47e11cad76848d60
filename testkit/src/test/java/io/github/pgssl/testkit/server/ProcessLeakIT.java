package io.github.pgssl.testkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** No PostgreSQL process outlives the JVM that started it, whether that JVM exits or is killed. */
class ProcessLeakIT {

    private static Process child(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LeakCheckChild.class.getName(), mode)
                .redirectErrorStream(true).start();
    }

    private static String dataDirectory(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = r.readLine()) != null; ) {
            if (line.startsWith("DATA ")) {
                return line.substring(5);
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("child printed no data directory:\n" + seen);
    }

    @Test
    void exitWhenChildJvmExitsWithoutCloseThenNoPostgresLeft() throws Exception {
        Process p = child("exit");
        String data = dataDirectory(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not exit");
        assertEquals(List.of(), ProcessLeaks.awaitNone(data, 10_000));
        assertTrue(!Files.exists(Path.of(data)), "the shutdown hook left " + data);
    }

    @Test
    void killWhenChildJvmIsKilledThenWatchdogStopsPostgres() throws Exception {
        Process p = child("hang");
        String data = dataDirectory(p);
        assertTrue(!ProcessLeaks.processesMentioning(data).isEmpty(), "server not running before the kill");
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), ProcessLeaks.awaitNone(data, 15_000));
        // The files stay until the next server start deletes abandoned directories; remove them here.
        PostgresBinaries.deleteTree(Path.of(data).getParent());
    }
}
