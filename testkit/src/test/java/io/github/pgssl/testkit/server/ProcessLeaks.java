package io.github.pgssl.testkit.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds processes whose command line mentions a path (a server's data directory). */
final class ProcessLeaks {
    private ProcessLeaks() {
    }

    static List<String> processesMentioning(String needle) {
        List<String> out = new ArrayList<>();
        try (var procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (cmd.contains(needle)) {
                        out.add(p.getFileName() + ": " + cmd.trim());
                    }
                } catch (IOException e) {
                    // Exited meanwhile.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Polls until no process mentions {@code needle} or the time is up; returns what is left. */
    static List<String> awaitNone(String needle, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        List<String> left = processesMentioning(needle);
        while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            left = processesMentioning(needle);
        }
        return left;
    }
}
