package io.github.pgssl.examples.springboot;

import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerTls;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up time of {@link SpringBootExample} (JDBC + Flyway + Actuator, no web server) through the
 * pgssl starter ({@code DATABASE_URL} only) against the same application with plain
 * {@code jdbc:postgresql:} and the same TLS settings ({@code sslmode=verify-full}, the same CA
 * file, host {@code localhost}). Each run is a fresh JVM; runs alternate; the figure is Boot's own
 * "process running for" at {@code Started}. Not a test: run its {@code main} with the test class
 * path ({@code args[0]} = rounds, default 10).
 */
public final class StartupBench {
    private static final Pattern STARTED = Pattern.compile("Started SpringBootExample in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        TestPki pki = TestPki.generateEcOnly();
        TestCertificate server = TestCertificate.builder().commonName("localhost").dnsName("localhost")
                .signedBy(pki.intermediate()).build();
        Path dir = Files.createTempDirectory("pgssl-startup-bench-");
        Path ca = pki.root().writeCertificatePem(dir.resolve("ca.pem"));
        try (PostgresServer pg = PostgresServer.builder().tls(ServerTls.of(server)).start()) {
            try (Connection c = DriverManager.getConnection("jdbc:pgssl:postgresql://postgres@127.0.0.1:" + pg.port()
                    + "/postgres?sslmode=require"); Statement s = c.createStatement()) {
                s.execute("create database app_pgssl owner ssltestuser");
                s.execute("create database app_plain owner ssltestuser");
            }
            String tls = "sslmode=verify-full&sslrootcert=" + ca;
            String pgsslUrl = "postgresql://ssltestuser@localhost:" + pg.port() + "/app_pgssl?" + tls;
            String plainUrl = "jdbc:postgresql://localhost:" + pg.port() + "/app_plain?" + tls;
            List<Double> pgssl = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            // one warm-up each (Flyway migrates the empty database; later runs validate)
            run(pgsslUrl, null);
            run(pgsslUrl, plainUrl);
            for (int i = 0; i < rounds; i++) {
                if (i % 2 == 0) {
                    pgssl.add(run(pgsslUrl, null));
                    plain.add(run(pgsslUrl, plainUrl));
                } else {
                    plain.add(run(pgsslUrl, plainUrl));
                    pgssl.add(run(pgsslUrl, null));
                }
            }
            System.out.printf("rounds=%d%npgssl (DATABASE_URL only): median %.3f s, min %.3f s, all %s%n"
                    + "plain jdbc:postgresql:   : median %.3f s, min %.3f s, all %s%npgssl/plain median: %.3f%n",
                    rounds, median(pgssl), min(pgssl), pgssl, median(plain), min(plain), plain, median(pgssl) / median(plain));
        }
    }

    private static double run(String databaseUrl, String plainJdbcUrl) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SpringBootExample.class.getName(),
                "--spring.main.web-application-type=none"));
        if (plainJdbcUrl != null) {
            cmd.add("--spring.datasource.url=" + plainJdbcUrl);
            cmd.add("--spring.datasource.username=ssltestuser");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("DATABASE_URL", databaseUrl);
        Process p = pb.start();
        Double seconds = null;
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.append(line).append('\n');
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    seconds = Double.parseDouble(m.group(2));
                }
            }
        }
        if (p.waitFor() != 0 || seconds == null) {
            throw new IllegalStateException("run failed:\n" + out);
        }
        return seconds;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
