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
