package io.github.pgssl.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgssl.PgSsl;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslNegotiation;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.SslPolicy.Fallback;
import io.github.pgssl.TlsEngine;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TlsVerificationException;
import io.github.pgssl.TlsVerificationException.Reason;
import io.github.pgssl.TlsVersion;
import io.github.pgssl.TrustSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-JVM handshakes against an SSLServerSocket on 127.0.0.1, with certificates generated per run. */
class HandshakeTest {
    static final String HOST = "db.pgssl.test";

    @TempDir
    static Path dir;

    static TestPki.Held root;
    static TestPki.Held inter;
    static TestPki.Held leaf;
    static TestPki.Held otherRoot;
    static TestTlsServer good;
    static Path rootFile;
    static Path interOnlyFile;
    static Path otherRootFile;

    @BeforeAll
    static void pki() throws Exception {
        root = TestPki.ca("Root CA").selfSigned();
        inter = TestPki.ca("Intermediate CA").signedBy(root);
        leaf = TestPki.leaf(HOST).dns(HOST).signedBy(inter);
        otherRoot = TestPki.ca("Unrelated Root").selfSigned();
        good = new TestTlsServer(leaf, null, false);
        rootFile = root.writePem(dir.resolve("root.crt"));
        interOnlyFile = inter.writePem(dir.resolve("inter-only.crt"));
        otherRootFile = otherRoot.writePem(dir.resolve("other.crt"));
    }

    @AfterAll
    static void stop() throws IOException {
        good.close();
    }

    /** The engine under test; {@link ConscryptHandshakeTest} runs every handshake here again with Conscrypt. */
    static TlsEngine engine = TlsEngine.JDK;

    static TlsOptions opts() {
        return TlsOptions.defaults().withEngine(engine);
    }

    static SslPolicy verifyCa(Path caFile) {
        return new SslPolicy.VerifyCa(opts().withTrust(TrustSource.pemFile(caFile)), Fallback.NONE, "test");
    }

    static SslPolicy verifyFull(Path caFile) {
        return new SslPolicy.VerifyFull(opts().withTrust(TrustSource.pemFile(caFile)), Fallback.NONE, "test");
    }

