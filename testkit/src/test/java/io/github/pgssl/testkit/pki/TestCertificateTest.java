package io.github.pgssl.testkit.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TestCertificateTest {
    private static final String PASSWORD = "pa ss:w/rd%";
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static TestCertificate root;
    private static TestCertificate intermediate;
    private static TestCertificate ecLeaf;
    private static TestCertificate rsaLeaf;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        root = TestCertificate.builder().commonName("root").certificateAuthority(1).build();
        intermediate = TestCertificate.builder().commonName("intermediate").certificateAuthority(0).signedBy(root).build();
        ecLeaf = TestCertificate.builder().commonName("ec.example.test").dnsName("ec.example.test").ipAddress("127.0.0.1", "::1")
                .signedBy(intermediate).build();
        rsaLeaf = TestCertificate.builder().commonName("rsa.example.test").rsa2048().signedBy(intermediate).build();
    }

    @Test
    void generateWhenTypicalEcSetThenUnderOneSecond() {
        // Warm once (class loading), then time a typical set: root, intermediate, two leaves, a client.
        typicalSet();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            typicalSet();
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.println("typical EC set generated in " + best / 1_000_000 + " ms (best of 3)");
        assertTrue(best < 1_000_000_000L, "typical set took " + best / 1_000_000 + " ms");
    }

    private static void typicalSet() {
        TestCertificate r = TestCertificate.builder().commonName("r").certificateAuthority(1).build();
        TestCertificate i = TestCertificate.builder().commonName("i").certificateAuthority(0).signedBy(r).build();
        TestCertificate.builder().commonName("a").dnsName("a.test").signedBy(i).build();
        TestCertificate.builder().commonName("b").dnsName("*.b.test").signedBy(i).build();
        TestCertificate.builder().commonName("client").signedBy(r).build();
    }

    @Test
    void chainWhenLeafThenValidatesToRootWithPkix() throws Exception {
        assertEquals(List.of(ecLeaf, intermediate), ecLeaf.chain());
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        var path = cf.generateCertPath(List.of(ecLeaf.certificate(), intermediate.certificate()));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root.certificate(), null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    @Test
    void writeChainPemWhenLeafThenLeafFirstWithoutRoot() throws Exception {
        Path file = ecLeaf.writeChainPem(dir.resolve("chain.pem"));
        Collection<? extends java.security.cert.Certificate> certs;
        try (var in = Files.newInputStream(file)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        assertEquals(List.of(ecLeaf.certificate(), intermediate.certificate()), new ArrayList<>(certs));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void buildWhenSansGivenThenDnsAndIpNamesPresent() throws Exception {
        List<String> names = new ArrayList<>();
        for (List<?> san : ecLeaf.certificate().getSubjectAlternativeNames()) {
            names.add(san.get(0) + ":" + san.get(1));
        }
        assertEquals(List.of("2:ec.example.test", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1"), names);
    }

    @Test
    void buildWhenNoSansThenCommonNameOnly() throws Exception {
        TestCertificate cnOnly = TestCertificate.builder().commonName("cn-only.test").signedBy(intermediate).build();
        assertNull(cnOnly.certificate().getSubjectAlternativeNames());
        assertEquals("CN=cn-only.test,O=pgssl testkit", cnOnly.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void buildWhenExpiredThenCheckValidityFails() {
        TestCertificate expired = TestCertificate.builder().signedBy(intermediate).expired().build();
        assertThrows(CertificateExpiredException.class, () -> expired.certificate().checkValidity());
    }

    @Test
    void buildWhenNotYetValidThenCheckValidityFails() {
        TestCertificate future = TestCertificate.builder().signedBy(intermediate).notYetValid().build();
        assertThrows(CertificateNotYetValidException.class, () -> future.certificate().checkValidity());
    }

    @Test
    void buildWhenIssuerIsNoCaThenRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestCertificate.builder().signedBy(ecLeaf).build());
        assertEquals("issuer \"ec.example.test\" is not a certificate authority; build it with certificateAuthority(n)",
                e.getMessage());
    }

    @Test
    void buildWhenIssuerAllowsNoIntermediatesThenRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestCertificate.builder().certificateAuthority(0).signedBy(intermediate).build());
        assertEquals("issuer \"intermediate\" allows no intermediate CAs; build it with certificateAuthority(1) or more",
                e.getMessage());
    }

    @Test
    void crlWhenRevokingThenListedAndSignedByIssuer() throws Exception {
        TestCertificate other = TestCertificate.builder().signedBy(intermediate).build();
        TestCrl crl = intermediate.crl(ecLeaf);
        assertTrue(crl.revokes(ecLeaf));
        assertFalse(crl.revokes(other));
        crl.crl().verify(intermediate.certificate().getPublicKey());
        Path file = crl.writePem(dir.resolve("i.crl"));
        assertTrue(Files.readString(file).startsWith("-----BEGIN X509 CRL-----"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void crlWhenCertificateFromAnotherIssuerThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> root.crl(ecLeaf));
        assertEquals("certificate \"ec.example.test\" was not issued by \"root\"; a CRL lists only its issuer's certificates",
                e.getMessage());
    }

    @Test
    void crlWhenNotCaThenRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ecLeaf.crl());
        assertEquals("certificate \"ec.example.test\" is not a CA and cannot sign a CRL", e.getMessage());
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("RSA", KeyFormat.PKCS1_PEM, "-----BEGIN RSA PRIVATE KEY-----"),
                Arguments.of("EC", KeyFormat.SEC1_PEM, "-----BEGIN EC PRIVATE KEY-----"),
                Arguments.of("RSA", KeyFormat.PKCS8_PEM, "-----BEGIN PRIVATE KEY-----"),
                Arguments.of("EC", KeyFormat.PKCS8_PEM, "-----BEGIN PRIVATE KEY-----"),
                Arguments.of("RSA", KeyFormat.PKCS8_ENCRYPTED_PEM, "-----BEGIN ENCRYPTED PRIVATE KEY-----"),
                Arguments.of("EC", KeyFormat.PKCS8_ENCRYPTED_PEM, "-----BEGIN ENCRYPTED PRIVATE KEY-----"),
                Arguments.of("RSA", KeyFormat.LEGACY_ENCRYPTED_PEM, "DEK-Info: AES-256-CBC,"),
                Arguments.of("EC", KeyFormat.LEGACY_ENCRYPTED_PEM, "DEK-Info: AES-256-CBC,"),
                Arguments.of("RSA", KeyFormat.TRADITIONAL_DER, null),
                Arguments.of("EC", KeyFormat.TRADITIONAL_DER, null),
                Arguments.of("RSA", KeyFormat.PKCS8_DER, null),
                Arguments.of("EC", KeyFormat.PKCS8_DER, null),
                Arguments.of("RSA", KeyFormat.PKCS12, null),
                Arguments.of("EC", KeyFormat.PKCS12, null));
    }

    @ParameterizedTest(name = "{0} key as {1}")
    @MethodSource("formats")
    void writeKeyWhenFormatThenOwnerOnlyAndReadableBack(String type, KeyFormat format, String marker) throws Exception {
        TestCertificate cert = type.equals("RSA") ? rsaLeaf : ecLeaf;
        Path file = dir.resolve("key-" + format);
        if (format.needsPassword()) {
            cert.writeKey(file, format, PASSWORD);
        } else {
            cert.writeKey(file, format);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        byte[] bytes = Files.readAllBytes(file);
        if (marker != null) {
            assertTrue(new String(bytes, StandardCharsets.US_ASCII).contains(marker), "missing " + marker);
        }
        if (format == KeyFormat.LEGACY_ENCRYPTED_PEM) {
            assertTrue(new String(bytes, StandardCharsets.US_ASCII).contains("Proc-Type: 4,ENCRYPTED"));
        }
        assertSameKey(cert.privateKey(), readBack(cert, format, bytes));
    }

    private static PrivateKey readBack(TestCertificate cert, KeyFormat format, byte[] bytes) throws Exception {
        String alg = cert.algorithm() == KeyAlgorithm.RSA_2048 ? "RSA" : "EC";
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
        switch (format) {
            case PKCS1_PEM:
            case SEC1_PEM:
                try (PEMParser p = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
                    return jdk(converter.getKeyPair((PEMKeyPair) p.readObject()).getPrivate(), alg);
                }
            case PKCS8_PEM: {
                // The JDK alone reads unencrypted PKCS#8 PEM once the armour is stripped.
                String b64 = new String(bytes, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
            }
            case PKCS8_ENCRYPTED_PEM:
                try (PEMParser p = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
                    PKCS8EncryptedPrivateKeyInfo enc = (PKCS8EncryptedPrivateKeyInfo) p.readObject();
                    assertThrows(PKCSException.class, () -> enc.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build("wrong".toCharArray())));
                    PrivateKeyInfo info = enc.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(PASSWORD.toCharArray()));
                    return jdk(converter.getPrivateKey(info), alg);
                }
            case LEGACY_ENCRYPTED_PEM:
                try (PEMParser p = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
                    PEMEncryptedKeyPair enc = (PEMEncryptedKeyPair) p.readObject();
                    PEMKeyPair kp = enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(PASSWORD.toCharArray()));
                    return jdk(converter.getKeyPair(kp).getPrivate(), alg);
                }
            case TRADITIONAL_DER: {
                ASN1Primitive der = ASN1Primitive.fromByteArray(bytes);
                if (alg.equals("RSA")) {
                    RSAPrivateKey k = RSAPrivateKey.getInstance(der);
                    assertEquals(((java.security.interfaces.RSAPrivateKey) cert.privateKey()).getModulus(), k.getModulus());
                } else {
                    ECPrivateKey k = ECPrivateKey.getInstance(der);
                    assertEquals(((java.security.interfaces.ECPrivateKey) cert.privateKey()).getS(), k.getKey());
                    // The curve must be inside the SEC1 structure, or OpenSSL cannot read it alone.
                    assertTrue(k.getParametersObject() != null, "SEC1 key without curve parameters");
                }
                return cert.privateKey();
            }
            case PKCS8_DER:
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(bytes));
            case PKCS12: {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (var in = new java.io.ByteArrayInputStream(bytes)) {
                    ks.load(in, PASSWORD.toCharArray());
                }
                assertEquals(2, ks.getCertificateChain("key").length);
                assertEquals(cert.certificate(), (X509Certificate) ks.getCertificate("key"));
                return (PrivateKey) ks.getKey("key", PASSWORD.toCharArray());
            }
            default:
                throw new AssertionError(format);
        }
    }

    /** Compares the secret itself: encodings differ in optional parts (the EC public key and curve). */
    private static void assertSameKey(PrivateKey expected, PrivateKey actual) {
        if (expected instanceof java.security.interfaces.ECPrivateKey e) {
            assertEquals(e.getS(), ((java.security.interfaces.ECPrivateKey) actual).getS());
        } else {
            assertArrayEquals(expected.getEncoded(), actual.getEncoded());
        }
    }

    private static PrivateKey jdk(PrivateKey key, String alg) throws Exception {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }

    @Test
    void writeKeyWhenPkcs1ForEcKeyThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ecLeaf.writeKey(dir.resolve("k"), KeyFormat.PKCS1_PEM));
        assertEquals("key format PKCS1_PEM needs a RSA_2048 key, but this key is EC_P256", e.getMessage());
    }

    @Test
    void writeKeyWhenEncryptedFormatWithoutPasswordThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ecLeaf.writeKey(dir.resolve("k"), KeyFormat.PKCS8_ENCRYPTED_PEM));
        assertEquals("key format PKCS8_ENCRYPTED_PEM needs a password; use writeKey(file, format, password)", e.getMessage());
    }

    @Test
    void writeKeyWhenFileExistedWorldReadableThenTightenedTo0600() throws Exception {
        Path file = dir.resolve("existing.key");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ecLeaf.writeKey(file, KeyFormat.PKCS8_PEM);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void writeLibpqDefaultsWhenHomeThenDefaultFileNamesOwnerOnly() throws Exception {
        Path pg = TestPki.generateEcOnly().writeLibpqDefaults(dir);
        assertEquals(dir.resolve(".postgresql"), pg);
        for (String f : List.of("root.crt", "postgresql.crt", "postgresql.key", "root.crl")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pg.resolve(f))), f);
        }
        assertTrue(Files.readString(pg.resolve("postgresql.key")).startsWith("-----BEGIN EC PRIVATE KEY-----"));
    }

    @Test
    void testPkiWhenGeneratedThenStandardShape() throws Exception {
        TestPki pki = TestPki.generateEcOnly();
        assertEquals(List.of(pki.server(), pki.intermediate()), pki.server().chain());
        assertTrue(pki.intermediateCrl().revokes(pki.revokedServer()));
        assertFalse(pki.intermediateCrl().revokes(pki.server()));
        assertThrows(CertificateExpiredException.class, () -> pki.expiredServer().certificate().checkValidity());
        assertEquals(TestPki.CLIENT_NAME, pki.client().commonName());
        IllegalStateException e = assertThrows(IllegalStateException.class, pki::clientRsa);
        assertEquals("this TestPki was generated without the RSA client; use TestPki.generate()", e.getMessage());
    }
}
