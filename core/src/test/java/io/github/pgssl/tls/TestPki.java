package io.github.pgssl.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test PKI generated per run on BouncyCastle (nothing checked in, nothing expires in git):
 * {@code TestPki.ca("Root")}, {@code TestPki.leaf("server").dns("db.test").signedBy(ca)}.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestPki() {
    }

    /** A certificate with its key pair and issuer. */
    public record Held(X509Certificate certificate, KeyPair keyPair, Held issuer) {
        /** This certificate and its issuers up to (excluding) the self-signed root. */
        public List<X509Certificate> chainWithoutRoot() {
            List<X509Certificate> out = new ArrayList<>();
            out.add(certificate);
            for (Held h = issuer; h != null && h.issuer != null; h = h.issuer) {
                out.add(h.certificate);
            }
            return out;
        }

        public String pem() {
            return TestPki.pem(certificate);
        }

        public Path writePem(Path file) throws IOException {
            Files.writeString(file, pem());
            return file;
        }

        public Path writeKeyPem(Path file) throws IOException {
            Files.writeString(file, TestPki.pemObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keyPair.getPrivate(), null).generate()));
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return file;
        }
    }

    public static Builder ca(String cn) {
        return new Builder(cn).ca();
    }

    public static Builder leaf(String cn) {
        return new Builder(cn);
    }

    public static String pem(X509Certificate... certs) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certs) {
            sb.append(pemObject(c));
        }
        return sb.toString();
    }

    public static String pemObject(Object o) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sw.toString();
    }

    /** A CRL issued by {@code issuer} listing the given certificates as revoked (may be none). */
    public static X509CRL crl(Held issuer, X509Certificate... revoked) {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                    Date.from(now.minus(Duration.ofHours(1))));
            b.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
            for (X509Certificate r : revoked) {
                b.addCRLEntry(r.getSerialNumber(), Date.from(now.minus(Duration.ofMinutes(30))), 0);
            }
            X509CRLHolder h = b.build(new JcaContentSignerBuilder(sigAlg(issuer.keyPair())).build(issuer.keyPair().getPrivate()));
            return new JcaX509CRLConverter().getCRL(h);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sigAlg(KeyPair kp) {
        return kp.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    }

    public static KeyPair ecKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds one certificate. */
    public static final class Builder {
        private final String cn;
        private boolean ca;
        private final List<GeneralName> sans = new ArrayList<>();
        private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(30));
        private KeyPair keys;
        private boolean noCn;
        private KeyPurposeId eku = KeyPurposeId.id_kp_serverAuth;
        private Integer caKeyUsage;
        private boolean caFlag = true;
        private final List<GeneralSubtree> permitted = new ArrayList<>();

        private Builder(String cn) {
            this.cn = cn;
        }

        public Builder ca() {
            this.ca = true;
            this.eku = null;
            return this;
        }

        /** A CA whose keyUsage is {@code bits} (e.g. without keyCertSign). */
        public Builder caKeyUsage(int bits) {
            this.caKeyUsage = bits;
            return this;
        }

        /** A CA (it can sign: keyCertSign) whose basicConstraints nevertheless say CA:FALSE. */
        public Builder caMarkedNotCa() {
            this.caFlag = false;
            return this;
        }

        /** A permitted dNSName subtree in a critical name constraints extension. */
        public Builder permittedDns(String... domains) {
            for (String d : domains) {
                permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, d)));
            }
            return this;
        }

        public Builder dns(String... names) {
            for (String n : names) {
                sans.add(new GeneralName(GeneralName.dNSName, n));
            }
            return this;
        }

        public Builder ip(String... addrs) {
            for (String a : addrs) {
                sans.add(new GeneralName(GeneralName.iPAddress, a));
            }
            return this;
        }

        /** No CN in the subject (subject is O=pgssl-test only). */
        public Builder noCommonName() {
            this.noCn = true;
            return this;
        }

        public Builder validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        public Builder keys(KeyPair kp) {
            this.keys = kp;
            return this;
        }

        public Builder clientAuth() {
            this.eku = KeyPurposeId.id_kp_clientAuth;
            return this;
        }

        public Held selfSigned() {
            return build(null);
        }

        public Held signedBy(Held issuer) {
            return build(issuer);
        }

        private Held build(Held issuer) {
            try {
                KeyPair kp = keys != null ? keys : ecKeys();
                X500Name subject = new X500Name(noCn ? "O=pgssl-test" : "O=pgssl-test,CN=" + cn);
                X500Name issuerName = issuer == null ? subject
                        : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
                KeyPair signer = issuer == null ? kp : issuer.keyPair();
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                        Date.from(notBefore), Date.from(notAfter), subject, kp.getPublic());
                JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
                b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(kp.getPublic()));
                if (issuer != null) {
                    b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(issuer.certificate()));
                }
                if (ca) {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(caFlag));
                    b.addExtension(Extension.keyUsage, true,
                            new KeyUsage(caKeyUsage != null ? caKeyUsage : KeyUsage.keyCertSign | KeyUsage.cRLSign));
                    if (!permitted.isEmpty()) {
                        b.addExtension(Extension.nameConstraints, true, new NameConstraints(permitted.toArray(new GeneralSubtree[0]), null));
                    }
                } else {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                    if (eku != null) {
                        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
                    }
                }
                if (!sans.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
                }
                X509Certificate cert = new JcaX509CertificateConverter()
                        .getCertificate(b.build(new JcaContentSignerBuilder(sigAlg(signer)).build(signer.getPrivate())));
                return new Held(cert, kp, issuer);
            } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
