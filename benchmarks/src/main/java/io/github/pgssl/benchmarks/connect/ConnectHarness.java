package io.github.pgssl.benchmarks.connect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Connection-setup harness for one driver, run in its own JVM (each driver on the Netty it was
 * released with). For every mode it builds both configurations once, warms them up, then runs
 * {@code rounds} rounds; each round opens, queries and closes {@code n} connections for every
 * (mode, path) series, sequentially, the series alternating connection by connection so drift on
 * this shared machine hits them all alike.
 *
 * <p>Output: one CSV line per timed connection ({@code conn,driver,mode,path,round,nanos}), per
 * pool fill ({@code hikari,...}), or per path that could not be configured ({@code error,...}).
 *
 * <p>usage: {@code ConnectHarness <jdbc|r2dbc|vertx> <target.properties> <out.csv> <n> <rounds> <warmup> [hikariRounds]}
 */
public final class ConnectHarness {
    static final String NATIVE = "native";
    static final String PGSSL = "pgssl";
    static final int POOL_SIZE = 50;

    private final PrintWriter out;
    private final String driverKey;

    private ConnectHarness(PrintWriter out, String driverKey) {
        this.out = out;
        this.driverKey = driverKey;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: ConnectHarness <jdbc|r2dbc|vertx> <target.properties> <out.csv> <n> <rounds> <warmup> [hikariRounds]");
            System.exit(2);
        }
        String driver = args[0];
        Target target = Target.load(Path.of(args[1]));
        Path outFile = Path.of(args[2]);
        int n = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        int hikariRounds = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(outFile));
             DriverPaths paths = paths(driver)) {
            ConnectHarness h = new ConnectHarness(out, driver);
            out.println("info," + driver + ",driver,,," + paths.driver());
            out.println("info," + driver + ",netty,,," + jarOf("io.netty.handler.ssl.SslContext"));
            out.println("info," + driver + ",hikari,,," + jarOf("com.zaxxer.hikari.HikariDataSource"));
            if (driver.equals("r2dbc")) {
                out.println("info," + driver + ",nativeTls,,," + R2dbcPaths.nativeTlsProvider());
            }
            h.run(paths, target, n, rounds, warmup);
            if (hikariRounds > 0 && driver.equals("jdbc")) {
                h.hikari(target, hikariRounds);
            }
        }
        // Driver event loops (reactor-netty) may hold non-daemon threads.
        System.exit(0);
    }

    static DriverPaths paths(String driver) {
        return switch (driver) {
            case "jdbc" -> new JdbcPaths();
            case "r2dbc" -> new R2dbcPaths();
            case "vertx" -> new VertxPaths();
            default -> throw new IllegalArgumentException("driver: unknown \"" + driver + "\"; use jdbc, r2dbc or vertx");
        };
    }

    private void run(DriverPaths paths, Target target, int n, int rounds, int warmup) throws Exception {
        Map<Mode, Map<String, Connector>> connectors = new EnumMap<>(Mode.class);
        for (Mode mode : Mode.values()) {
            Map<String, Connector> m = new LinkedHashMap<>();
            m.put(NATIVE, configure(mode, NATIVE, () -> paths.nativePath(mode, target)));
            m.put(PGSSL, configure(mode, PGSSL, () -> paths.pgsslPath(mode, target)));
            m.values().removeIf(c -> c == null);
            connectors.put(mode, m);
        }
        // Warm-up: every path of every mode, interleaved, so the JIT sees all code before timing starts.
        for (int i = 0; i < warmup; i++) {
            for (Mode mode : Mode.values()) {
                for (Map.Entry<String, Connector> e : List.copyOf(connectors.get(mode).entrySet())) {
                    try {
                        e.getValue().openQueryClose();
                    } catch (Exception ex) {
                        error(mode, e.getKey(), ex);
                        connectors.get(mode).remove(e.getKey());
                    }
                }
            }
        }
        // Every (mode, path) series runs in every round, connection by connection in an order that
        // reverses each time (1 2 ... k k ... 2 1 1 2 ...), so drift on this shared machine
        // (other processes, CPU frequency, GC) falls on all series alike: pgssl against native and
        // the bundle against one root are both paired comparisons.
        List<Mode> seriesMode = new ArrayList<>();
        List<String> seriesPath = new ArrayList<>();
        List<Connector> series = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            for (Map.Entry<String, Connector> e : connectors.get(mode).entrySet()) {
                seriesMode.add(mode);
                seriesPath.add(e.getKey());
                series.add(e.getValue());
            }
        }
        int k = series.size();
        for (int r = 0; r < rounds; r++) {
            long[][] t = new long[k][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    int s = i % 2 == 0 ? j : k - 1 - j;
                    long start = System.nanoTime();
                    series.get(s).openQueryClose();
                    t[s][i] = System.nanoTime() - start;
                }
            }
            for (int s = 0; s < k; s++) {
                for (long v : t[s]) {
                    out.println("conn," + driverKey + "," + seriesMode.get(s).name() + "," + seriesPath.get(s) + "," + r + "," + v);
                }
                System.err.printf("%s %s %s round %d: median %.2f ms%n", driverKey, seriesMode.get(s).label(), seriesPath.get(s), r,
                        median(t[s]) / 1e6);
            }
        }
        for (Connector c : series) {
            c.close();
        }
        out.flush();
    }

    private interface Configuring {
        Connector get() throws Exception;
    }

    private Connector configure(Mode mode, String path, Configuring c) {
        try {
            return c.get();
        } catch (Exception | LinkageError e) {
            error(mode, path, e);
            return null;
        }
    }

    private void error(Mode mode, String path, Throwable e) {
        String msg = (e.getClass().getSimpleName() + ": " + e.getMessage()).replaceAll("[\r\n,]", " ");
        out.println("error," + driverKey + "," + mode.name() + "," + path + ",," + msg);
        System.err.println(driverKey + " " + mode.label() + " " + path + " failed: " + msg);
    }

    /**
     * Time to fill a 50-connection HikariCP pool (verify-full, one root) from its constructor until
     * 50 connections are open. Hikari's first fill waits for its housekeeper (100 ms); a
     * suspend/resume right after construction starts the fill at once, so the figure is the
     * connection work, not that fixed delay.
     */
    private void hikari(Target target, int rounds) throws Exception {
        Mode mode = Mode.VERIFY_FULL_ROOT;
        Map<String, DataSource> sources = new LinkedHashMap<>();
        sources.put(NATIVE, JdbcPaths.nativeDataSource(mode, target));
        try {
            sources.put(PGSSL, JdbcPaths.pgsslDataSource(mode, target));
        } catch (RuntimeException | LinkageError e) {
            error(mode, "hikari-" + PGSSL, e);
        }
        List<String> order = new ArrayList<>(sources.keySet());
        for (int r = -1; r < rounds; r++) { // round -1 is the warm-up
            List<String> o = new ArrayList<>(order);
            if (r % 2 != 0) {
                java.util.Collections.reverse(o);
            }
            for (String path : o) {
                long nanos = fill(sources.get(path), path + "-" + r);
                if (r >= 0) {
                    out.println("hikari,jdbc," + mode.name() + "," + path + "," + r + "," + nanos);
                }
                System.err.printf("hikari %s round %d: %.1f ms%n", path, r, nanos / 1e6);
            }
        }
        out.flush();
    }

    private static long fill(DataSource ds, String name) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("bench-" + name);
        c.setDataSource(ds);
        c.setMaximumPoolSize(POOL_SIZE);
        c.setMinimumIdle(POOL_SIZE);
        c.setAllowPoolSuspension(true);
        long start = System.nanoTime();
        try (HikariDataSource pool = new HikariDataSource(c)) {
            HikariPoolMXBean mx = pool.getHikariPoolMXBean();
            mx.suspendPool();
            mx.resumePool();
            long deadline = start + 60_000_000_000L;
            while (mx.getTotalConnections() < POOL_SIZE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("pool " + name + " did not fill within 60 s");
                }
                LockSupport.parkNanos(100_000);
            }
            return System.nanoTime() - start;
        }
    }

    /** The file name of the jar a class comes from (its version), or "absent". */
    static String jarOf(String className) {
        try {
            String loc = Class.forName(className, false, ConnectHarness.class.getClassLoader())
                    .getProtectionDomain().getCodeSource().getLocation().getPath();
            return loc.substring(loc.lastIndexOf('/') + 1).replace(".jar", "");
        } catch (ClassNotFoundException | RuntimeException e) {
            return "absent";
        }
    }

    static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2.0;
    }
}
