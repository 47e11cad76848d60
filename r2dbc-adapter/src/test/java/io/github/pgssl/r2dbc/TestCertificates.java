package io.github.pgssl.r2dbc;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A throwaway root CA and a server leaf for in-JVM TLS endpoints; generated per run. */
final class TestCertificates {
    final X509Certificate root;
    final X509Certificate leaf;
    final KeyPair leafKey;

    private TestCertificates(X509Certificate root, X509Certificate leaf, KeyPair leafKey) {
        this.root = root;
        this.leaf = leaf;
        this.leafKey = leafKey;
    }

    /** A root and a leaf for {@code dnsName} and {@code 127.0.0.1}. */
    static TestCertificates create(String dnsName) throws Exception {
        KeyPair rootKey = ecKey();
        KeyPair leafKey = ecKey();
        X500Name rootName = new X500Name("CN=pgssl-r2dbc test root");
        Instant now = Instant.now();
        X509v3CertificateBuilder rb = new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE, Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), rootName, rootKey.getPublic());
        rb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        X509Certificate root = sign(rb, rootKey);
        X509v3CertificateBuilder lb = new JcaX509v3CertificateBuilder(rootName, BigInteger.TWO, Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=" + dnsName), leafKey.getPublic());
        lb.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, dnsName), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        X509Certificate leaf = sign(lb, rootKey);
        return new TestCertificates(root, leaf, leafKey);
    }

    /** Writes the root as PEM (the client's sslrootcert). */
    Path writeRoot(Path dir) throws Exception {
        Path file = dir.resolve("root.crt");
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(root.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        Files.writeString(file, pem);
        return file;
    }

    /** A server context presenting the leaf and the root. */
    SSLContext serverContext() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", leafKey.getPrivate(), new char[0], new X509Certificate[] {leaf, root});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }
}
