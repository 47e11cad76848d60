package io.github.pgssl.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pgssl.ClientIdentity;
import io.github.pgssl.PgSsl;
import io.github.pgssl.Secret;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.SslPolicy.Fallback;
import io.github.pgssl.TlsMaterialException;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TrustSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.stream.Stream;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every key format loads (detected by content, whatever the file name) and completes a mutual-TLS handshake. */
class KeyFormatTest {
    static final String PW = "s3cret-pass";
    static final BouncyCastleProvider BC = new BouncyCastleProvider();

    @TempDir
    static Path dir;
    static TestPki.Held root;
    static TestPki.Held clientCa;
    static TestPki.Held rsaClient;
    static TestPki.Held ecClient;
    static TestTlsServer server;
    static Path rootFile;

    @BeforeAll
    static void pki() throws Exception {
        root = TestPki.ca("Key Root").selfSigned();
        clientCa = TestPki.ca("Client CA").selfSigned();
        TestPki.Held leaf = TestPki.leaf("keys.test").dns("keys.test").signedBy(root);
        rsaClient = TestPki.leaf("rsa-user").clientAuth().keys(TestPki.rsaKeys()).signedBy(clientCa);
        ecClient = TestPki.leaf("ec-user").clientAuth().signedBy(clientCa);
        server = new TestTlsServer(leaf, clientCa, false);
        rootFile = root.writePem(dir.resolve("root.crt"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String pkcs8Pem(PrivateKey k) throws Exception {
        return TestPki.pemObject(new JcaPKCS8Generator(k, null).generate());
    }

    static PKCS8Generator encryptedPkcs8(PrivateKey k) throws Exception {
        return new JcaPKCS8Generator(k, new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(BC).setPassword(PW.toCharArray()).build());
    }

    /** SEC1 as OpenSSL writes it: version, key, curve parameters and public key. */
    static byte[] sec1Der(KeyPair kp) throws Exception {
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo pki = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(kp.getPrivate().getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(pki.parsePrivateKey());
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded());
        return new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(), spki.getPublicKeyData(),
                pki.getPrivateKeyAlgorithm().getParameters()).getEncoded();
    }

    /** The DER of a PKCS#1 (RSA) or SEC1 (EC) key. */
    static byte[] traditionalDer(KeyPair kp) throws Exception {
        if (kp.getPrivate().getAlgorithm().equals("EC")) {
            return sec1Der(kp);
        }
        return org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(kp.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
    }

    static String traditionalType(KeyPair kp) {
        return kp.getPrivate().getAlgorithm().equals("EC") ? "EC PRIVATE KEY" : "RSA PRIVATE KEY";
    }

    static String pem(String type, java.util.List<org.bouncycastle.util.io.pem.PemHeader> headers, byte[] der) {
        java.io.StringWriter sw = new java.io.StringWriter();
        try (org.bouncycastle.util.io.pem.PemWriter w = new org.bouncycastle.util.io.pem.PemWriter(sw)) {
            w.writeObject(new org.bouncycastle.util.io.pem.PemObject(type, headers, der));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return sw.toString();
    }

    static String traditionalPem(KeyPair kp) throws Exception {
        return pem(traditionalType(kp), java.util.List.of(), traditionalDer(kp));
    }

    /** Legacy OpenSSL encryption: Proc-Type and DEK-Info headers over a PKCS#1/SEC1 body. */
    static String legacyPem(KeyPair kp) throws Exception {
        org.bouncycastle.openssl.PEMEncryptor enc = new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build(PW.toCharArray());
        byte[] ct = enc.encrypt(traditionalDer(kp));
        return pem(traditionalType(kp), java.util.List.of(new org.bouncycastle.util.io.pem.PemHeader("Proc-Type", "4,ENCRYPTED"),
                new org.bouncycastle.util.io.pem.PemHeader("DEK-Info", enc.getAlgorithm() + "," + java.util.HexFormat.of().withUpperCase().formatHex(enc.getIV()))), ct);
    }

    static byte[] pkcs12(TestPki.Held h) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", h.keyPair().getPrivate(), PW.toCharArray(), new Certificate[] {h.certificate()});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, PW.toCharArray());
        return out.toByteArray();
    }

    interface Encoder {
        byte[] encode(KeyPair kp) throws Exception;
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("RSA PKCS#1 PEM", "rsa", false, (Encoder) kp -> traditionalPem(kp).getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("RSA PKCS#8 PEM", "rsa", false, (Encoder) kp -> pkcs8Pem(kp.getPrivate()).getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("RSA PKCS#1 DER", "rsa", false, (Encoder) kp -> traditionalDer(kp)),
                Arguments.of("RSA PKCS#8 DER", "rsa", false, (Encoder) kp -> kp.getPrivate().getEncoded()),
                Arguments.of("RSA encrypted PKCS#8 PBES2 PEM", "rsa", true,
                        (Encoder) kp -> TestPki.pemObject(encryptedPkcs8(kp.getPrivate()).generate()).getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("RSA legacy OpenSSL-encrypted PEM", "rsa", true, (Encoder) kp -> legacyPem(kp).getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("EC SEC1 PEM", "ec", false, (Encoder) kp -> traditionalPem(kp).getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("EC SEC1 DER", "ec", false, (Encoder) kp -> traditionalDer(kp)),
                Arguments.of("EC PKCS#8 PEM", "ec", false, (Encoder) kp -> pkcs8Pem(kp.getPrivate()).getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("EC PKCS#8 DER", "ec", false, (Encoder) kp -> kp.getPrivate().getEncoded()),
                Arguments.of("EC encrypted PKCS#8 PBES2 DER", "ec", true, (Encoder) kp -> encryptedPkcs8(kp.getPrivate()).generate().getContent()),
                Arguments.of("EC legacy OpenSSL-encrypted PEM", "ec", true, (Encoder) kp -> legacyPem(kp).getBytes(StandardCharsets.US_ASCII)));
    }

    static SslPolicy mutual(Path cert, Path key, Secret pw) {
        return new SslPolicy.VerifyCa(TlsOptions.defaults().withTrust(TrustSource.pemFile(rootFile))
                .withIdentity(ClientIdentity.of(cert, key, pw)), Fallback.NONE, "test");
    }

    static Path write(String name, byte[] b) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, b);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void keyWhenFormatIsSupportedThenMutualTlsHandshakeSucceeds(String name, String alg, boolean encrypted, Encoder enc) throws Exception {
        TestPki.Held client = alg.equals("rsa") ? rsaClient : ecClient;
        // a misleading extension on purpose: formats are detected by content
        Path key = write(name.replaceAll("[^A-Za-z0-9]", "_") + ".crt", enc.encode(client.keyPair()));
        Path cert = client.writePem(dir.resolve(name.replaceAll("[^A-Za-z0-9]", "_") + "-cert.key"));
        server.clientCertsSeen.clear();
        server.handshake(PgSsl.material(mutual(cert, key, encrypted ? Secret.of(PW) : null)), "keys.test");
        HandshakeTest.waitFor(() -> server.clientCertsSeen.size() == 1);
        assertEquals(client.certificate().getSubjectX500Principal().getName() + "#" + client.certificate().getSerialNumber(),
                server.clientCertsSeen.get(0));
    }

    @Test
    void keyWhenPkcs12ThenKeyAndCertificateLoad() throws Exception {
        Path p12 = write("client.p12", pkcs12(ecClient));
        server.clientCertsSeen.clear();
        server.handshake(PgSsl.material(mutual(p12, p12, Secret.of(PW))), "keys.test");
        HandshakeTest.waitFor(() -> server.clientCertsSeen.size() == 1);
        assertEquals(ecClient.certificate().getSubjectX500Principal().getName() + "#" + ecClient.certificate().getSerialNumber(),
                server.clientCertsSeen.get(0));
    }

    @Test
    void sslcertmodeRequireWhenCertificateSentThenOkElseLibpqMessage() throws Exception {
        Path key = ecClient.writeKeyPem(dir.resolve("certmode.key"));
        Path cert = ecClient.writePem(dir.resolve("certmode.crt"));
        SslPolicy required = new SslPolicy.VerifyCa(TlsOptions.defaults().withTrust(TrustSource.pemFile(rootFile))
                .withIdentity(ClientIdentity.of(cert, key, null)).withClientCertificateRequired(true), Fallback.NONE, "test");
        io.github.pgssl.TlsMaterial m = PgSsl.material(required);
        m.checkClientCertificateSent(server.session(m, "keys.test"));
        try (TestTlsServer noClientAuth = new TestTlsServer(TestPki.leaf("keys.test").dns("keys.test").signedBy(root), null, false)) {
            javax.net.ssl.SSLSession s = noClientAuth.session(m, "keys.test");
            TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> m.checkClientCertificateSent(s));
            assertEquals("server accepted connection without a valid SSL certificate; the server did not ask for the client "
                    + "certificate (check its pg_hba.conf), or set sslcertmode=allow", e.getMessage());
            // without sslcertmode=require nothing is checked
            io.github.pgssl.TlsMaterial allow = PgSsl.material(mutual(cert, key, null));
            allow.checkClientCertificateSent(noClientAuth.session(allow, "keys.test"));
        }
    }

    @Test
    void pkcs12WhenPasswordIsWrongThenCertificateFileMessage() throws Exception {
        Path p12 = write("wrong-pw.p12", pkcs12(ecClient));
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PgSsl.material(mutual(p12, p12, Secret.of("nope"))));
        assertEquals("could not read certificate file \"" + p12 + "\": bad decrypt (PKCS#12); check sslpassword",
                e.getMessage());
        assertEquals("sslcert", e.setting().orElseThrow());
    }

    @Test
    void keyWhenPasswordIsWrongThenBadDecrypt() throws Exception {
        Path key = write("wrong-pw.key", TestPki.pemObject(encryptedPkcs8(ecClient.keyPair().getPrivate()).generate())
                .getBytes(StandardCharsets.US_ASCII));
        Path cert = ecClient.writePem(dir.resolve("wrong-pw.crt"));
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PgSsl.material(mutual(cert, key, Secret.of("nope"))));
        assertEquals("could not load private key file \"" + key + "\": bad decrypt; check sslpassword", e.getMessage());
        assertEquals("sslkey", e.setting().orElseThrow());
    }

    @Test
    void keyWhenEncryptedWithoutPasswordThenAsksForSslpassword() throws Exception {
        Path key = write("no-pw.key", legacyPem(ecClient.keyPair()).getBytes(StandardCharsets.US_ASCII));
        Path cert = ecClient.writePem(dir.resolve("no-pw.crt"));
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PgSsl.material(mutual(cert, key, null)));
        assertEquals("could not load private key file \"" + key + "\": the key is encrypted; set sslpassword", e.getMessage());
    }

    @Test
    void keyWhenGroupReadableThenLibpqPermissionMessage() throws Exception {
        Path key = ecClient.writeKeyPem(dir.resolve("loose.key"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Path cert = ecClient.writePem(dir.resolve("loose.crt"));
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PgSsl.material(mutual(cert, key, null)));
        assertEquals("private key file \"" + key + "\" has group or world access; file must have permissions u=rw (0600) or less "
                + "if owned by the current user, or permissions u=rw,g=r (0640) or less if owned by root", e.getMessage());
    }

    @Test
    void keyWhenRootOwnedAnd0640ThenAccepted() throws Exception {
        Path key = ecClient.writeKeyPem(dir.resolve("root-0640.key"));
        assumeTrue(((Integer) Files.getAttribute(key, "unix:uid")) == 0, "the 0640 rule applies to root-owned files; not running as root");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        Path cert = ecClient.writePem(dir.resolve("root-0640.crt"));
        server.handshake(PgSsl.material(mutual(cert, key, null)), "keys.test");
    }

    @Test
    void keyWhenItBelongsToAnotherCertificateThenMismatchMessage() throws Exception {
        Path key = rsaClient.writeKeyPem(dir.resolve("other.key"));
        Path cert = ecClient.writePem(dir.resolve("mismatch.crt"));
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PgSsl.material(mutual(cert, key, null)));
        assertEquals("certificate does not match private key file \"" + key + "\"; set sslcert and sslkey to a certificate and its own key",
                e.getMessage());
    }

    @Test
    void keyWhenFileMissingThenCertificatePresentButNotKey() throws Exception {
        Path key = dir.resolve("absent.key");
        Path cert = ecClient.writePem(dir.resolve("absent.crt"));
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PgSsl.material(mutual(cert, key, null)));
        assertEquals("certificate present, but not private key file \"" + key + "\"; provide the key file or set sslkey", e.getMessage());
    }

    @Test
    void keyWhenGarbageThenUnreadableMessage() throws Exception {
        Path key = write("garbage.key", "-----BEGIN PRIVATE KEY-----\nAAAA\n".getBytes(StandardCharsets.US_ASCII));
        Path cert = ecClient.writePem(dir.resolve("garbage.crt"));
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PgSsl.material(mutual(cert, key, null)));
        assertEquals("could not load private key file \"" + key + "\": PEM block \"PRIVATE KEY\" has no END line (truncated file?); "
                + "provide a PEM, DER or PKCS#12 private key", e.getMessage());
    }
}
