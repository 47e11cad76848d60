package io.github.pgssl.testkit.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** A certificate revocation list issued by one {@link TestCertificate} authority. */
public final class TestCrl {
    private final X509CRL crl;
    private final TestCertificate issuer;

    TestCrl(X509CRL crl, TestCertificate issuer) {
        this.crl = crl;
        this.issuer = issuer;
    }

    /** {@return the JDK view of the list} */
    public X509CRL crl() {
        return crl;
    }

    /** {@return the authority that signed this list} */
    public TestCertificate issuer() {
        return issuer;
    }

    /**
     * Whether {@code certificate} is listed as revoked.
     *
     * @param certificate the certificate to look up (by issuer and serial number)
     * @return whether this list revokes it
     */
    public boolean revokes(TestCertificate certificate) {
        return crl.isRevoked(certificate.certificate());
    }

    /** {@return OpenSSL's hash of the issuer name ({@code X509_NAME_hash}), which names this list in a CRL directory} */
    public String issuerHash() {
        return OpenSslNameHash.of(crl.getIssuerX500Principal());
    }

    /** {@return this list as {@code -----BEGIN X509 CRL-----} text} */
    public String pem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(crl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes this list as PEM to {@code file} (mode 0600) and returns the file.
     *
     * @param file where to write; replaced if it exists
     * @return {@code file}
     */
    public Path writePem(Path file) {
        return PrivateFiles.write(file, pem().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Writes lists into {@code directory} under OpenSSL's hashed names, as libpq's {@code sslcrldir}
     * and PostgreSQL's {@code ssl_crl_dir} need them: {@code <issuer hash>.r<n>}, where the hash is
     * OpenSSL's {@code X509_NAME_hash} of the issuer (what {@code openssl rehash} writes). OpenSSL
     * looks a CRL up by that name only; a file with any other name is never read.
     *
     * @param directory the directory, created if missing
     * @param crls the lists; two lists from one issuer get {@code .r0} and {@code .r1}
     * @return {@code directory}
     */
    public static Path writeHashedDirectory(Path directory, List<TestCrl> crls) {
        try {
            java.nio.file.Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.util.Map<String, Integer> used = new java.util.HashMap<>();
        for (TestCrl c : crls) {
            String hash = c.issuerHash();
            int n = used.merge(hash, 1, Integer::sum) - 1;
            c.writePem(directory.resolve(hash + ".r" + n));
        }
        return directory;
    }

    /**
     * Writes several lists into one PEM file, as libpq's {@code sslcrl} and PostgreSQL's
     * {@code ssl_crl_file} expect when every CA of a chain needs a CRL ({@code root+server.crl}).
     *
     * @param file where to write; replaced if it exists
     * @param crls the lists, in the order to write them
     * @return {@code file}
     */
    public static Path writePem(Path file, List<TestCrl> crls) {
        StringBuilder sb = new StringBuilder();
        for (TestCrl c : crls) {
            sb.append(c.pem());
        }
        return PrivateFiles.write(file, sb.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
