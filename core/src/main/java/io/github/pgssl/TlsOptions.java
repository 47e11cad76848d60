package io.github.pgssl;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a TLS attempt uses besides the verification rule: trust source, client identity,
 * CRLs, protocol versions, SNI and negotiation. Immutable; copies through {@code withX}.
 */
public final class TlsOptions {
    private static final TlsOptions DEFAULTS = new TlsOptions(TrustSource.none(), ClientIdentity.none(), null, null,
            TlsVersion.TLS_1_2, null, true, SslNegotiation.POSTGRES, false, TlsEngine.JDK);

    private final TrustSource trust;
    private final ClientIdentity identity;
    private final Path crlFile;
    private final Path crlDirectory;
    private final TlsVersion minVersion;
    private final TlsVersion maxVersion;
    private final boolean sni;
    private final SslNegotiation negotiation;
    private final boolean clientCertificateRequired;
    private final TlsEngine engine;
    private int hash;

    private TlsOptions(TrustSource trust, ClientIdentity identity, Path crlFile, Path crlDirectory,
                       TlsVersion minVersion, TlsVersion maxVersion, boolean sni, SslNegotiation negotiation,
                       boolean clientCertificateRequired, TlsEngine engine) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.crlFile = crlFile;
        this.crlDirectory = crlDirectory;
        this.minVersion = minVersion;
        this.maxVersion = maxVersion;
        this.sni = sni;
        this.negotiation = Objects.requireNonNull(negotiation, "negotiation");
        this.clientCertificateRequired = clientCertificateRequired;
        this.engine = Objects.requireNonNull(engine, "engine");
        if (minVersion != null && maxVersion != null && minVersion.compareTo(maxVersion) > 0) {
            throw new SslConfigurationException("ssl_max_protocol_version",
                    "invalid SSL protocol version range: ssl_min_protocol_version " + minVersion
                            + " is above ssl_max_protocol_version " + maxVersion + "; lower the minimum or raise the maximum");
        }
    }

    /** {@return libpq's defaults} No trust anchors, no client certificate, TLSv1.2 minimum, SNI on, SSLRequest negotiation. */
    public static TlsOptions defaults() {
        return DEFAULTS;
    }

    /** {@return where the certificates that authenticate the server come from} */
    public TrustSource trust() {
        return trust;
    }

    /** {@return the client certificate and key presented when the server asks ({@code sslcert}/{@code sslkey})} */
    public ClientIdentity identity() {
        return identity;
    }

    /** {@return {@code sslcrl}, a CRL file} PEM or DER; it may hold several CRLs. */
    public Optional<Path> crlFile() {
        return Optional.ofNullable(crlFile);
    }

    /** {@return {@code sslcrldir}, a directory of CRL files} */
    public Optional<Path> crlDirectory() {
        return Optional.ofNullable(crlDirectory);
    }

    /** {@return {@code ssl_min_protocol_version}} The material uses TLSv1.2 when empty. */
    public Optional<TlsVersion> minVersion() {
        return Optional.ofNullable(minVersion);
    }

    /** {@return {@code ssl_max_protocol_version}} Empty means the highest JSSE supports. */
    public Optional<TlsVersion> maxVersion() {
        return Optional.ofNullable(maxVersion);
    }

    /** {@return {@code sslsni}: whether SNI is sent} Only ever for DNS names, never for IP literals. */
    public boolean sni() {
        return sni;
    }

    /** {@return {@code sslnegotiation}} SSLRequest first, or direct TLS with ALPN {@code postgresql}. */
    public SslNegotiation negotiation() {
        return negotiation;
    }

    /**
     * {@return whether {@code sslcertmode=require} applies} The connection must then fail when the
     * server accepted it without a client certificate having been sent; see
     * {@link TlsMaterial#checkClientCertificateSent}.
     */
    public boolean clientCertificateRequired() {
        return clientCertificateRequired;
    }

    /**
     * {@code pgssl.tls_engine}: the TLS implementation that runs the handshake ({@link TlsEngine#JDK}
     * by default). Every rule stays pgssl's whatever the engine.
     *
     * @return the engine
     */
    public TlsEngine engine() {
        return engine;
    }

    /**
     * A copy with another TLS engine; the rest unchanged.
     *
     * @param v the engine
     * @return the copy
     */
    public TlsOptions withEngine(TlsEngine v) {
        return new TlsOptions(trust, identity, crlFile, crlDirectory, minVersion, maxVersion, sni, negotiation, clientCertificateRequired, v);
    }

    /**
     * A copy with another value; the rest unchanged.
     *
     * @param v the new value
     * @return the copy
     */
    public TlsOptions withTrust(TrustSource v) {
        return new TlsOptions(v, identity, crlFile, crlDirectory, minVersion, maxVersion, sni, negotiation, clientCertificateRequired, engine);
    }

    /**
     * A copy with another value; the rest unchanged.
     *
     * @param v the new value
     * @return the copy
     */
    public TlsOptions withIdentity(ClientIdentity v) {
        return new TlsOptions(trust, v, crlFile, crlDirectory, minVersion, maxVersion, sni, negotiation, clientCertificateRequired, engine);
    }

    /**
     * A copy with another value; the rest unchanged.
     *
     * @param v the new value
     * @return the copy
     */
    public TlsOptions withCrlFile(Path v) {
        return new TlsOptions(trust, identity, v, crlDirectory, minVersion, maxVersion, sni, negotiation, clientCertificateRequired, engine);
    }

    /**
     * A copy with another value; the rest unchanged.
     *
     * @param v the new value
     * @return the copy
     */
    public TlsOptions withCrlDirectory(Path v) {
        return new TlsOptions(trust, identity, crlFile, v, minVersion, maxVersion, sni, negotiation, clientCertificateRequired, engine);
    }

    /**
     * A copy with another value; the rest unchanged.
     *
     * @param v the new value
     * @return the copy
     */
    public TlsOptions withMinVersion(TlsVersion v) {
        return new TlsOptions(trust, identity, crlFile, crlDirectory, v, maxVersion, sni, negotiation, clientCertificateRequired, engine);
    }

    /**
     * A copy with another value; the rest unchanged.
     *
     * @param v the new value
     * @return the copy
     */
    public TlsOptions withMaxVersion(TlsVersion v) {
        return new TlsOptions(trust, identity, crlFile, crlDirectory, minVersion, v, sni, negotiation, clientCertificateRequired, engine);
    }

    /**
     * A copy with another value; the rest unchanged.
     *
     * @param v the new value
     * @return the copy
     */
    public TlsOptions withSni(boolean v) {
        return new TlsOptions(trust, identity, crlFile, crlDirectory, minVersion, maxVersion, v, negotiation, clientCertificateRequired, engine);
    }

    /**
     * A copy with another value; the rest unchanged.
     *
     * @param v the new value
     * @return the copy
     */
    public TlsOptions withNegotiation(SslNegotiation v) {
        return new TlsOptions(trust, identity, crlFile, crlDirectory, minVersion, maxVersion, sni, v, clientCertificateRequired, engine);
    }

    /**
     * A copy with another value; the rest unchanged.
     *
     * @param v the new value
     * @return the copy
     */
    public TlsOptions withClientCertificateRequired(boolean v) {
        return new TlsOptions(trust, identity, crlFile, crlDirectory, minVersion, maxVersion, sni, negotiation, v, engine);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsOptions t && trust.equals(t.trust) && identity.equals(t.identity)
                && Objects.equals(crlFile, t.crlFile) && Objects.equals(crlDirectory, t.crlDirectory)
                && minVersion == t.minVersion && maxVersion == t.maxVersion && sni == t.sni
                && negotiation == t.negotiation && clientCertificateRequired == t.clientCertificateRequired
                && engine == t.engine;
    }

    @Override
    public int hashCode() {
        // cached: the material cache looks policies up on every configure() (target ~1 µs)
        int h = hash;
        if (h == 0) {
            h = Objects.hash(trust, identity, crlFile, crlDirectory, minVersion, maxVersion, sni, negotiation, clientCertificateRequired, engine);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "TlsOptions[trust=" + trust + ", identity=" + identity + ", crlFile=" + crlFile + ", crlDirectory="
                + crlDirectory + ", min=" + minVersion + ", max=" + maxVersion + ", sni=" + sni
                + ", negotiation=" + negotiation + (clientCertificateRequired ? ", sslcertmode=require" : "")
                + (engine == TlsEngine.JDK ? "" : ", engine=" + engine.wireValue()) + "]";
    }
}
