package io.github.pgssl.testkit.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command with a bounded wait; failures carry the command's output. */
final class Exec {
    private Exec() {
    }

    /** Removes libpq/PostgreSQL variables that would redirect a child process, and fixes the language. */
    static void cleanEnvironment(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("LANG", "C");
        env.put("LC_ALL", "C");
    }

    static String run(List<String> command, Duration timeout, String stdin) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        cleanEnvironment(pb.environment());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        }
        // A thread of its own, not the common pool: callers may themselves run on pool threads.
        CompletableFuture<String> out = new CompletableFuture<>();
        Thread reader = new Thread(() -> out.complete(read(p.getInputStream())), "pgssl-testkit-exec-output");
        reader.setDaemon(true);
        reader.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The process may exit without reading its input; its output tells why.
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("command timed out after " + timeout + ": " + String.join(" ", command));
            }
            String output = out.get(5, TimeUnit.SECONDS);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("command failed with exit code " + p.exitValue() + ": "
                        + String.join(" ", command) + "\n" + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the output of " + command.get(0), e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
