package io.github.pgssl.benchmarks.connect;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * The first connection of a fresh JVM, what a serverless function pays: from {@code main} to the
 * first {@code SELECT 1} result (configuration, class loading, material, handshake), verify-full
 * with one root. Run once per JVM; prints {@code main_ms jvm_ms} (the second from the JVM's start time).
 *
 * <p>usage: {@code ColdStart <jdbc|r2dbc|vertx> <native|pgssl> <engine|-> <target.properties>}
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        String driver = args[0];
        boolean pgssl = args[1].equals("pgssl");
        String engine = args[2].equals("-") ? null : args[2];
        Target target = Target.load(Path.of(args[3]));
        DriverPaths paths = ConnectHarness.paths(driver);
        Target t = engine == null ? target : target.withEngine(engine);
        // decided by the driver argument, not by `paths instanceof VertxPaths`: the type test would load
        // VertxPaths on the pgssl path only, a class the native path never loads
        Connector c = !pgssl ? paths.nativePath(Mode.VERIFY_FULL_ROOT, target)
                : driver.equals("vertx") ? ((VertxPaths) paths).pgsslEnginePath(Mode.VERIFY_FULL_ROOT, t)
                : paths.pgsslPath(Mode.VERIFY_FULL_ROOT, t);
        c.openQueryClose();
        long t1 = System.nanoTime();
        long jvmMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("%.1f %d%n", (t1 - t0) / 1e6, jvmMs);
        System.out.flush();
        System.exit(0);
    }
}
