package io.github.pgssl.testkit.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.openssl.PKCS8Generator;

/**
 * A certificate and its private key, generated in memory for a test: a root or intermediate
 * certificate authority, a server leaf, or a client certificate.
 *
 * <pre>{@code
 * TestCertificate root = TestCertificate.builder().commonName("Test Root CA").certificateAuthority(1).build();
 * TestCertificate server = TestCertificate.builder()
 *         .commonName("db.example.test").dnsName("db.example.test").ipAddress("127.0.0.1")
 *         .signedBy(root).build();
 * server.writeChainPem(dir.resolve("server.crt"));
 * server.writeKey(dir.resolve("server.key"), KeyFormat.PKCS8_PEM);
 * }</pre>
 *
 * <p>Nothing is checked in: certificates are valid from one hour ago for one day unless set
 * otherwise, so they never expire in a repository. Files are written with mode 0600.
 *
 * <p>Security: these certificates and keys are for tests only; keys are held in memory unprotected.
 */
public final class TestCertificate {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final KeyPair keyPair;
    private final KeyAlgorithm algorithm;
    private final TestCertificate issuer;
    private final String commonName;

    private TestCertificate(X509Certificate certificate, KeyPair keyPair, KeyAlgorithm algorithm,
            TestCertificate issuer, String commonName) {
        this.certificate = certificate;
        this.keyPair = keyPair;
        this.algorithm = algorithm;
        this.issuer = issuer;
        this.commonName = commonName;
    }

    /** {@return a builder for a new certificate; by default a self-signed EC P-256 leaf valid for one day} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the certificate, as the JDK parses it} */
    public X509Certificate certificate() {
        return certificate;
    }

    /** {@return the key pair; the public half is in {@link #certificate()}} */
    public KeyPair keyPair() {
        return keyPair;
    }

    /** {@return the private key} */
    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** {@return the key type} */
    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    /** {@return the subject common name} */
    public String commonName() {
        return commonName;
    }

    /** {@return the certificate that signed this one; empty for a self-signed certificate} */
    public Optional<TestCertificate> issuer() {
        return Optional.ofNullable(issuer);
    }

    /** {@return whether this certificate may sign others} */
    public boolean isCertificateAuthority() {
        return certificate.getBasicConstraints() >= 0;
    }

    /**
     * This certificate followed by its issuers up to, but not including, the self-signed root:
     * what a server sends in its handshake (leaf first, as {@code ssl_cert_file} and libpq's
     * {@code sslcert} expect).
     *
     * @return the leaf and its intermediates, leaf first; just this certificate when it is self-signed
     *         or signed directly by a root
     */
    public List<TestCertificate> chain() {
        List<TestCertificate> out = new ArrayList<>();
        out.add(this);
        for (TestCertificate c = issuer; c != null && c.issuer != null; c = c.issuer) {
            out.add(c);
        }
        return List.copyOf(out);
    }

    /** {@return this certificate as {@code -----BEGIN CERTIFICATE-----} text} */
    public String certificatePem() {
        return pem(certificate);
    }

    /** {@return {@link #chain()} as concatenated PEM certificates, leaf first} */
    public String chainPem() {
        StringBuilder sb = new StringBuilder();
        for (TestCertificate c : chain()) {
            sb.append(c.certificatePem());
        }
        return sb.toString();
    }

