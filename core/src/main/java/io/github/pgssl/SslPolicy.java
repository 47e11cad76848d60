package io.github.pgssl;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connection does about TLS: one of four variants, each a complete, immutable decision.
 *
 * <ul>
 *   <li>{@link Disabled}: plaintext.</li>
 *   <li>{@link NoVerify}: encrypted, server not authenticated.</li>
 *   <li>{@link VerifyCa}: encrypted, chain verified against the trust source, hostname not checked.</li>
 *   <li>{@link VerifyFull}: encrypted, chain and hostname (libpq's rules) verified.</li>
 * </ul>
 *
 * <p>{@link #fallback()} carries libpq's {@code allow}/{@code prefer} behaviour: the order in
 * which a TLS attempt and a plaintext attempt are made.
 *
 * <p>Policies are normally resolved from a connection string by libpq's rules
 * ({@code PgSsl.policy(...)}); the static factories here build named policies in code, which
 * override the connection string.
 */
public sealed interface SslPolicy permits SslPolicy.Disabled, SslPolicy.Tls {

    /** libpq's ordering of attempts for {@code allow} and {@code prefer}. */
    enum Fallback {
        /** Only the policy's own attempt ({@code disable}, {@code require}, {@code verify-*}). */
        NONE,
        /** TLS first; after any failure of the TLS attempt, plaintext on a new connection ({@code prefer}). */
        PLAINTEXT_AFTER_TLS_FAILURE,
        /** Plaintext first; TLS if the plaintext attempt fails ({@code allow}). */
        PLAINTEXT_FIRST
    }

    /** {@return the fallback order} Always {@link Fallback#NONE} for {@link Disabled}. */
    Fallback fallback();

    /** {@return the TLS options of the TLS attempt} Empty for {@link Disabled}. */
    Optional<TlsOptions> tls();

    /** {@return the strategy name this policy came from} {@code libpq} when resolved from sslmode. */
    String strategy();

    /** {@return whether the TLS attempt authenticates the server (chain or pin)} */
    default boolean authenticatesServer() {
        return this instanceof VerifyCa || this instanceof VerifyFull;
    }

    /**
     * The same decision with another fallback.
     *
     * @param fallback the fallback order
     * @return a copy with that fallback
     */
    SslPolicy withFallback(Fallback fallback);

    /**
     * The same decision with other TLS options (ignored by {@link Disabled}).
     *
     * @param tls the TLS options
     * @return a copy with those options
     */
    SslPolicy withTls(TlsOptions tls);

    /**
     * Plaintext only.
     *
     * <p><b>Security:</b> nothing is encrypted.
     *
     * @return the policy
     */
    static SslPolicy disabled() {
        return Disabled.INSTANCE;
    }

    /**
     * Encrypt, but do not authenticate the server. Logs one WARN per policy when first used.
     * <p><b>Security:</b> an active attacker can impersonate the server and read everything.
     *
     * @return the policy
     */
    static SslPolicy noVerify() {
        return new NoVerify(TlsOptions.defaults(), Fallback.NONE, "no-verify");
    }

    /**
     * Verify the chain against the CA certificates in {@code caFile}; do not check the hostname.
     * <p><b>Security:</b> any server holding a certificate from these CAs is accepted.
     *
     * @param caFile a PEM (or DER) file of CA certificates
     * @return the policy
     */
    static SslPolicy caFile(Path caFile) {
        return new VerifyCa(TlsOptions.defaults().withTrust(TrustSource.pemFile(caFile)), Fallback.NONE, "ca-file");
    }

    /**
     * Verify the chain against {@code trust} and the hostname by libpq's rules.
     * <p><b>Security:</b> the strongest policy; the server must prove it is the named host.
     *
     * @param trust the trust anchors
     * @return the policy
     */
    static SslPolicy fullVerify(TrustSource trust) {
        return new VerifyFull(TlsOptions.defaults().withTrust(trust), Fallback.NONE, "full-verify");
    }

    /**
     * Accept the server only when its leaf certificate or public key has one of these SHA-256
     * fingerprints; no CA and no hostname are involved.
     * <p><b>Security:</b> real authentication for self-signed providers; rotate pins with the certificate.
     *
     * @param sha256Fingerprints SHA-256 fingerprints in hex, colons optional
     * @return the policy
     */
    static SslPolicy pinned(List<String> sha256Fingerprints) {
        return new VerifyCa(TlsOptions.defaults().withTrust(TrustSource.pinned(sha256Fingerprints)), Fallback.NONE, "pinned");
    }

    /** Plaintext. */
    final class Disabled implements SslPolicy {
        static final Disabled INSTANCE = new Disabled();

        private Disabled() {
        }

        @Override
        public Fallback fallback() {
            return Fallback.NONE;
        }

        @Override
        public Optional<TlsOptions> tls() {
            return Optional.empty();
        }

        @Override
        public String strategy() {
            return "disabled";
        }

        @Override
        public SslPolicy withFallback(Fallback fallback) {
            return this;
        }

        @Override
        public SslPolicy withTls(TlsOptions tls) {
            return this;
        }

        @Override
        public String toString() {
            return "SslPolicy.Disabled";
        }
    }

    /** Base of the three TLS variants. */
    abstract sealed class Tls implements SslPolicy permits NoVerify, VerifyCa, VerifyFull {
        private final TlsOptions options;
        private final Fallback fallback;
        private final String strategy;
        private int hash;

        Tls(TlsOptions options, Fallback fallback, String strategy) {
            this.options = Objects.requireNonNull(options, "options");
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            this.strategy = Objects.requireNonNull(strategy, "strategy");
        }

        /** {@return the TLS options} Never empty for these variants. */
        public TlsOptions options() {
            return options;
        }

        @Override
        public Optional<TlsOptions> tls() {
            return Optional.of(options);
        }

        @Override
        public Fallback fallback() {
            return fallback;
        }

        @Override
        public String strategy() {
            return strategy;
        }

        @Override
        public boolean equals(Object o) {
            return o != null && o.getClass() == getClass() && options.equals(((Tls) o).options)
                    && fallback == ((Tls) o).fallback && strategy.equals(((Tls) o).strategy);
        }

        @Override
        public int hashCode() {
            // cached: the material cache looks policies up on every configure() (target ~1 µs)
            int h = hash;
            if (h == 0) {
                h = Objects.hash(getClass().getName(), options, fallback, strategy);
                hash = h;
            }
            return h;
        }

        @Override
        public String toString() {
            return "SslPolicy." + getClass().getSimpleName() + "[strategy=" + strategy + ", fallback=" + fallback
                    + ", " + options + "]";
        }
    }

    /** Encrypted, server not authenticated. <p><b>Security:</b> open to impersonation; named so. */
    final class NoVerify extends Tls {
        /**
         * Creates the policy.
         *
         * @param options trust, client identity, CRLs, TLS versions, SNI and negotiation
         * @param fallback what may happen after a failed TLS attempt
         * @param strategy the strategy name that chose it, for messages and the doctor
         */
        public NoVerify(TlsOptions options, Fallback fallback, String strategy) {
            super(options, fallback, strategy);
        }

        @Override
        public SslPolicy withFallback(Fallback f) {
            return new NoVerify(options(), f, strategy());
        }

        @Override
        public SslPolicy withTls(TlsOptions t) {
            return new NoVerify(t, fallback(), strategy());
        }
    }

    /** Encrypted, chain (or pin) verified, hostname not checked. <p><b>Security:</b> any certificate from the trusted CAs is accepted for any host. */
    final class VerifyCa extends Tls {
        /**
         * Creates the policy.
         *
         * @param options trust (not {@link TrustSource#none()}), client identity, CRLs, TLS versions, SNI and negotiation
         * @param fallback what may happen after a failed TLS attempt
         * @param strategy the strategy name that chose it, for messages and the doctor
         * @throws SslConfigurationException when the options trust nothing
         */
        public VerifyCa(TlsOptions options, Fallback fallback, String strategy) {
            super(options, fallback, strategy);
            if (options.trust() == TrustSource.none()) {
                throw new SslConfigurationException("sslrootcert", "verify-ca needs a trust source; set sslrootcert to a CA file or to system");
            }
        }

        @Override
        public SslPolicy withFallback(Fallback f) {
            return new VerifyCa(options(), f, strategy());
        }

        @Override
        public SslPolicy withTls(TlsOptions t) {
            return new VerifyCa(t, fallback(), strategy());
        }
    }

    /** Encrypted, chain and hostname verified. <p><b>Security:</b> the server is authenticated as the host named in {@code host}. */
    final class VerifyFull extends Tls {
        /**
         * Creates the policy.
         *
         * @param options trust (not {@link TrustSource#none()}), client identity, CRLs, TLS versions, SNI and negotiation
         * @param fallback what may happen after a failed TLS attempt
         * @param strategy the strategy name that chose it, for messages and the doctor
         * @throws SslConfigurationException when the options trust nothing
         */
        public VerifyFull(TlsOptions options, Fallback fallback, String strategy) {
            super(options, fallback, strategy);
            if (options.trust() == TrustSource.none()) {
                throw new SslConfigurationException("sslrootcert", "verify-full needs a trust source; set sslrootcert to a CA file or to system");
            }
        }

        @Override
        public SslPolicy withFallback(Fallback f) {
            return new VerifyFull(options(), f, strategy());
        }

        @Override
        public SslPolicy withTls(TlsOptions t) {
            return new VerifyFull(t, fallback(), strategy());
        }
    }
}
