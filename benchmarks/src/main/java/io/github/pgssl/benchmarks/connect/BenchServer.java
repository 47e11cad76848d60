package io.github.pgssl.benchmarks.connect;

import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The server of a benchmark run: a pgssl-testkit PostgreSQL on 127.0.0.1 presenting an RSA-2048
 * leaf for {@code localhost}/{@code 127.0.0.1} with its intermediate (the shape the figures in
 * performance.md were taken with), plus the two trust files: the root alone, and a 120-certificate
 * bundle shaped like AWS RDS's (119 unrelated self-signed RSA-2048 roots and the real root, in a
 * shuffled order; the unrelated roots share one key pair, each has its own name and serial).
 *
 * <p>Clients log in as the testkit's trusted user, so the figures hold connection and TLS setup,
 * not password hashing (SCRAM would add the same cost to every path).
 */
final class BenchServer implements AutoCloseable {
    static final int UNRELATED_ROOTS = 119;
    private static final long SHUFFLE_SEED = 20261127L;

    private final PostgresServer server;
    private final Target target;

    private BenchServer(PostgresServer server, Target target) {
        this.server = server;
        this.target = target;
    }

    static BenchServer start(Path dir) throws IOException {
        return start(dir, io.github.pgssl.testkit.pki.KeyAlgorithm.RSA_2048);
    }

    /** As {@link #start(Path)}, the server's leaf key of {@code leafKey} (its CAs stay RSA-2048). */
    static BenchServer start(Path dir, io.github.pgssl.testkit.pki.KeyAlgorithm leafKey) throws IOException {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        TestCertificate root = TestCertificate.builder().commonName("pgssl benchmark root CA").rsa2048()
                .certificateAuthority(1).build();
        TestCertificate intermediate = TestCertificate.builder().commonName("pgssl benchmark server CA").rsa2048()
                .certificateAuthority(0).signedBy(root).build();
        TestCertificate leaf = TestCertificate.builder().commonName("localhost").dnsName("localhost")
                .ipAddress(PostgresServer.HOST).keyAlgorithm(leafKey).signedBy(intermediate).build();
        // The unrelated roots share one RSA-2048 key pair: a parser reads each certificate in full
        // either way, and 119 key generations would take a minute on this 2-core machine.
        List<TestCertificate> bundle = new ArrayList<>();
        TestCertificate first = TestCertificate.builder().commonName("unrelated benchmark root 1").rsa2048()
                .certificateAuthority(1).build();
        bundle.add(first);
        for (int i = 2; i <= UNRELATED_ROOTS; i++) {
            bundle.add(TestCertificate.builder().commonName("unrelated benchmark root " + i).rsa2048()
                    .keyPair(first.keyPair()).certificateAuthority(1).build());
        }
        bundle.add(root);
        Collections.shuffle(bundle, new Random(SHUFFLE_SEED));
        Path rootFile = root.writeCertificatePem(dir.resolve("root.pem"));
        Path bundleFile = TestCertificate.writeBundlePem(dir.resolve("bundle-120.pem"), bundle);
        System.err.printf("PKI: root, intermediate, leaf and %d unrelated roots in %.1f s%n", UNRELATED_ROOTS,
                (System.nanoTime() - t0) / 1e9);
        PostgresServer server = PostgresServer.builder()
                .tls(ServerTls.of(leaf))
                .setting("max_connections", "80")
                .setting("log_connections", "off")
                .start();
        Target target = new Target(server.host(), server.port(), ServerPresets.TRUST_DB, ServerPresets.TRUST_USER, "",
                rootFile, bundleFile);
        return new BenchServer(server, target);
    }

    Target target() {
        return target;
    }

    String tlsDescription() {
        return "RSA-2048 leaf (SAN localhost, 127.0.0.1) sent with its RSA-2048 intermediate, RSA-2048 root; "
                + "ssl_min_protocol_version " + server.tls().minProtocolVersion() + "; trust authentication (user "
                + target.user() + ", database " + target.database() + ")";
    }

    @Override
    public void close() {
        server.close();
    }
}
