package io.github.pgssl.jdbc;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rough, opt-in figure (run with {@code -Dpgssl.measure=true}): milliseconds per sequential
 * connect + {@code SELECT 1} + close, plain pgjdbc against pgssl-jdbc, interleaved rounds. The
 * benchmarks module measures this properly; this only sanity-checks the adapter's overhead.
 */
class JdbcSetupCostIT {
    @TempDir
    static Path dir;

    interface Opener {
        Connection open() throws Exception;
    }

    @Test
    void measureConnectionSetup() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("pgssl.measure"), "opt-in: -Dpgssl.measure=true");
        TestPki pki = TestPki.generate();
        try (PostgresServer server = PostgresServer.builder().tls(ServerTls.of(pki.server())).start()) {
            Path root = pki.root().writeCertificatePem(dir.resolve("root.crt"));
            PgEnvironment env = PgEnvironment.of(Map.of("HOME", dir.toString()), dir);
            String base = "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port=" + server.port() + " user="
                    + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.TRUST_DB;
            DataSource pgsslRequire = PgSslJdbc.dataSource(base + " sslmode=require sslrootcert=" + dir.resolve("none"), env);
            DataSource pgsslFull = PgSslJdbc.dataSource(base + " sslmode=verify-full sslrootcert=" + root, env);
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + ServerPresets.TRUST_DB;
            Properties require = new Properties();
            require.setProperty("user", ServerPresets.TRUST_USER);
            require.setProperty("sslmode", "require");
            Properties verifyCa = new Properties();
            verifyCa.putAll(require);
            verifyCa.setProperty("sslmode", "verify-ca");
            verifyCa.setProperty("sslrootcert", root.toString());
            Properties disable = new Properties();
            disable.putAll(require);
            disable.setProperty("sslmode", "disable");
            DataSource pgsslDisable = PgSslJdbc.dataSource(base + " sslmode=disable", env);
            JdbcConfiguration nativeRequire = PgSslJdbc.configuration(base + " sslmode=require sslrootcert=" + dir.resolve("none"), env);
            Properties nativeProps = nativeRequire.properties();
            String nativeUrl = nativeRequire.jdbcUrl();
            Map<String, Opener> paths = new LinkedHashMap<>();
            paths.put("pgjdbc disable", () -> DriverManager.getConnection(url, disable));
            paths.put("pgssl disable", pgsslDisable::getConnection);
            paths.put("pgjdbc + pgssl sslfactory (native form) require", () -> DriverManager.getConnection(nativeUrl, nativeProps));
            paths.put("pgjdbc require (trust-all)", () -> DriverManager.getConnection(url, require));
            paths.put("pgssl require", pgsslRequire::getConnection);
            paths.put("pgjdbc verify-ca (root file per connection)", () -> DriverManager.getConnection(url, verifyCa));
            paths.put("pgssl verify-full (shared SSLContext)", pgsslFull::getConnection);
            int rounds = Integer.getInteger("pgssl.measure.rounds", 5);
            int perRound = 40;
            Map<String, double[]> medians = new LinkedHashMap<>();
            paths.keySet().forEach(k -> medians.put(k, new double[rounds]));
            for (int r = -1; r < rounds; r++) {
                for (Map.Entry<String, Opener> p : paths.entrySet()) {
                    double[] ms = new double[perRound];
                    for (int i = 0; i < perRound; i++) {
                        long t0 = System.nanoTime();
                        try (Connection c = p.getValue().open(); Statement st = c.createStatement();
                             ResultSet rs = st.executeQuery("select 1")) {
                            rs.next();
                        }
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    if (r >= 0) {
                        Arrays.sort(ms);
                        medians.get(p.getKey())[r] = ms[perRound / 2];
                    }
                }
            }
            for (Map.Entry<String, double[]> m : medians.entrySet()) {
                double[] v = m.getValue().clone();
                Arrays.sort(v);
                System.out.printf("%-48s median of round medians %.2f ms%n", m.getKey(), v[rounds / 2]);
            }
        }
    }
}
