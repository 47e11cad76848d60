package io.github.pgssl.testkit.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSL's subject-name hash (the names of a CRL directory) and the encrypted DER key format. */
class OpenSslNameHashTest {
    @TempDir
    Path dir;

    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    private static String openssl(String... args) throws Exception {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void issuerHashWhenNamesDifferThenEqualsOpensslCrlHash() throws Exception {
        assumeTrue(Files.isExecutable(OPENSSL), "no /usr/bin/openssl to compare with");
        TestCertificate plain = TestCertificate.builder().commonName("pgssl test root CA").certificateAuthority(0).build();
        TestCertificate spaced = TestCertificate.builder().organization("  Mixed   Case  Org ").organizationalUnit("Engineering", "Testing")
                .commonName("Root  CA \u039f\u03b4\u03c5\u03c3\u03c3\u03ad\u03b1\u03c2").certificateAuthority(0).build();
        for (TestCertificate ca : List.of(plain, spaced)) {
            Path file = ca.crl().writePem(dir.resolve("ca.crl"));
            assertEquals(openssl(OPENSSL.toString(), "crl", "-hash", "-noout", "-in", file.toString()), ca.crl().issuerHash());
        }
    }

    @Test
    void writeHashedDirectoryWhenTwoListsOfOneIssuerThenR0AndR1() throws Exception {
        TestCertificate ca = TestCertificate.builder().commonName("ca").certificateAuthority(0).build();
        TestCertificate other = TestCertificate.builder().commonName("other").certificateAuthority(0).build();
        Path d = TestCrl.writeHashedDirectory(dir.resolve("crldir"), List.of(ca.crl(), ca.crl(), other.crl()));
        try (var files = Files.list(d)) {
            assertEquals(List.of(ca.crl().issuerHash() + ".r0", ca.crl().issuerHash() + ".r1", other.crl().issuerHash() + ".r0")
                    .stream().sorted().toList(), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void encodeKeyWhenPkcs8EncryptedDerThenDecryptsToTheKey() throws Exception {
        TestCertificate c = TestCertificate.builder().commonName("client").build();
        char[] password = "dUmmyP^#+".toCharArray();
        byte[] der = c.encodeKey(KeyFormat.PKCS8_ENCRYPTED_DER, password);
        PKCS8EncryptedPrivateKeyInfo info = new PKCS8EncryptedPrivateKeyInfo(EncryptedPrivateKeyInfo.getInstance(der));
        byte[] plain = info.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(password)).getEncoded();
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(plain));
        assertEquals(c.keyPair().getPrivate(), key);
    }
}
