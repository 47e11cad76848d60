package io.github.pgssl.reliability;

import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/** One scenario's world: a fresh PKI, a TLS testkit server, and a temp directory for the client's files. */
final class Fixture implements AutoCloseable {
    /** Every postmaster PID any fixture ran (checked dead at the end: no postgres left running). */
    static final Set<Long> POSTMASTERS = ConcurrentHashMap.newKeySet();
    private static final String AUTHORIZED = "connection authorized";

    final TestPki pki;
    final Path dir;
    final Path rootFile;
    final PostgresServer server;

    private Fixture(Function<TestPki, ServerTls> tls) throws IOException {
        this.pki = TestPki.generateEcOnly();
        this.dir = Files.createTempDirectory("pgssl-reliability-");
        this.rootFile = dir.resolve("root.crt");
        pki.root().writeCertificatePem(rootFile);
        this.server = PostgresServer.builder().tls(tls.apply(pki)).start();
        recordPostmaster();
    }

    static Fixture start(Function<TestPki, ServerTls> tls) {
        try {
            return new Fixture(tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** verify-full to {@code dbname} through {@code hostaddr}, trusting {@link #rootFile}, plus {@code extra}. */
    String conninfo(String dbname, String extra) {
        return "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port=" + server.port() + " user="
                + ServerPresets.TRUST_USER + " dbname=" + dbname + " sslmode=verify-full sslrootcert=" + rootFile + extra;
    }

    /** The PID of the running postmaster (from {@code postmaster.pid}). */
    long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(server.dataDirectory().resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void recordPostmaster() {
        POSTMASTERS.add(postmasterPid());
    }

    /** The server log's length now: a mark for {@link #authorizedSince}. */
    int logMark() {
        return server.log().length();
    }

    /**
     * Connections received after the mark that the server then authorized ({@code log_connections}
     * lines, matched by backend PID, so a connection accepted before the mark but authorized after
     * it does not count).
     */
    int authorizedSince(int mark) {
        return count(since(mark), false);
    }

    /** Of those, the ones that were not TLS ("SSL enabled" missing from the line). */
    int plaintextSince(int mark) {
        return count(since(mark), true);
    }

    private String since(int mark) {
        String log = server.log();
        return log.substring(Math.min(mark, log.length()));
    }

    private static final java.util.regex.Pattern PID = java.util.regex.Pattern.compile("\\[(\\d+)\\]");

    private static int count(String log, boolean plaintextOnly) {
        Set<String> received = new java.util.HashSet<>();
        int n = 0;
        for (String line : log.split("\n")) {
            java.util.regex.Matcher m = PID.matcher(line);
            String pid = m.find() ? m.group(1) : null;
            if (line.contains("connection received")) {
                received.add(pid);
            } else if (line.contains(AUTHORIZED) && (pid == null || received.contains(pid))
                    && (!plaintextOnly || !line.contains("SSL enabled"))) {
                n++;
            }
        }
        return n;
    }

    /** A server leaf for {@link TestPki#SERVER_NAME} signed by {@code issuer}. */
    static TestCertificate leaf(TestCertificate issuer) {
        return TestCertificate.builder().commonName(TestPki.SERVER_NAME).dnsName(TestPki.SERVER_NAME).signedBy(issuer).build();
    }

    /** A new self-signed root CA. */
    static TestCertificate root(String name) {
        return TestCertificate.builder().commonName(name).certificateAuthority(1).build();
    }

    /** Replaces {@code file} with the certificates in one rename (how a careful rotation writes). */
    static void replaceAtomically(Path file, List<TestCertificate> certificates) {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        TestCertificate.writeBundlePem(tmp, certificates);
        move(tmp, file);
    }

    static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a temp directory.
        }
    }
}