    static TlsVerificationException refused(TestTlsServer server, SslPolicy policy, String host) {
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> server.handshake(PgSsl.material(policy), host));
        TlsVerificationException v = TlsVerificationException.findIn(e);
        assertNotNull(v, "no TlsVerificationException in the cause chain of " + e);
        return v;
    }

    @Test
    void verifyCaWhenChainReachesRootThenHandshakeSucceeds() throws Exception {
        assertEquals("TLSv1.3", good.handshake(PgSsl.material(verifyCa(rootFile)), "any-name.test"));
    }

    @Test
    void verifyFullWhenHostIsNamedThenHandshakeSucceeds() throws Exception {
        assertEquals("TLSv1.3", good.handshake(PgSsl.material(verifyFull(rootFile)), HOST));
    }

    @Test
    void verifyFullWhenHostDiffersThenLibpqHostnameMessage() {
        TlsVerificationException v = refused(good, verifyFull(rootFile), "wronghost.test");
        assertEquals(Reason.HOSTNAME_MISMATCH, v.reason());
        assertEquals("server certificate for \"" + HOST + "\" does not match host name \"wronghost.test\"",
                v.getMessage());
    }

    @Test
    void verifyCaWhenRootFileHoldsOnlyTheIntermediateThenUntrusted() {
        TlsVerificationException v = refused(good, verifyCa(interOnlyFile), HOST);
        assertEquals(Reason.UNTRUSTED, v.reason());
        assertEquals("certificate verify failed: unable to get local issuer certificate: server certificate \"CN=" + HOST
                + ",O=pgssl-test\" does not chain to a self-signed CA in sslrootcert \"" + interOnlyFile
                + "\" (the chain ends at issuer \"CN=Root CA,O=pgssl-test\")", v.getMessage());
    }

    @Test
    void verifyCaWhenCaIsUnrelatedThenUntrusted() {
        TlsVerificationException v = refused(good, verifyCa(otherRootFile), HOST);
        assertEquals(Reason.UNTRUSTED, v.reason());
        assertEquals("certificate verify failed: unable to get local issuer certificate: server certificate \"CN=" + HOST
                + ",O=pgssl-test\" does not chain to a self-signed CA in sslrootcert \"" + otherRootFile
                + "\" (the chain ends at issuer \"CN=Root CA,O=pgssl-test\")", v.getMessage());
    }

    @Test
    void verifyCaWhenRootFileHasUnrelatedCaFirstThenOrderDoesNotMatter() throws Exception {
        Path bundle = dir.resolve("bundle.crt");
        Files.writeString(bundle, otherRoot.pem() + inter.pem() + root.pem());
        assertEquals("TLSv1.3", good.handshake(PgSsl.material(verifyCa(bundle)), HOST));
    }

    @Test
    void verifyCaWhenLeafExpiredThenExpiredMessage() throws Exception {
        Instant to = Instant.parse("2021-01-01T00:00:00Z");
        TestPki.Held expired = TestPki.leaf("expired.test").dns("expired.test")
                .validity(Instant.parse("2020-01-01T00:00:00Z"), to).signedBy(inter);
        try (TestTlsServer s = new TestTlsServer(expired, null, false)) {
            TlsVerificationException v = refused(s, verifyCa(rootFile), "expired.test");
            assertEquals(Reason.EXPIRED, v.reason());
            assertEquals("certificate verify failed: certificate has expired: \"CN=expired.test,O=pgssl-test\" was valid until "
                    + "2021-01-01T00:00:00Z", v.getMessage());
        }
    }

    @Test
    void verifyCaWhenLeafNotYetValidThenNotYetValidMessage() throws Exception {
        Instant from = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        TestPki.Held future = TestPki.leaf("future.test").dns("future.test").validity(from, from.plus(Duration.ofDays(30))).signedBy(inter);
        try (TestTlsServer s = new TestTlsServer(future, null, false)) {
            TlsVerificationException v = refused(s, verifyCa(rootFile), "future.test");
            assertEquals(Reason.NOT_YET_VALID, v.reason());
            assertEquals("certificate verify failed: certificate is not yet valid: \"CN=future.test,O=pgssl-test\" is valid from " + from,
                    v.getMessage());
        }
    }

    @Test
    void verifyCaWhenLeafRevokedInCrlThenRevokedMessage() throws Exception {
        TestPki.Held revoked = TestPki.leaf("revoked.test").dns("revoked.test").signedBy(inter);
        Path crl = dir.resolve("root+server.crl");
        Files.writeString(crl, TestPki.pemObject(TestPki.crl(root)) + TestPki.pemObject(TestPki.crl(inter, revoked.certificate())));
        try (TestTlsServer s = new TestTlsServer(revoked, null, false)) {
            SslPolicy withCrl = new SslPolicy.VerifyCa(opts().withTrust(TrustSource.pemFile(rootFile)).withCrlFile(crl),
                    Fallback.NONE, "test");
            TlsVerificationException v = refused(s, withCrl, "revoked.test");
            assertEquals(Reason.REVOKED, v.reason());
            assertEquals("certificate verify failed: certificate revoked: \"CN=revoked.test,O=pgssl-test\" (serial "
                    + revoked.certificate().getSerialNumber().toString(16) + ") is listed in a CRL from sslcrl/sslcrldir", v.getMessage());
            // the same chain without the CRL connects (spec S8b)
            assertEquals("TLSv1.3", s.handshake(PgSsl.material(verifyCa(rootFile)), "revoked.test"));
        }
    }

    @Test
    void verifyCaWhenCrlCoversOnlyTheLeafIssuerThenEveryCaNeedsACrl() {
        Path crl = dir.resolve("server-only.crl");
        try {
            Files.writeString(crl, TestPki.pemObject(TestPki.crl(inter)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        SslPolicy p = new SslPolicy.VerifyCa(opts().withTrust(TrustSource.pemFile(rootFile)).withCrlFile(crl),
                Fallback.NONE, "test");
        TlsVerificationException v = refused(good, p, HOST);
        assertEquals(Reason.REVOCATION_UNKNOWN, v.reason());
        assertEquals("certificate verify failed: unable to get certificate CRL: no CRL from \"CN=Root CA,O=pgssl-test\" for "
                + "\"CN=Intermediate CA,O=pgssl-test\" in sslcrl/sslcrldir; with sslcrl or sslcrldir set, every CA of the chain needs a CRL",
                v.getMessage());
    }

    @Test
    void verifyCaWhenCrlFileIsMissingThenItIsIgnored() throws Exception {
        SslPolicy p = new SslPolicy.VerifyCa(opts().withTrust(TrustSource.pemFile(rootFile))
                .withCrlFile(dir.resolve("invalid")), Fallback.NONE, "test");
        assertEquals("TLSv1.3", good.handshake(PgSsl.material(p), HOST));
    }

    @Test
    void noVerifyWhenCaIsUnknownThenHandshakeSucceedsAndWarnsOncePerPolicy() throws Exception {
        Logger jul = Logger.getLogger("io.github.pgssl.tls");
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel() == Level.WARNING) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        try {
            SslPolicy p = new SslPolicy.NoVerify(TlsOptions.defaults().withSni(false), Fallback.NONE, "no-verify-once");
            assertEquals("TLSv1.3", good.handshake(PgSsl.material(p), "whatever"));
            assertEquals("TLSv1.3", good.handshake(PgSsl.material(p), "whatever"));
            assertSame(PgSsl.material(p), PgSsl.material(new SslPolicy.NoVerify(TlsOptions.defaults().withSni(false), Fallback.NONE,
                    "no-verify-once")));
            assertEquals(List.of("pgssl: TLS policy \"no-verify-once\" does not authenticate the server: connections are encrypted "
                    + "but an active attacker can impersonate the server; set sslrootcert and sslmode=verify-full to authenticate it"), warnings);
        } finally {
            jul.removeHandler(h);
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void pinnedWhenLeafFingerprintIsPinnedThenHandshakeSucceeds() throws Exception {
        String certPin = HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                MessageDigest.getInstance("SHA-256").digest(leaf.certificate().getEncoded()));
        assertEquals("TLSv1.3", good.handshake(PgSsl.material(SslPolicy.pinned(List.of(certPin))), "127.0.0.1"));
        String keyPin = sha256(leaf.certificate().getPublicKey().getEncoded());
        assertEquals("TLSv1.3", good.handshake(PgSsl.material(SslPolicy.pinned(List.of("00".repeat(32), keyPin))), "127.0.0.1"));
    }

    @Test
    void pinnedWhenFingerprintDiffersThenPinMismatchMessage() throws Exception {
        TlsVerificationException v = refused(good, SslPolicy.pinned(List.of("ab".repeat(32))), "127.0.0.1");
        assertEquals(Reason.PIN_MISMATCH, v.reason());
        assertEquals("certificate verify failed: server certificate \"CN=" + HOST + ",O=pgssl-test\" matches no pinned SHA-256 "
                + "fingerprint (certificate " + sha256(leaf.certificate().getEncoded()) + ", public key "
                + sha256(leaf.certificate().getPublicKey().getEncoded()) + "); update pgssl.pin", v.getMessage());
    }

    @Test
    void sniWhenHostIsDnsNameThenSentAndWhenIpOrSslsniOffThenNot() throws Exception {
        SslPolicy p = verifyCa(rootFile);
        good.sniSeen.clear();
        good.handshake(PgSsl.material(p), "localhost");
        good.handshake(PgSsl.material(p), "127.0.0.1");
        good.handshake(PgSsl.material(p), "::1");
        SslPolicy off = new SslPolicy.VerifyCa(opts().withTrust(TrustSource.pemFile(rootFile)).withSni(false),
                Fallback.NONE, "test");
        good.handshake(PgSsl.material(off), "localhost");
        waitFor(() -> good.sniSeen.size() == 4);
        assertEquals(List.of("localhost", "", "", ""), good.sniSeen);
    }

    @Test
    void maxVersionWhenTls12ThenNegotiatesTls12() throws Exception {
        SslPolicy p = new SslPolicy.VerifyCa(opts().withTrust(TrustSource.pemFile(rootFile))
                .withMaxVersion(TlsVersion.TLS_1_2), Fallback.NONE, "test");
        assertEquals("TLSv1.2", good.handshake(PgSsl.material(p), HOST));
    }

    @Test
    void directNegotiationWhenServerSelectsAlpnThenSucceedsElseLibpqMessage() throws Exception {
        SslPolicy p = new SslPolicy.VerifyFull(opts().withTrust(TrustSource.pemFile(rootFile))
                .withNegotiation(SslNegotiation.DIRECT), Fallback.NONE, "test");
        try (TestTlsServer alpn = new TestTlsServer(leaf, null, true)) {
            assertEquals("TLSv1.3", alpn.handshake(PgSsl.material(p), HOST));
        }
        TlsVerificationException v = refused(good, p, HOST);
        assertEquals(Reason.ALPN_MISSING, v.reason());
        assertEquals("direct SSL connection was established without ALPN protocol negotiation extension", v.getMessage());
    }

    @Test
    void materialWhenPolicyDisabledThenConfigurationError() {
        SslConfigurationException e = assertThrows(SslConfigurationException.class, () -> PgSsl.material(SslPolicy.disabled()));
        assertEquals("sslmode=disable uses no TLS, so it has no TLS material; check policy.tls() before asking for material, "
                + "or use a TLS sslmode", e.getMessage());
    }

    @Test
    void materialWhenSamePolicyThenSameInstanceAndContext() {
        TlsMaterial a = PgSsl.material(verifyCa(rootFile));
        TlsMaterial b = PgSsl.material(verifyCa(rootFile));
        assertSame(a, b);
        assertSame(a.sslContext(), b.sslContext());
        assertEquals(null, a.sslParameters(HOST).getEndpointIdentificationAlgorithm());
    }

    @Test
    void systemTrustWhenJdkStoreThenPrivateCaRefusedWithStoreNamed() {
        TlsVerificationException v = refused(good, SslPolicy.fullVerify(TrustSource.system()), HOST);
        assertEquals(Reason.UNTRUSTED, v.reason());
        assertEquals("certificate verify failed: unable to get local issuer certificate: server certificate \"CN=" + HOST
                + ",O=pgssl-test\" does not chain to a self-signed CA in the system trust store (the chain ends at issuer "
                + "\"CN=Root CA,O=pgssl-test\")", v.getMessage());
    }

    @Test
    void systemTrustWhenSslCertFileOrDirSetThenTheyAreTheAnchors() throws Exception {
        io.github.pgssl.PgEnvironment file = io.github.pgssl.PgEnvironment.of(java.util.Map.of("SSL_CERT_FILE", rootFile.toString()), null);
        assertEquals("TLSv1.3", good.handshake(PgSsl.material(SslPolicy.fullVerify(TrustSource.system(file))), HOST));
        Path certDir = Files.createDirectories(dir.resolve("certdir"));
        root.writePem(certDir.resolve("3a1b2c4d.0"));
        Files.writeString(certDir.resolve("README"), "not a certificate");
        io.github.pgssl.PgEnvironment d = io.github.pgssl.PgEnvironment.of(java.util.Map.of("SSL_CERT_DIR", "/nonexistent:" + certDir), null);
        assertEquals("TLSv1.3", good.handshake(PgSsl.material(SslPolicy.fullVerify(TrustSource.system(d))), HOST));
    }

    @Test
    void keyStoreAndPemTextTrustWhenTheyHoldTheRootThenVerify() throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("root", root.certificate());
        Path p12 = dir.resolve("trust.p12");
        try (var out = Files.newOutputStream(p12)) {
            ks.store(out, "changeit".toCharArray());
        }
        SslPolicy fromStore = SslPolicy.fullVerify(TrustSource.keyStore(p12, "PKCS12", io.github.pgssl.Secret.of("changeit")));
        assertEquals("TLSv1.3", good.handshake(PgSsl.material(fromStore), HOST));
        assertEquals("TLSv1.3", good.handshake(PgSsl.material(SslPolicy.fullVerify(TrustSource.pemText(root.pem()))), HOST));
    }

    @Test
    void crlDirectoryWhenItHoldsEveryCaCrlThenRevocationChecked() throws Exception {
        TestPki.Held revoked = TestPki.leaf("revoked-dir.test").dns("revoked-dir.test").signedBy(inter);
        Path crlDir = Files.createDirectories(dir.resolve("crldir"));
        Files.writeString(crlDir.resolve("a1.r0"), TestPki.pemObject(TestPki.crl(root)));
        Files.write(crlDir.resolve("b2.r0"), TestPki.crl(inter, revoked.certificate()).getEncoded()); // DER
        Files.writeString(crlDir.resolve("notes.txt"), "ignored");
        SslPolicy p = new SslPolicy.VerifyCa(opts().withTrust(TrustSource.pemFile(rootFile)).withCrlDirectory(crlDir),
                Fallback.NONE, "test");
        assertEquals("TLSv1.3", good.handshake(PgSsl.material(p), HOST));
        try (TestTlsServer s = new TestTlsServer(revoked, null, false)) {
            assertEquals(Reason.REVOKED, refused(s, p, "revoked-dir.test").reason());
        }
    }

    @Test
    void rootFileWhenDerOrLargeBundleThenReadByContent() throws Exception {
        Path der = Files.write(dir.resolve("root-der.pem"), root.certificate().getEncoded()); // DER despite the name
        assertEquals("TLSv1.3", good.handshake(PgSsl.material(verifyFull(der)), HOST));
        StringBuilder bundle = new StringBuilder("# a bundle like the one AWS RDS ships, the right root last\n");
        java.security.KeyPair kp = TestPki.ecKeys();
        for (int i = 0; i < 119; i++) {
            bundle.append("subject=CN=Other ").append(i).append('\n').append(TestPki.ca("Other Root " + i).keys(kp).selfSigned().pem());
        }
        bundle.append(root.pem());
        Path big = Files.writeString(dir.resolve("big-bundle.pem"), bundle.toString());
        assertEquals("TLSv1.3", good.handshake(PgSsl.material(verifyFull(big)), HOST));
    }

    static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 100 && !c.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
    }
}
