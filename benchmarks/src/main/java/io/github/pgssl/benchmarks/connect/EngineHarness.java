package io.github.pgssl.benchmarks.connect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The TLS engine as a benchmark dimension, for one driver in its own JVM: the driver's native
 * settings (disable, verify-full) and pgssl (disable; verify-full with the JDK engine and with a
 * native engine), one root, interleaved connection by connection in every round as
 * {@link ConnectHarness} does. Prints medians of round medians, the paired ratio to native
 * verify-full, and each path's TLS share (its verify-full minus its disable).
 *
 * <p>usage: {@code EngineHarness <jdbc|r2dbc|vertx> <target.properties> <n> <rounds> <warmup> <engine> <server label>}
 */
public final class EngineHarness {
    private EngineHarness() {
    }

    public static void main(String[] args) throws Exception {
        String driver = args[0];
        Target target = Target.load(Path.of(args[1]));
        int n = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        String engine = args[5];
        String server = args[6];
        List<String> names = List.of("native disable", "native verify-full", "pgssl disable", "pgssl jdk verify-full",
                "pgssl " + engine + " verify-full");
        try (DriverPaths paths = ConnectHarness.paths(driver)) {
            // Vert.x: pgssl's engine options reach a connection through PgSslVertx (PgConnection.connect ignores them)
            boolean vertx = paths instanceof VertxPaths;
            List<Connector> series = List.of(
                    paths.nativePath(Mode.DISABLE, target),
                    paths.nativePath(Mode.VERIFY_FULL_ROOT, target),
                    vertx ? ((VertxPaths) paths).pgsslEnginePath(Mode.DISABLE, target) : paths.pgsslPath(Mode.DISABLE, target),
                    vertx ? ((VertxPaths) paths).pgsslEnginePath(Mode.VERIFY_FULL_ROOT, target)
                            : paths.pgsslPath(Mode.VERIFY_FULL_ROOT, target),
                    vertx ? ((VertxPaths) paths).pgsslEnginePath(Mode.VERIFY_FULL_ROOT, target.withEngine(engine))
                            : paths.pgsslPath(Mode.VERIFY_FULL_ROOT, target.withEngine(engine)));
            int k = series.size();
            for (int i = 0; i < warmup; i++) {
                for (Connector c : series) {
                    c.openQueryClose();
                }
            }
            double[][] roundMedians = new double[k][rounds];
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
                    roundMedians[s][r] = median(t[s]) / 1e6;
                }
                System.err.printf("%s %s round %d: %s%n", driver, server, r, Arrays.toString(column(roundMedians, r)));
            }
            for (Connector c : series) {
                c.close();
            }
            double[] med = new double[k];
            for (int s = 0; s < k; s++) {
                med[s] = median(roundMedians[s]);
            }
            double[] ratioJdk = new double[rounds];
            double[] ratioEngine = new double[rounds];
            double[] shareRatio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratioJdk[r] = roundMedians[3][r] / roundMedians[1][r];
                ratioEngine[r] = roundMedians[4][r] / roundMedians[1][r];
                shareRatio[r] = (roundMedians[4][r] - roundMedians[2][r]) / (roundMedians[3][r] - roundMedians[2][r]);
            }
            // | driver | server | native disable | native vf | pgssl disable | pgssl jdk vf | pgssl engine vf |
            //   jdk/native | engine/native | TLS share native | jdk | engine | engine share / jdk share |
            System.out.printf("| %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.3f | %.3f [%.3f–%.3f] | %.2f | %.2f | %.2f | %.2f [%.2f–%.2f] |%n",
                    paths.driver() + (paths instanceof R2dbcPaths ? " (native on " + R2dbcPaths.nativeTlsProvider() + ")" : ""),
                    server, engine, med[0], med[1], med[2], med[3], med[4],
                    median(ratioJdk), median(ratioEngine), min(ratioEngine), max(ratioEngine),
                    med[1] - med[0], med[3] - med[2], med[4] - med[2],
                    median(shareRatio), min(shareRatio), max(shareRatio));
        }
        System.exit(0);
    }

    private static double[] column(double[][] m, int r) {
        double[] c = new double[m.length];
        for (int s = 0; s < m.length; s++) {
            c[s] = Math.round(m[s][r] * 100) / 100.0;
        }
        return c;
    }

    static double median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0;
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
