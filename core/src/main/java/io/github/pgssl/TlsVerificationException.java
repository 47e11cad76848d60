package io.github.pgssl;

import java.security.cert.CertificateException;
import java.util.Objects;

/**
 * The server's certificate was refused during the TLS handshake by a pgssl trust manager.
 *
 * <p>It is a {@link CertificateException}, so every driver surfaces it as the cause of its
 * handshake failure; adapters look for it in the cause chain to produce libpq-like errors. The
 * message starts with libpq's words: {@code certificate verify failed: ...} for chain and pin
 * failures, and libpq's exact host-name text for {@link Reason#HOSTNAME_MISMATCH}.
 */
public final class TlsVerificationException extends CertificateException {
    private static final long serialVersionUID = 1L;

    /** Why the certificate was refused. */
    public enum Reason {
        /** The chain does not reach a self-signed anchor of the trust source ("unknown CA"). */
        UNTRUSTED,
        /** A certificate of the chain has expired. */
        EXPIRED,
        /** A certificate of the chain is not yet valid. */
        NOT_YET_VALID,
        /** A certificate of the chain is listed in a configured CRL. */
        REVOKED,
        /** CRLs are configured but none covers a CA of the chain (OpenSSL's CRL_CHECK_ALL). */
        REVOCATION_UNKNOWN,
        /** The chain is otherwise invalid (signature, basic constraints, key usage ...). */
        INVALID_CHAIN,
        /** The leaf matches none of the pinned SHA-256 fingerprints. */
        PIN_MISMATCH,
        /** verify-full: the certificate does not name the host, or no host was given. */
        HOSTNAME_MISMATCH,
        /** Direct negotiation: the server did not select ALPN {@code postgresql}. */
        ALPN_MISSING
    }

    /** What failed. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason what failed
     * @param message the full, libpq-like message (never a secret)
     */
    public TlsVerificationException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Creates the exception with its cause.
     *
     * @param reason what failed
     * @param message the full, libpq-like message (never a secret)
     * @param cause the underlying failure
     */
    public TlsVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** {@return why the certificate was refused} */
    public Reason reason() {
        return reason;
    }

    /**
     * {@return the first {@code TlsVerificationException} in {@code t}'s cause chain, or {@code null}}
     *
     * @param t a throwable, or {@code null}
     */
    public static TlsVerificationException findIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TlsVerificationException v) {
                return v;
            }
        }
        return null;
    }
}
