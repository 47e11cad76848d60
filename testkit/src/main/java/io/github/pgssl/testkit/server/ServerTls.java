package io.github.pgssl.testkit.server;

import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.pki.TestCrl;
import java.util.List;
import java.util.Objects;

/**
 * The TLS configuration of a test server: the certificate it presents (sent with its intermediates),
 * the CAs it accepts client certificates from ({@code ssl_ca_file}), the CRLs it checks them against
 * ({@code ssl_crl_file}) and the TLS version range. Immutable; {@code withX} returns a copy.
 */
public final class ServerTls {
    private final TestCertificate certificate;
    private final List<TestCertificate> clientCas;
    private final List<TestCrl> crls;
    private final String minProtocolVersion;
    private final String maxProtocolVersion;
    private final boolean crlDirectory;

    private ServerTls(TestCertificate certificate, List<TestCertificate> clientCas, List<TestCrl> crls,
            String minProtocolVersion, String maxProtocolVersion, boolean crlDirectory) {
        this.crlDirectory = crlDirectory;
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.clientCas = List.copyOf(clientCas);
        this.crls = List.copyOf(crls);
        this.minProtocolVersion = minProtocolVersion;
        this.maxProtocolVersion = maxProtocolVersion;
    }

    /**
     * Presents {@code certificate} and its {@link TestCertificate#chain() chain}; no client CAs; TLS 1.2 minimum.
     *
     * @param certificate the server certificate, with its private key
     * @return the configuration
     */
    public static ServerTls of(TestCertificate certificate) {
        return new ServerTls(certificate, List.of(), List.of(), "TLSv1.2", null, false);
    }

    /**
     * A copy presenting another certificate.
     *
     * @param certificate the server certificate, with its private key
     * @return the new configuration; this one is unchanged
     */
    public ServerTls withCertificate(TestCertificate certificate) {
        return new ServerTls(certificate, clientCas, crls, minProtocolVersion, maxProtocolVersion, crlDirectory);
    }

    /**
     * A copy that requests client certificates and accepts those issued by {@code cas}.
     *
     * @param cas the CAs written to {@code ssl_ca_file}; they replace any given before
     * @return the new configuration; this one is unchanged
     */
    public ServerTls withClientCas(TestCertificate... cas) {
        return new ServerTls(certificate, List.of(cas), crls, minProtocolVersion, maxProtocolVersion, crlDirectory);
    }

    /**
     * A copy that checks client certificates against these CRLs.
     *
     * @param crls the CRLs written to {@code ssl_crl_file}; they replace any given before
     * @return the new configuration; this one is unchanged
     */
    public ServerTls withCrls(TestCrl... crls) {
        return new ServerTls(certificate, clientCas, List.of(crls), minProtocolVersion, maxProtocolVersion, false);
    }

    /**
     * The same, with CRLs checked for client certificates from {@code ssl_crl_dir}: a directory
     * holding them under OpenSSL's hashed names ({@link TestCrl#writeHashedDirectory}), as
     * PostgreSQL's suite sets up {@code root+client-crldir}.
     *
     * @param crls the CRLs written to the directory; they replace any given before
     * @return a copy with these CRLs in {@code ssl_crl_dir} (and no {@code ssl_crl_file})
     */
    public ServerTls withCrlDirectory(TestCrl... crls) {
        return new ServerTls(certificate, clientCas, List.of(crls), minProtocolVersion, maxProtocolVersion, true);
    }

    /**
     * A copy with {@code ssl_min_protocol_version} (e.g. {@code TLSv1.3}).
     *
     * @param version PostgreSQL's spelling: {@code TLSv1.2} or {@code TLSv1.3}
     * @return the new configuration; this one is unchanged
     */
    public ServerTls withMinProtocolVersion(String version) {
        return new ServerTls(certificate, clientCas, crls, Objects.requireNonNull(version), maxProtocolVersion, crlDirectory);
    }

    /**
     * A copy with {@code ssl_max_protocol_version} (e.g. {@code TLSv1.2}); {@code null} for none.
     *
     * @param version PostgreSQL's spelling, e.g. {@code TLSv1.2}, or {@code null} for no maximum
     * @return the new configuration; this one is unchanged
     */
    public ServerTls withMaxProtocolVersion(String version) {
        return new ServerTls(certificate, clientCas, crls, minProtocolVersion, version, crlDirectory);
    }

    /** {@return the certificate presented} */
    public TestCertificate certificate() {
        return certificate;
    }

    /** {@return the CAs accepted for client certificates} */
    public List<TestCertificate> clientCas() {
        return clientCas;
    }

    /** {@return whether {@link #crls()} go to {@code ssl_crl_dir} (hashed names) rather than {@code ssl_crl_file}} */
    public boolean crlsInDirectory() {
        return crlDirectory;
    }

    /** {@return the CRLs checked for client certificates} */
    public List<TestCrl> crls() {
        return crls;
    }

    /** {@return the {@code ssl_min_protocol_version} the server is given (default {@code TLSv1.2})} */
    public String minProtocolVersion() {
        return minProtocolVersion;
    }

    /** {@return the {@code ssl_max_protocol_version} the server is given, or {@code null} for none} */
    public String maxProtocolVersion() {
        return maxProtocolVersion;
    }
}