    /**
     * Writes this certificate alone as PEM (mode 0600) and returns the file.
     *
     * @param file where to write; replaced if it exists
     * @return {@code file}
     */
    public Path writeCertificatePem(Path file) {
        return PrivateFiles.write(file, certificatePem().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Writes this certificate as DER (mode 0600) and returns the file.
     *
     * @param file where to write; replaced if it exists
     * @return {@code file}
     */
    public Path writeCertificateDer(Path file) {
        try {
            return PrivateFiles.write(file, certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@link #chain()} as PEM, leaf first (mode 0600), and returns the file.
     *
     * @param file where to write; replaced if it exists
     * @return {@code file}
     */
    public Path writeChainPem(Path file) {
        return PrivateFiles.write(file, chainPem().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Writes several certificates into one PEM bundle (mode 0600), e.g. a CA file with two roots.
     *
     * @param file where to write; replaced if it exists
     * @param certificates the certificates, in the order to write them
     * @return {@code file}
     */
    public static Path writeBundlePem(Path file, List<TestCertificate> certificates) {
        StringBuilder sb = new StringBuilder();
        for (TestCertificate c : certificates) {
            sb.append(c.certificatePem());
        }
        return PrivateFiles.write(file, sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Writes the private key unencrypted (mode 0600) and returns the file.
     *
     * @param file where to write; replaced if it exists
     * @param format an unencrypted key format that fits the key type
     * @return {@code file}
     * @throws IllegalArgumentException when {@code format} needs a password, or does not fit the key type
     *     (PKCS#1 is RSA only, SEC1 is EC only)
     */
    public Path writeKey(Path file, KeyFormat format) {
        if (format.needsPassword()) {
            throw new IllegalArgumentException("key format " + format + " needs a password; use writeKey(file, format, password)");
        }
        return PrivateFiles.write(file, encodeKey(format, null));
    }

    /**
     * Writes the private key in an encrypted format (mode 0600) and returns the file.
     *
     * @param file where to write; replaced if it exists
     * @param format an encrypted key format
     * @param password the password that encrypts the key
     * @return {@code file}
     * @throws IllegalArgumentException when {@code format} is not an encrypted format
     */
    public Path writeKey(Path file, KeyFormat format, String password) {
        Objects.requireNonNull(password, "password");
        if (!format.needsPassword()) {
            throw new IllegalArgumentException("key format " + format + " is not encrypted; use writeKey(file, format)");
        }
        return PrivateFiles.write(file, encodeKey(format, password.toCharArray()));
    }

    /**
     * The private key encoded in {@code format}; {@code password} is used only by encrypted formats.
     *
     * @param format the key format
     * @param password the password for an encrypted format; ignored (may be {@code null}) otherwise
     * @return the encoded key: PEM text as US-ASCII bytes, or binary DER / PKCS#12
     * @throws IllegalArgumentException when {@code format} does not fit the key type
     */
    public byte[] encodeKey(KeyFormat format, char[] password) {
        try {
            switch (format) {
                case PKCS1_PEM:
                    requireAlgorithm(format, KeyAlgorithm.RSA_2048);
                    return pemObject(privateKey(), null);
                case SEC1_PEM:
                    requireAlgorithm(format, KeyAlgorithm.EC_P256);
                    return pemObject(traditionalKeyInfo(), null);
                case PKCS8_PEM:
                    return pemObject(new JcaPKCS8Generator(privateKey(), null).generate(), null);
                case PKCS8_ENCRYPTED_PEM:
                case PKCS8_ENCRYPTED_DER: {
                    OutputEncryptor enc = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                            .setPRF(PKCS8Generator.PRF_HMACSHA256)
                            .setIterationCount(2048)
                            .setRandom(RANDOM)
                            .setProvider(Bc.PROVIDER)
                            .setPassword(password)
                            .build();
                    org.bouncycastle.util.io.pem.PemObject pem = new JcaPKCS8Generator(privateKey(), enc).generate();
                    return format == KeyFormat.PKCS8_ENCRYPTED_DER ? pem.getContent() : pemObject(pem, null);
                }
                case LEGACY_ENCRYPTED_PEM: {
                    StringWriter out = new StringWriter();
                    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
                        w.writeObject(new JcaMiscPEMGenerator(traditionalKeyInfo(), new JcePEMEncryptorBuilder("AES-256-CBC")
                                .setProvider(Bc.PROVIDER).setSecureRandom(RANDOM).build(password)));
                    }
                    return out.toString().getBytes(StandardCharsets.US_ASCII);
                }
                case TRADITIONAL_DER:
                    return traditionalKeyInfo().parsePrivateKey().toASN1Primitive().getEncoded("DER");
                case PKCS8_DER:
                    return privateKey().getEncoded();
                case PKCS12: {
                    KeyStore ks = KeyStore.getInstance("PKCS12");
                    ks.load(null, null);
                    List<Certificate> certs = new ArrayList<>();
                    for (TestCertificate c : chain()) {
                        certs.add(c.certificate);
                    }
                    ks.setKeyEntry("key", privateKey(), password, certs.toArray(new Certificate[0]));
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ks.store(out, password);
                    return out.toByteArray();
                }
                default:
                    throw new IllegalArgumentException("unknown key format " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot encode key as " + format, e);
        }
    }

    /**
     * A CRL signed by this authority that revokes {@code revoked} (may be empty): valid from one hour
     * ago for one day.
     *
     * @param revoked the certificates to revoke, all issued by this authority
     * @return the signed CRL
     * @throws IllegalStateException when this certificate is not a certificate authority
     * @throws IllegalArgumentException when a certificate in {@code revoked} was not issued by this authority
     */
    public TestCrl crl(List<TestCertificate> revoked) {
        if (!isCertificateAuthority()) {
            throw new IllegalStateException("certificate \"" + commonName + "\" is not a CA and cannot sign a CRL");
        }
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder b = new X509v2CRLBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                    Date.from(now.minus(Duration.ofHours(1))));
            b.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
            for (TestCertificate r : revoked) {
                if (!r.certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
                    throw new IllegalArgumentException("certificate \"" + r.commonName
                            + "\" was not issued by \"" + commonName + "\"; a CRL lists only its issuer's certificates");
                }
                b.addCRLEntry(r.certificate.getSerialNumber(), Date.from(now.minus(Duration.ofMinutes(30))),
                        CRLReason.keyCompromise);
            }
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
            X509CRLHolder holder = b.build(signer(algorithm, privateKey()));
            X509CRL crl = new JcaX509CRLConverter().getCRL(holder);
            return new TestCrl(crl, this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A CRL signed by this authority revoking the given certificates, as {@link #crl(List)}.
     *
     * @param revoked the certificates to revoke, all issued by this authority; none for an empty CRL
     * @return the signed CRL
     */
    public TestCrl crl(TestCertificate... revoked) {
        return crl(List.of(revoked));
    }

    @Override
    public String toString() {
        return "TestCertificate[CN=" + commonName + ", " + algorithm + (isCertificateAuthority() ? ", CA" : "")
                + ", serial=" + certificate.getSerialNumber().toString(16) + "]";
    }

    /**
     * The key as PKCS#8 info whose inner structure stands alone: the JDK omits the curve from an EC
     * key's inner SEC1 structure (it is in the PKCS#8 algorithm identifier), and OpenSSL cannot read
     * a bare SEC1 key without it ("unsupported"). So SEC1 output carries the curve and public key.
     */
    private PrivateKeyInfo traditionalKeyInfo() throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(privateKey().getEncoded());
        if (algorithm != KeyAlgorithm.EC_P256) {
            return info;
        }
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
        DERBitString publicKey = new DERBitString(
                SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()).getPublicKeyData().getBytes());
        ECPrivateKey full = new ECPrivateKey(256, inner.getKey(), publicKey, curve);
        return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), full);
    }

    private void requireAlgorithm(KeyFormat format, KeyAlgorithm needed) {
        if (algorithm != needed) {
            throw new IllegalArgumentException("key format " + format + " needs a " + needed + " key, but this key is " + algorithm);
        }
    }

    private static byte[] pemObject(Object o, Object unused) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String pem(Object o) {
        try {
            return new String(pemObject(o, null), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ContentSigner signer(KeyAlgorithm algorithm, PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** BouncyCastle as a private provider, created on first use (it is slow to load). */
    private static final class Bc {
        // Not registered globally: the JDK lacks AES/CBC/PKCS7Padding for PBES2, and tests must not change providers.
        static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
    }

    /** Builds a {@link TestCertificate}. */
    public static final class Builder {
        private String commonName = "pgssl test certificate";
        private String organization = "pgssl testkit";
        private List<String> organizationalUnits = List.of();
        private final List<GeneralName> altNames = new ArrayList<>();
        private int maxIntermediates = -1;
        private TestCertificate issuer;
        private Instant notBefore;
        private Instant notAfter;
        private KeyAlgorithm algorithm = KeyAlgorithm.EC_P256;
        private BigInteger serial;
        private KeyPair keyPair;
        private boolean certSignWithoutCa;
        private boolean noCertSign;
        private boolean subjectCn = true;
        private final List<GeneralSubtree> permittedDns = new ArrayList<>();

        private Builder() {
        }

        /**
         * The subject CN (libpq falls back to it only when no SAN of the host's type exists).
         *
         * @param cn the common name, e.g. a host name
         * @return this builder
         */
        public Builder commonName(String cn) {
            this.commonName = Objects.requireNonNull(cn, "cn");
            return this;
        }

        /**
         * Organizational units, written after O and before CN: {@code organization("PGDG")
         * .organizationalUnit("Engineering", "Testing").commonName("ssltestuser-dn")} gives the RFC 2253
         * subject {@code CN=ssltestuser-dn,OU=Testing,OU=Engineering,O=PGDG} (PostgreSQL's suite
         * {@code client-dn}), which a server reads with {@code clientname=DN}.
         *
         * @param units the OU values, outermost first
         * @return this builder
         */
        public Builder organizationalUnit(String... units) {
            this.organizationalUnits = List.of(units);
            return this;
        }

        /**
         * No CN in the subject (only O): with no SAN either, the certificate names no host at all
         * (PostgreSQL's suite {@code server-no-names}).
         *
         * @return this builder
         */
        public Builder withoutCommonName() {
            this.subjectCn = false;
            return this;
        }

        /**
         * The subject O (helps tell generated certificates apart in logs).
         *
         * @param o the organization name
         * @return this builder
         */
        public Builder organization(String o) {
            this.organization = Objects.requireNonNull(o, "o");
            return this;
        }

        /**
         * Adds dNSName subject alternative names; {@code *.example.test} makes a wildcard certificate.
         *
         * @param names the DNS names, added after any already given
         * @return this builder
         */
        public Builder dnsName(String... names) {
            for (String n : names) {
                altNames.add(new GeneralName(GeneralName.dNSName, n));
            }
            return this;
        }

        /**
         * Adds iPAddress subject alternative names (IPv4 or IPv6 literals).
         *
         * @param addresses the address literals, e.g. {@code 127.0.0.1} or {@code ::1}
         * @return this builder
         */
        public Builder ipAddress(String... addresses) {
            for (String a : addresses) {
                altNames.add(new GeneralName(GeneralName.iPAddress, a));
            }
            return this;
        }

        /**
         * Makes this a certificate authority that may have up to {@code maxIntermediates} CAs below it
         * (0 for an issuing CA that signs only leaves).
         *
         * @param maxIntermediates the basicConstraints path length; at least 0
         * @return this builder
         * @throws IllegalArgumentException when {@code maxIntermediates} is negative
         */
        public Builder certificateAuthority(int maxIntermediates) {
            if (maxIntermediates < 0) {
                throw new IllegalArgumentException("maxIntermediates must be >= 0");
            }
            this.maxIntermediates = maxIntermediates;
            return this;
        }

        /**
         * A misissued signer: basicConstraints say {@code CA:FALSE} but the key usage allows
         * certificate signing, so it can sign; OpenSSL refuses a chain through it ("invalid CA certificate").
         *
         * @return this builder
         */
        public Builder signerMarkedNotCa() {
            this.certSignWithoutCa = true;
            this.maxIntermediates = -1;
            return this;
        }

        /**
         * A certificate authority whose key usage lacks keyCertSign; OpenSSL refuses what it signs
         * ("key usage does not include certificate signing"). Implies {@code certificateAuthority(1)}
         * unless set.
         *
         * @return this builder
         */
        public Builder withoutKeyCertSign() {
            this.noCertSign = true;
            if (maxIntermediates < 0) {
                maxIntermediates = 1;
            }
            return this;
        }

        /**
         * Adds a permitted dNSName subtree to a name constraints extension (critical), e.g. {@code allowed.test}.
         *
         * @param domains the permitted DNS domains
         * @return this builder
         */
        public Builder permittedDnsSubtree(String... domains) {
            for (String d : domains) {
                permittedDns.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, d)));
            }
            return this;
        }

        /**
         * Has {@code issuer} (a certificate authority) sign this certificate instead of self-signing.
         *
         * @param issuer the signing certificate authority, with its private key
         * @return this builder
         */
        public Builder signedBy(TestCertificate issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /**
         * Valid from {@code notBefore} to {@code notAfter}.
         *
         * @param notBefore the start of validity
         * @param notAfter the end of validity; after {@code notBefore}
         * @return this builder
         * @throws IllegalArgumentException when {@code notBefore} is not before {@code notAfter}
         */
        public Builder validity(Instant notBefore, Instant notAfter) {
            if (!notBefore.isBefore(notAfter)) {
                throw new IllegalArgumentException("notBefore must be before notAfter");
            }
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        /** {@return this builder, set to expired: valid from two days ago until yesterday} */
        public Builder expired() {
            Instant now = Instant.now();
            return validity(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
        }

        /** {@return this builder, set to not yet valid: valid from tomorrow for a day} */
        public Builder notYetValid() {
            Instant now = Instant.now();
            return validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
        }

        /**
         * The key type (default {@link KeyAlgorithm#EC_P256}).
         *
         * @param algorithm the key type
         * @return this builder
         */
        public Builder keyAlgorithm(KeyAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * Shorthand for {@code keyAlgorithm(KeyAlgorithm.RSA_2048)}.
         *
         * @return this builder
         */
        public Builder rsa2048() {
            return keyAlgorithm(KeyAlgorithm.RSA_2048);
        }

        /**
         * Reuses an existing key pair (its type must match {@link #keyAlgorithm}), e.g. to re-issue a certificate.
         *
         * @param keyPair the key pair, e.g. {@link TestCertificate#keyPair()} of an earlier certificate
         * @return this builder
         */
        public Builder keyPair(KeyPair keyPair) {
            this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
            return this;
        }

        /**
         * A fixed serial number (default: random 63-bit).
         *
         * @param serial the serial number
         * @return this builder
         */
        public Builder serialNumber(long serial) {
            this.serial = BigInteger.valueOf(serial);
            return this;
        }

        /**
         * Generates the key (unless given) and signs the certificate.
         *
         * @return the new certificate with its private key
         * @throws IllegalStateException when the issuer is not a CA or allows no more intermediates
         */
        public TestCertificate build() {
            if (issuer != null) {
                int pathLen = issuer.certificate.getBasicConstraints();
                boolean[] ku = issuer.certificate.getKeyUsage();
                boolean mayStillSign = ku != null && ku.length > 5 && ku[5];
                if (pathLen < 0 && !mayStillSign) {
                    throw new IllegalStateException("issuer \"" + issuer.commonName + "\" is not a certificate authority; "
                            + "build it with certificateAuthority(n)");
                }
                if (maxIntermediates >= 0 && pathLen == 0) {
                    throw new IllegalStateException("issuer \"" + issuer.commonName + "\" allows no intermediate CAs; "
                            + "build it with certificateAuthority(1) or more");
                }
            }
            try {
                KeyPair kp = keyPair != null ? keyPair : generateKeyPair(algorithm);
                Instant now = Instant.now();
                Instant from = notBefore != null ? notBefore : now.minus(Duration.ofHours(1));
                Instant to = notAfter != null ? notAfter : now.plus(Duration.ofDays(1));
                X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
                nb.addRDN(BCStyle.O, organization);
                for (String ou : organizationalUnits) {
                    nb.addRDN(BCStyle.OU, ou);
                }
                if (subjectCn) {
                    nb.addRDN(BCStyle.CN, commonName);
                }
                X500Name subject = nb.build();
                X500Name issuerName = issuer == null ? subject
                        : X500Name.getInstance(issuer.certificate.getSubjectX500Principal().getEncoded());
                BigInteger sn = serial != null ? serial : new BigInteger(63, RANDOM).add(BigInteger.ONE);
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, sn, Date.from(from),
                        Date.from(to), subject, kp.getPublic());
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
                if (issuer != null) {
                    b.addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(issuer.certificate));
                }
                if (certSignWithoutCa) {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                } else if (maxIntermediates >= 0) {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(maxIntermediates));
                    int usage = noCertSign ? KeyUsage.cRLSign | KeyUsage.digitalSignature
                            : KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature;
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                } else {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    int usage = KeyUsage.digitalSignature
                            | (algorithm == KeyAlgorithm.RSA_2048 ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement);
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                }
                if (!permittedDns.isEmpty()) {
                    b.addExtension(Extension.nameConstraints, true,
                            new NameConstraints(permittedDns.toArray(new GeneralSubtree[0]), null));
                }
                if (!altNames.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(altNames.toArray(new GeneralName[0])));
                }
                KeyAlgorithm signingAlgorithm = issuer == null ? algorithm : issuer.algorithm;
                PrivateKey signingKey = issuer == null ? kp.getPrivate() : issuer.privateKey();
                X509CertificateHolder holder = b.build(signer(signingAlgorithm, signingKey));
                X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
                return new TestCertificate(cert, kp, algorithm, issuer, commonName);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot generate certificate \"" + commonName + "\"", e);
            }
        }

        private static KeyPair generateKeyPair(KeyAlgorithm algorithm) throws GeneralSecurityException {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm.jcaName());
            if (algorithm == KeyAlgorithm.EC_P256) {
                g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            } else {
                g.initialize(2048, RANDOM);
            }
            return g.generateKeyPair();
        }
    }
}
