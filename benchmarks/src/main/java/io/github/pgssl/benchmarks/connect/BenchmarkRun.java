package io.github.pgssl.benchmarks.connect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coordinator of one connection-setup run: starts the throwaway TLS server (or uses an
 * existing one), runs the libpq floor (C client and pgbench), then one child JVM per driver
 * ({@link ConnectHarness}, each on its own class path), and records the machine and versions in
 * {@code run.properties} for {@link Report}.
 *
 * <p>usage: {@code BenchmarkRun <run dir> <n> <rounds> <warmup> <hikariRounds> [<target.properties>]}.
 * The run dir must hold {@code cp-jdbc.txt}, {@code cp-r2dbc.txt}, {@code cp-vertx.txt} (class
 * paths written by run.sh). Without a target file, a server is started with pgssl-testkit.
 */
public final class BenchmarkRun {
    static final List<String> JVM_ARGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseParallelGC");
    private static final List<String> DRIVERS = List.of("jdbc", "r2dbc", "vertx");

    private final Path dir;
    private final int n;
    private final int rounds;
    private final int warmup;
    private final int hikariRounds;
    private final Properties run = new Properties();
    private final Path home;

    private BenchmarkRun(Path dir, int n, int rounds, int warmup, int hikariRounds) throws IOException {
        this.dir = dir;
        this.n = n;
        this.rounds = rounds;
        this.warmup = warmup;
        this.hikariRounds = hikariRounds;
        this.home = Files.createDirectories(dir.resolve("home"));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: BenchmarkRun <run dir> <n> <rounds> <warmup> <hikariRounds> [<target.properties>]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        BenchmarkRun r = new BenchmarkRun(dir, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        if (args.length > 5) {
            r.runAgainst(Target.load(Path.of(args[5])), "external server (" + args[5] + ")");
        } else {
            try (BenchServer server = BenchServer.start(dir.resolve("server"))) {
                r.runAgainst(server.target(), server.tlsDescription());
            }
        }
    }

    private void runAgainst(Target target, String tls) throws Exception {
        Path targetFile = dir.resolve("target.properties");
        target.store(targetFile);
        run.setProperty("run.start", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        run.setProperty("run.dir", dir.toString());
        run.setProperty("n", Integer.toString(n));
        run.setProperty("rounds", Integer.toString(rounds));
        run.setProperty("warmup", Integer.toString(warmup));
        run.setProperty("hikariRounds", Integer.toString(hikariRounds));
        run.setProperty("jvm.args", String.join(" ", JVM_ARGS));
        run.setProperty("target.host", target.host());
        run.setProperty("server.tls", tls);
        machine();
        run.setProperty("server.version", serverVersion(target));
        libpq(target);
        pgbench(target);
        for (String d : DRIVERS) {
            driver(d, targetFile);
        }
        run.setProperty("run.end", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        run.setProperty("machine.loadEnd", loadAverage());
        try (Writer w = Files.newBufferedWriter(dir.resolve("run.properties"), StandardCharsets.UTF_8)) {
            run.store(w, "pgssl benchmark run");
        }
    }

    private void machine() throws IOException, InterruptedException {
        run.setProperty("machine.nproc", Integer.toString(Runtime.getRuntime().availableProcessors()));
        run.setProperty("machine.cpu", firstMatch(Path.of("/proc/cpuinfo"), "model name\\s*:\\s*(.*)"));
        String mem = firstMatch(Path.of("/proc/meminfo"), "MemTotal:\\s*(\\d+) kB");
        run.setProperty("machine.memory", mem.equals("?") ? "?" : String.format(java.util.Locale.ROOT, "%.1f GiB",
                Long.parseLong(mem) / 1024.0 / 1024.0));
        run.setProperty("machine.os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        run.setProperty("machine.loadStart", loadAverage());
        run.setProperty("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        run.setProperty("libpq.version", command(List.of("pg_config", "--version")).trim() + "; "
                + command(List.of("pgbench", "--version")).trim());
        String jmh = System.getProperty("pgssl.bench.jmhVersion");
        if (jmh != null) {
            run.setProperty("jmh.version", jmh);
        }
        String jmhArgs = System.getProperty("pgssl.bench.jmhArgs");
        if (jmhArgs != null) {
            run.setProperty("jmh.args", jmhArgs);
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String firstMatch(Path file, String regex) {
        try {
            Pattern p = Pattern.compile(regex);
            for (String line : Files.readAllLines(file)) {
                Matcher m = p.matcher(line);
                if (m.matches()) {
                    return m.group(1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: leave unknown
        }
        return "?";
    }

    /** The server's version and, from pg_stat_ssl, what a verify-full connection negotiated. */
    private static String serverVersion(Target t) throws Exception {
        try (Connection c = JdbcPaths.nativeDataSource(Mode.VERIFY_FULL_ROOT, t).getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version(), current_setting('max_connections'), "
                     + "(SELECT version || ' ' || cipher || ' ' || bits || ' bits' FROM pg_stat_ssl WHERE pid = pg_backend_pid())")) {
            rs.next();
            return rs.getString(1) + "; max_connections=" + rs.getString(2) + "; pgjdbc verify-full negotiated " + rs.getString(3);
        }
    }

    /** The C floor: one process per (round, mode), modes interleaved within each round. */
    private void libpq(Target t) throws Exception {
        Path src = Path.of(System.getProperty("pgssl.bench.csource", "benchmarks/src/main/c/libpq_connect.c"));
        Path exe = dir.resolve("libpq_connect");
        String include = command(List.of("pg_config", "--includedir")).trim();
        if (include.isEmpty() || !Files.exists(Path.of(include, "libpq-fe.h")) || command(List.of("gcc", "--version")).isEmpty()) {
            System.err.println("libpq: skipped (gcc or libpq headers absent)");
            run.setProperty("libpq.skipped", "gcc or libpq headers absent");
            return;
        }
        exec(List.of("gcc", "-O2", "-o", exe.toString(), src.toString(), "-I" + include, "-lpq"));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("connect-libpq.csv")))) {
            out.println("info,libpq,driver,,," + command(List.of("pg_config", "--version")).trim());
            for (Mode m : Mode.values()) {
                command(List.of(exe.toString(), t.conninfo(m), Integer.toString(Math.max(1, warmup))), t);
            }
            for (int r = 0; r < rounds; r++) {
                for (Mode m : Mode.values()) {
                    String lines = command(List.of(exe.toString(), t.conninfo(m), Integer.toString(n)), t);
                    List<Long> v = new ArrayList<>();
                    for (String line : lines.split("\n")) {
                        if (!line.isBlank()) {
                            v.add(Long.parseLong(line.trim()));
                        }
                    }
                    if (v.size() != n) {
                        out.println("error,libpq," + m.name() + ",native,,libpq_connect gave " + v.size() + " of " + n + " connections");
                        continue;
                    }
                    for (long x : v) {
                        out.println("conn,libpq," + m.name() + ",native," + r + "," + x);
                    }
                    System.err.printf("libpq %s round %d: median %.2f ms%n", m.label(), r,
                            ConnectHarness.median(v.stream().mapToLong(Long::longValue).toArray()) / 1e6);
                }
            }
        }
    }

    /** pgbench -C as a cross-check of the C client: ms per connection = 1000 / tps. */
    private void pgbench(Target t) throws Exception {
        if (command(List.of("pgbench", "--version")).isEmpty()) {
            run.setProperty("pgbench.skipped", "pgbench absent");
            return;
        }
        Path script = Files.writeString(dir.resolve("select1.sql"), "SELECT 1;\n");
        Pattern tps = Pattern.compile("tps = ([0-9.]+)");
        int pgbenchRounds = Integer.getInteger("pgssl.bench.pgbenchRounds", rounds);
        run.setProperty("pgbenchRounds", Integer.toString(pgbenchRounds));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("connect-pgbench.csv")))) {
            for (int r = 0; r < pgbenchRounds; r++) {
                for (Mode m : Mode.values()) {
                    String o = command(List.of("pgbench", "-C", "-n", "-f", script.toString(), "-t", Integer.toString(n), t.conninfo(m)), t);
                    Matcher mt = tps.matcher(o);
                    if (!mt.find()) {
                        out.println("error,libpq," + m.name() + ",native,,pgbench printed no tps");
                        continue;
                    }
                    double nanos = 1e9 / Double.parseDouble(mt.group(1));
                    out.println("pgbench,libpq," + m.name() + ",native," + r + "," + nanos);
                    System.err.printf("pgbench %s round %d: %.2f ms/connection%n", m.label(), r, nanos / 1e6);
                }
            }
        }
    }

    private void driver(String d, Path targetFile) throws Exception {
        Path cpFile = dir.resolve("cp-" + d + ".txt");
        String classes = Path.of(ConnectHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_ARGS);
        cmd.add("-cp");
        cmd.add(classes + ":" + Files.readString(cpFile).trim());
        cmd.add(ConnectHarness.class.getName());
        cmd.addAll(List.of(d, targetFile.toString(), dir.resolve("connect-" + d + ".csv").toString(),
                Integer.toString(n), Integer.toString(rounds), Integer.toString(warmup), Integer.toString(hikariRounds)));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        clean(pb.environment());
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(d + " harness did not finish within 15 minutes");
        }
        if (p.exitValue() != 0) {
            System.err.println(d + " harness exited with " + p.exitValue());
        }
    }

    /** No PG* variables and an empty HOME: neither the drivers nor libpq may pick up this machine's files. */
    private void clean(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("PG") || k.equals("DATABASE_URL"));
        env.put("HOME", home.toString());
    }

    private String command(List<String> cmd) throws InterruptedException {
        return command(cmd, null);
    }

    /** Runs a command and returns its standard output; libpq gets the password through PGPASSWORD, never argv. */
    private String command(List<String> cmd, Target passwordOf) throws InterruptedException {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
            clean(pb.environment());
            if (passwordOf != null && passwordOf.hasPassword()) {
                pb.environment().put("PGPASSWORD", passwordOf.password());
            }
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            StringBuilder b = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    b.append(line).append('\n');
                }
            }
            p.waitFor(10, TimeUnit.MINUTES);
            return b.toString();
        } catch (IOException e) {
            return "";
        }
    }

    private void exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", cmd));
        }
    }
}
