package io.github.pgssl.doctor;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TrustSource;
import io.github.pgssl.testkit.json.Json;
import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The no-argument run: an embedded PostgreSQL with TLS and a CA generated for this run, every
 * driver under each strategy (no-verify, ca-file, full-verify), and one refused case per
 * verifying strategy (wrong CA, wrong host name), as a table.
 */
final class Demo {
    /** The name in the demo server's certificate (DNS SAN and CN); 127.0.0.1 is deliberately absent. */
    static final String SERVER_NAME = "localhost";

    private final PrintStream out;
    private final PrintStream err;
    private final Duration timeout;
    private final Progress progress;

    Demo(PrintStream out, PrintStream err, Duration timeout) {
        this.out = out;
        this.err = err;
        this.timeout = timeout;
        this.progress = Progress.to(err);
    }

    /** One row of the table. */
    record Case(String strategy, String description, String host, SslPolicy policy, boolean expectConnect,
                String libpqEquivalent) {
    }

    int run(List<DriverKind> drivers, boolean json) {
        long t0 = System.nanoTime();
        Path dir;
        try {
            dir = Files.createTempDirectory("pgssl-doctor-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        try {
            progress.step("generating a CA and a server certificate for " + SERVER_NAME);
            TestCertificate ca = TestCertificate.builder().commonName("pgssl doctor demo CA").certificateAuthority(0).build();
            TestCertificate server = TestCertificate.builder().commonName(SERVER_NAME).dnsName(SERVER_NAME).signedBy(ca).build();
            TestCertificate otherCa = TestCertificate.builder().commonName("some other CA").certificateAuthority(0).build();
            Path caFile = ca.writeCertificatePem(dir.resolve("ca.pem"));
            Path otherCaFile = otherCa.writeCertificatePem(dir.resolve("other-ca.pem"));

            progress.step("starting an embedded PostgreSQL with TLS on 127.0.0.1 (first run unpacks the binaries)");
            try (PostgresServer pg = PostgresServer.builder().tls(ServerTls.of(server)).start()) {
                int port = pg.port();
                List<Case> cases = List.of(
                        new Case("no-verify", "encrypt; the server is not checked", SERVER_NAME, SslPolicy.noVerify(), true,
                                "sslmode=require"),
                        new Case("ca-file", "chain checked against the demo CA", SERVER_NAME, SslPolicy.caFile(caFile), true,
                                "sslmode=verify-ca sslrootcert=" + caFile),
                        new Case("full-verify", "chain and host name \"" + SERVER_NAME + "\" checked", SERVER_NAME,
                                SslPolicy.fullVerify(TrustSource.pemFile(caFile)), true,
                                "sslmode=verify-full sslrootcert=" + caFile),
                        new Case("ca-file", "REFUSED: the CA file is another CA", SERVER_NAME, SslPolicy.caFile(otherCaFile), false,
                                "sslmode=verify-ca sslrootcert=" + otherCaFile),
                        new Case("full-verify", "REFUSED: host 127.0.0.1 is not in the certificate", "127.0.0.1",
                                SslPolicy.fullVerify(TrustSource.pemFile(caFile)), false,
                                "sslmode=verify-full sslrootcert=" + caFile));
                List<Map<String, DriverResult>> results = new ArrayList<>();
                for (Case c : cases) {
                    ConnectionSettings s = PgSsl.settings("host=" + c.host() + " port=" + port + " user="
                            + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.TRUST_DB, PgEnvironment.empty());
                    Map<String, DriverResult> row = new LinkedHashMap<>();
                    for (DriverKind d : drivers) {
                        progress.step(c.strategy() + " (" + c.description() + ") through " + d.id());
                        row.put(d.id(), d.connect(s, c.policy(), timeout));
                    }
                    results.add(row);
                }
                progress.step("probing the server under full-verify");
                ConnectionSettings probeSettings = PgSsl.settings("host=" + SERVER_NAME + " port=" + port,
                        PgEnvironment.empty());
                ProbeReport probe = new Probe(timeout, Progress.none()).run(Target.of(probeSettings),
                        SslPolicy.fullVerify(TrustSource.pemFile(caFile)));
                boolean ok = true;
                for (int i = 0; i < cases.size(); i++) {
                    for (DriverResult r : results.get(i).values()) {
                        ok &= r.connected() == cases.get(i).expectConnect();
                    }
                }
                long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
                if (json) {
                    out.print(Json.write(json(pg, cases, results, probe, ok, seconds)) + "\n");
                } else {
                    out.print(text(pg, caFile, cases, results, probe, ok, seconds));
                }
                return ok ? DoctorCommand.OK : DoctorCommand.FAILED;
            }
        } catch (RuntimeException e) {
            err.println("pgssl-doctor: the demo could not run: " + Hints.safeMessage(e));
            return DoctorCommand.FAILED;
        } finally {
            deleteQuietly(dir);
        }
    }

    private Map<String, Object> json(PostgresServer pg, List<Case> cases, List<Map<String, DriverResult>> results,
                                     ProbeReport probe, boolean ok, long seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("host", PostgresServer.HOST);
        server.put("port", pg.port());
        server.put("postgres_major_version", pg.majorVersion());
        server.put("certificate_names", List.of(SERVER_NAME));
        m.put("server", server);
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("strategy", c.strategy());
            row.put("case", c.description());
            row.put("host", c.host());
            row.put("expect", c.expectConnect() ? "connect" : "refuse");
            row.put("libpq_equivalent", c.libpqEquivalent());
            Map<String, Object> d = new LinkedHashMap<>();
            boolean asExpected = true;
            for (Map.Entry<String, DriverResult> e : results.get(i).entrySet()) {
                d.put(e.getKey(), e.getValue().json());
                asExpected &= e.getValue().connected() == c.expectConnect();
            }
            row.put("as_expected", asExpected);
            row.put("drivers", d);
            rows.add(row);
        }
        m.put("cases", rows);
        m.put("probe", probe.json());
        m.put("seconds", seconds);
        m.put("ok", ok);
        return m;
    }

