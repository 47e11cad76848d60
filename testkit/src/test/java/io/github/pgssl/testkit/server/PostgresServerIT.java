package io.github.pgssl.testkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.testkit.pki.KeyFormat;
import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Self-tests of the throwaway server, checked with pgjdbc (a test-only dependency). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresServerIT {
    private TestPki pki;
    private PostgresServer server;
    private Path dir;
    private Path root;
    private Path clientCert;
    private Path clientKey;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("pgssl-server-it-");
        pki = TestPki.generateEcOnly();
        server = PostgresServer.builder().tls(ServerTls.of(pki.server()).withClientCas(pki.root())).start();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        PostgresBinaries.deleteTree(dir);
    }

    private void files() {
        if (root == null) {
            root = pki.root().writeCertificatePem(dir.resolve("root.crt"));
            clientCert = pki.client().writeCertificatePem(dir.resolve("client.crt"));
            clientKey = pki.client().writeKey(dir.resolve("client.pk8"), KeyFormat.PKCS8_DER);
        }
    }

    /** Connects with pgjdbc and returns "ssl" or "plain", or throws. */
    private String connect(PostgresServer s, String db, String user, String password, String sslmode, boolean clientCertificate)
            throws SQLException {
        files();
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("sslmode", sslmode);
        p.setProperty("gssEncMode", "disable");
        p.setProperty("connectTimeout", "10");
        if (sslmode.startsWith("verify")) {
            p.setProperty("sslrootcert", root.toString());
        }
        if (clientCertificate) {
            p.setProperty("sslcert", clientCert.toString());
            p.setProperty("sslkey", clientKey.toString());
        } else {
            p.setProperty("sslcert", dir.resolve("none.crt").toString());
        }
        String url = "jdbc:postgresql://" + PostgresServer.HOST + ":" + s.port() + "/" + db;
        try (Connection c = DriverManager.getConnection(url, p);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
            rs.next();
            return rs.getBoolean(1) ? "ssl" : "plain";
        }
    }

    private String connect(String db, String sslmode) throws SQLException {
        return connect(server, db, ServerPresets.TRUST_USER, null, sslmode, false);
    }

    private static void assertRejected(String expectedFragment, ThrowingCall call) {
        SQLException e = assertThrows(SQLException.class, call::run);
        assertTrue(e.getMessage().contains(expectedFragment), () -> "expected \"" + expectedFragment + "\" in: " + e.getMessage());
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void trustdbWhenPlainOrTlsThenConnects() throws Exception {
        assertEquals("plain", connect(ServerPresets.TRUST_DB, "disable"));
        assertEquals("ssl", connect(ServerPresets.TRUST_DB, "require"));
        assertEquals("ssl", connect(ServerPresets.TRUST_DB, "verify-ca"));
    }

    @Test
    void ssldbWhenPlainThenRejectedAndWhenTlsThenConnects() throws Exception {
        assertRejected("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"ssltestuser\", database \"ssldb\", no encryption",
                () -> connect(ServerPresets.SSL_DB, "disable"));
        assertEquals("ssl", connect(ServerPresets.SSL_DB, "require"));
    }

    @Test
    void nossldbWhenTlsThenRejectedAndWhenPlainThenConnects() throws Exception {
        assertRejected("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"ssltestuser\", database \"nossldb\", SSL encryption",
                () -> connect(ServerPresets.NOSSL_DB, "require"));
        assertEquals("plain", connect(ServerPresets.NOSSL_DB, "disable"));
    }

    @Test
    void certdbWhenNoClientCertificateThenRejectedAndWithOneThenConnects() throws Exception {
        assertRejected("connection requires a valid client certificate", () -> connect(ServerPresets.CERT_DB, "require"));
        assertRejected("database \"certdb\", no encryption", () -> connect(ServerPresets.CERT_DB, "disable"));
        assertEquals("ssl", connect(server, ServerPresets.CERT_DB, ServerPresets.TRUST_USER, null, "require", true));
        assertRejected("certificate authentication failed for user \"scramuser\"",
                () -> connect(server, ServerPresets.CERT_DB, ServerPresets.SCRAM_USER, ServerPresets.SCRAM_PASSWORD, "require", true));
    }

    @Test
    void verifydbWhenNoClientCertificateThenRejectedAndWithOneThenConnects() throws Exception {
        assertRejected("connection requires a valid client certificate", () -> connect(ServerPresets.VERIFY_DB, "require"));
        assertEquals("ssl", connect(server, ServerPresets.VERIFY_DB, ServerPresets.TRUST_USER, null, "require", true));
    }

    @Test
    void scramUserWhenRightPasswordThenConnectsAndWhenWrongThenRejected() throws Exception {
        assertEquals("ssl", connect(server, ServerPresets.TRUST_DB, ServerPresets.SCRAM_USER, ServerPresets.SCRAM_PASSWORD,
                "require", false));
        assertRejected("password authentication failed for user \"scramuser\"",
                () -> connect(server, ServerPresets.TRUST_DB, ServerPresets.SCRAM_USER, "wrong", "require", false));
    }

    @Test
    void reconfigureTlsWhenNewCertificateThenServedAfterReload() throws Exception {
        TestCertificate before = pki.server();
        assertEquals(before.certificate(), server.servedCertificate());
        TestCertificate other = TestCertificate.builder().commonName("other.test").dnsName("other.test").signedBy(pki.unrelatedRoot())
                .build();
        try {
            server.reconfigureTls(server.tls().withCertificate(other));
            assertEquals(other.certificate(), server.servedCertificate());
            // The root file no longer anchors the chain, so verification now fails.
            assertThrows(SQLException.class, () -> connect(ServerPresets.TRUST_DB, "verify-ca"));
        } finally {
            server.reconfigureTls(server.tls().withCertificate(before));
        }
        assertEquals(before.certificate(), server.servedCertificate());
        assertEquals("ssl", connect(ServerPresets.TRUST_DB, "verify-ca"));
    }

    @Test
    void restartWhenRunningThenSamePortAndConnects() throws Exception {
        int port = server.port();
        server.restart();
        assertEquals(port, server.port());
        assertEquals("ssl", connect(ServerPresets.TRUST_DB, "require"));
        assertTrue(Files.exists(server.socketDirectory().resolve(".s.PGSQL." + port)), "no Unix socket");
    }

    @Test
    void startWhenTlsOffThenPlaintextOnlyAndCloseDeletesEverything() throws Exception {
        Path data;
        try (PostgresServer plain = PostgresServer.builder().start()) {
            data = plain.dataDirectory();
            assertFalse(plain.tlsEnabled());
            assertFalse(TlsProbe.acceptsSslRequest(PostgresServer.HOST, plain.port()));
            assertEquals("plain", connect(plain, ServerPresets.TRUST_DB, ServerPresets.TRUST_USER, null, "disable", false));
            assertNotEquals(server.port(), plain.port());
        }
        assertFalse(Files.exists(data), "data directory left behind");
        assertEquals(List.of(), ProcessLeaks.processesMentioning(data.toString()));
    }

    @Test
    void startWhenServerCrlAndMinVersionThenRevokedClientRejectedAndOldTlsRefused() throws Exception {
        files();
        TestCertificate revoked = TestCertificate.builder().commonName(TestPki.CLIENT_NAME).signedBy(pki.root()).build();
        Path revokedCert = revoked.writeCertificatePem(dir.resolve("revoked.crt"));
        Path revokedKey = revoked.writeKey(dir.resolve("revoked.pk8"), KeyFormat.PKCS8_DER);
        ServerTls tls = ServerTls.of(pki.server()).withClientCas(pki.root()).withCrls(pki.root().crl(revoked));
        try (PostgresServer s = PostgresServer.builder().tls(tls).start()) {
            assertEquals("ssl", connect(s, ServerPresets.CERT_DB, ServerPresets.TRUST_USER, null, "require", true));
            Path savedCert = clientCert;
            Path savedKey = clientKey;
            clientCert = revokedCert;
            clientKey = revokedKey;
            try {
                assertThrows(SQLException.class,
                        () -> connect(s, ServerPresets.CERT_DB, ServerPresets.TRUST_USER, null, "require", true));
            } finally {
                clientCert = savedCert;
                clientKey = savedKey;
            }
            assertEquals("TLSv1.2", TlsProbe.negotiatedProtocol(PostgresServer.HOST, s.port(), "TLSv1.2"));
            s.reconfigureTls(tls.withMinProtocolVersion("TLSv1.3"));
            assertThrows(IllegalStateException.class, () -> TlsProbe.negotiatedProtocol(PostgresServer.HOST, s.port(), "TLSv1.2"));
            assertEquals("TLSv1.3", TlsProbe.negotiatedProtocol(PostgresServer.HOST, s.port(), "TLSv1.3"));
        }
    }

    @Test
    void directTlsWhenPostgres17ThenAlpnPostgresqlNegotiated() {
        org.junit.jupiter.api.Assumptions.assumeTrue(server.majorVersion() >= 17, "direct SSL needs PostgreSQL 17");
        assertEquals("postgresql", TlsProbe.directAlpn(PostgresServer.HOST, server.port()));
    }

    @Test
    void startWhenTemplateCachedThenMedianUnderThreeSeconds() {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            PostgresServer s = PostgresServer.builder().tls(ServerTls.of(pki.server())).start();
            millis.add((System.nanoTime() - t0) / 1_000_000);
            s.close();
        }
        Collections.sort(millis);
        System.out.println("server start times (ms, sorted): " + millis + ", median " + millis.get(2));
        assertTrue(millis.get(2) < 3000, "median start " + millis.get(2) + " ms");
    }
}
