package io.github.pgssl.testkit.pki;

import java.nio.file.Path;
import java.util.List;

/**
 * The standard test PKI of the pgssl conformance suite, modelled on PostgreSQL's own SSL test suite:
 * {@code root CA -> intermediate CA -> server leaf} plus a client certificate, an unrelated root, and
 * expired and revoked server leaves with a CRL per CA.
 *
 * <p>All keys are EC P-256 except {@link #clientRsa()} (RSA-2048, for PKCS#1 key files).
 * Generation takes well under a second.
 */
public final class TestPki {
    /** The server name in the server certificates' CN and dNSName SAN. */
    public static final String SERVER_NAME = "common-name.pg-ssltest.test";
    /** A host name that no test server certificate names. */
    public static final String WRONG_HOST = "wronghost.test";
    /** The CN of the client certificates: also a PostgreSQL user of the test server, for {@code cert} auth. */
    public static final String CLIENT_NAME = "ssltestuser";

    private final TestCertificate root;
    private final TestCertificate intermediate;
    private final TestCertificate server;
    private final TestCertificate expiredServer;
    private final TestCertificate revokedServer;
    private final TestCertificate client;
    private final TestCertificate clientRsa;
    private final TestCertificate unrelatedRoot;
    private final TestCrl rootCrl;
    private final TestCrl intermediateCrl;

    private TestPki(boolean withRsaClient) {
        root = TestCertificate.builder().commonName("pgssl test root CA").certificateAuthority(1).build();
        intermediate = TestCertificate.builder().commonName("pgssl test server CA").certificateAuthority(0)
                .signedBy(root).build();
        server = serverLeaf().build();
        expiredServer = serverLeaf().expired().build();
        revokedServer = serverLeaf().build();
        client = TestCertificate.builder().commonName(CLIENT_NAME).signedBy(root).build();
        clientRsa = withRsaClient
                ? TestCertificate.builder().commonName(CLIENT_NAME).rsa2048().signedBy(root).build()
                : null;
        unrelatedRoot = TestCertificate.builder().commonName("pgssl unrelated root CA").certificateAuthority(1).build();
        rootCrl = root.crl(List.of());
        intermediateCrl = intermediate.crl(revokedServer);
    }

    private TestCertificate.Builder serverLeaf() {
        return TestCertificate.builder().commonName(SERVER_NAME).dnsName(SERVER_NAME).signedBy(intermediate);
    }

    /** {@return a newly generated whole set, including the RSA client certificate} */
    public static TestPki generate() {
        return new TestPki(true);
    }

    /** {@return a newly generated set without the RSA client certificate (faster); {@link #clientRsa()} then throws} */
    public static TestPki generateEcOnly() {
        return new TestPki(false);
    }

    /** {@return the self-signed root CA (what {@code sslrootcert} should name)} */
    public TestCertificate root() {
        return root;
    }

    /** {@return the intermediate CA that signs the server leaves; alone it is not a valid {@code sslrootcert}} */
    public TestCertificate intermediate() {
        return intermediate;
    }

    /** {@return the server leaf for {@link #SERVER_NAME}, signed by the intermediate} */
    public TestCertificate server() {
        return server;
    }

    /** {@return a server leaf for {@link #SERVER_NAME} that expired yesterday} */
    public TestCertificate expiredServer() {
        return expiredServer;
    }

    /** {@return a server leaf for {@link #SERVER_NAME} that {@link #intermediateCrl()} revokes} */
    public TestCertificate revokedServer() {
        return revokedServer;
    }

    /** {@return the EC client certificate, CN {@link #CLIENT_NAME}, signed by the root} */
    public TestCertificate client() {
        return client;
    }

    /** {@return the RSA-2048 client certificate, CN {@link #CLIENT_NAME}, signed by the root} */
    public TestCertificate clientRsa() {
        if (clientRsa == null) {
            throw new IllegalStateException("this TestPki was generated without the RSA client; use TestPki.generate()");
        }
        return clientRsa;
    }

    /** {@return a self-signed root that signed nothing here: an untrusted CA for every server} */
    public TestCertificate unrelatedRoot() {
        return unrelatedRoot;
    }

    /**
     * Writes libpq's default client files under {@code home}: {@code .postgresql/root.crt} (the root),
     * {@code postgresql.crt} and {@code postgresql.key} (the EC client, SEC1 PEM, 0600) and
     * {@code root.crl} (both CRLs), so a connection string without ssl file settings finds them.
     *
     * @param home the client's home directory (what {@code HOME} names for libpq)
     * @return the {@code .postgresql} directory
     */
    public Path writeLibpqDefaults(Path home) {
        Path dir = home.resolve(".postgresql");
        root.writeCertificatePem(dir.resolve("root.crt"));
        client.writeChainPem(dir.resolve("postgresql.crt"));
        client.writeKey(dir.resolve("postgresql.key"), KeyFormat.SEC1_PEM);
        TestCrl.writePem(dir.resolve("root.crl"), List.of(rootCrl, intermediateCrl));
        return dir;
    }

    /** {@return the root's CRL (revokes nothing)} */
    public TestCrl rootCrl() {
        return rootCrl;
    }

    /** {@return the intermediate's CRL, revoking {@link #revokedServer()}} */
    public TestCrl intermediateCrl() {
        return intermediateCrl;
    }
}