    private String text(PostgresServer pg, Path caFile, List<Case> cases, List<Map<String, DriverResult>> results,
                        ProbeReport probe, boolean ok, long seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("pgssl doctor demo: embedded PostgreSQL ").append(pg.majorVersion()).append(" with TLS on 127.0.0.1:")
                .append(pg.port()).append('\n');
        sb.append("  CA generated for this run: ").append(caFile).append('\n');
        sb.append("  server certificate: CN=").append(SERVER_NAME).append(", SAN DNS:").append(SERVER_NAME)
                .append(", issued by the demo CA\n\n");
        List<String> driverIds = results.isEmpty() ? List.of() : List.copyOf(results.get(0).keySet());
        StringBuilder header = new StringBuilder(String.format("%-12s %-50s %-8s", "strategy", "case", "expect"));
        for (String d : driverIds) {
            header.append(String.format(" %-16s", d));
        }
        sb.append(header.toString().stripTrailing()).append('\n');
        sb.append("-".repeat(header.length())).append('\n');
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            StringBuilder line = new StringBuilder(String.format("%-12s %-50s %-8s", c.strategy(), c.description(),
                    c.expectConnect() ? "connect" : "refuse"));
            for (DriverResult r : results.get(i).values()) {
                String cell;
                if (r.connected()) {
                    cell = "OK " + (Boolean.TRUE.equals(r.ssl()) ? Report.nz(r.tlsVersion()) : "plaintext");
                } else {
                    cell = "refused";
                }
                boolean as = r.connected() == c.expectConnect();
                line.append(String.format(" %-16s", cell + (as ? "" : " (!)")));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append("\nWhy the refused cases were refused (first driver's error, and the doctor's hint):\n");
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).expectConnect()) {
                continue;
            }
            DriverResult first = results.get(i).values().stream().filter(r -> !r.connected()).findFirst().orElse(null);
            if (first == null) {
                continue;
            }
            sb.append("  ").append(cases.get(i).strategy()).append(", ").append(cases.get(i).description()).append('\n');
            sb.append("    error (").append(first.driver()).append("): ").append(first.error()).append('\n');
            sb.append("    hint: ").append(first.hint()).append('\n');
        }
        sb.append("\nThe same strategies as libpq connection strings (what psql would do; the server and these files"
                + " are removed when the demo ends):\n");
        for (Case c : cases) {
            sb.append(String.format("  %-12s host=%s port=%d user=%s dbname=%s %s%n", c.strategy(), c.host(), pg.port(),
                    ServerPresets.TRUST_USER, ServerPresets.TRUST_DB, c.libpqEquivalent()));
        }
        sb.append("\nProbe under full-verify (what the server presents):\n");
        for (Step s : probe.steps) {
            String[] lines = s.detail().split("\n");
            sb.append(String.format("  [%-4s] %-10s %s%n", s.status(), s.name(), lines[0]));
            for (int j = 1; j < lines.length; j++) {
                sb.append(String.format("  %6s %-10s %s%n", "", "", lines[j]));
            }
        }
        sb.append('\n').append(ok ? "Result: every driver behaved as expected under every strategy"
                : "Result: some cells differ from the expectation (marked (!))").append(" (").append(seconds).append(" s).\n");
        sb.append("Next: java -jar pgssl-doctor.jar --explain '<your connection string>', then without --explain to probe it.\n");
        return sb.toString();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
