package io.github.pgssl.testkit.conformance;

import io.github.pgssl.PgEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ConformanceClient} that runs psql (the reference): {@code psql -X -A -t -d "<conninfo>" -c "<query>"}
 * with no {@code PG*} variables but those of the environment, HOME from the environment, and
 * {@code PGCONNECT_TIMEOUT=10}.
 */
public final class PsqlClient implements ConformanceClient {
    private final Path psql;
    private final int majorVersion;

    private PsqlClient(Path psql, int majorVersion) {
        this.psql = psql;
        this.majorVersion = majorVersion;
    }

    /** {@return psql from {@code PATH}, if there is one} */
    public static Optional<PsqlClient> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "psql");
            if (Files.isExecutable(p)) {
                return Optional.of(at(p));
            }
        }
        return Optional.empty();
    }

    /**
     * A given psql executable.
     *
     * @param psql the path of the {@code psql} executable
     * @return the client, with the major version read from {@code psql --version}
     * @throws IllegalStateException when psql cannot be run or its version cannot be read
     */
    public static PsqlClient at(Path psql) {
        try {
            Process p = new ProcessBuilder(psql.toString(), "--version").redirectErrorStream(true).start();
            String out = read(p.getInputStream());
            p.waitFor(30, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("(\\d+)").matcher(out.substring(Math.max(0, out.indexOf(')'))));
            if (!m.find()) {
                throw new IllegalStateException("cannot read psql's version from \"" + out.trim() + "\"");
            }
            return new PsqlClient(psql, Integer.parseInt(m.group(1)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + psql, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@return the major version of psql (and so of its libpq, as packaged)} */
    public int majorVersion() {
        return majorVersion;
    }

    /**
     * Whether this psql's libpq can run cases with {@code requirement}.
     *
     * @param requirement what a case needs beyond the basics
     * @return whether this psql's major version has it (e.g. 17 for {@code sslnegotiation})
     */
    public boolean supports(Requirement requirement) {
        switch (requirement) {
            case LIBPQ_16_SSLROOTCERT_SYSTEM:
            case LIBPQ_16_SSLCERTMODE:
                return majorVersion >= 16;
            case LIBPQ_17_SSLNEGOTIATION:
                return majorVersion >= 17;
            default:
                return true;
        }
    }

    @Override
    public Outcome connect(String connectionString, PgEnvironment environment) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(psql.toString(), "-X", "-A", "-t", "-q", "-d", connectionString,
                "-c", QUERY));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("SSL_CERT"));
        env.remove("HOME");
        env.put("LANG", "C");
        env.put("LC_ALL", "C");
        env.put("PGCONNECT_TIMEOUT", "10");
        env.putAll(environment.variables());
        environment.home().ifPresent(h -> env.put("HOME", h.toString()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<String> out = readAsync(p.getInputStream());
        CompletableFuture<String> err = readAsync(p.getErrorStream());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Outcome.Failed("psql did not finish within 30 s");
        }
        String stdout = out.get(5, TimeUnit.SECONDS).trim();
        String stderr = err.get(5, TimeUnit.SECONDS).trim();
        if (p.exitValue() != 0) {
            return new Outcome.Failed(stderr.isEmpty() ? "psql exited with " + p.exitValue() : stderr);
        }
        String[] cols = stdout.split("\\|", -1);
        if (cols.length == 2 && cols[0].equals("t")) {
            return new Outcome.Tls(cols[1]);
        }
        if (cols.length == 2 && cols[0].equals("f")) {
            return new Outcome.Plaintext();
        }
        return new Outcome.Failed("unexpected psql output \"" + stdout + "\" " + stderr);
    }

    private static CompletableFuture<String> readAsync(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> f.complete(read(in)), "pgssl-psql-output");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "psql " + majorVersion + " (" + psql + ")";
    }
}
