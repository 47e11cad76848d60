package io.github.pgssl;

import java.util.Locale;

/**
 * A policy in short words, the same wherever pgssl reports one (the doctor, the Spring Boot
 * actuator, framework health details): {@link #kind}, {@link #encryption} and {@link #trust}.
 * Nothing here reveals a secret: a policy holds none, and trust sources are named by file or kind.
 */
public final class PolicyDescription {
    private PolicyDescription() {
    }

    /**
     * The policy's kind: {@code disabled}, {@code no-verify}, {@code verify-ca} or {@code verify-full}.
     *
     * @param policy the policy
     * @return its kind
     */
    public static String kind(SslPolicy policy) {
        if (policy instanceof SslPolicy.Disabled) {
            return "disabled";
        } else if (policy instanceof SslPolicy.NoVerify) {
            return "no-verify";
        } else if (policy instanceof SslPolicy.VerifyCa) {
            return "verify-ca";
        }
        return "verify-full";
    }

    /**
     * When the connection is encrypted: {@code always}, {@code never}, or libpq's
     * {@code prefer}/{@code allow} condition in words.
     *
     * @param policy the policy
     * @return when the connection is encrypted
     */
    public static String encryption(SslPolicy policy) {
        return switch (policy.fallback()) {
            case NONE -> policy instanceof SslPolicy.Tls ? "always" : "never";
            case PLAINTEXT_AFTER_TLS_FAILURE -> "if the TLS attempt succeeds, else plaintext";
            case PLAINTEXT_FIRST -> "only if the server refuses plaintext";
        };
    }

    /**
     * Where trust comes from, in words ({@code the CA file /path}, {@code the system's trusted roots
     * (the JDK's cacerts)}, ...).
     *
     * @param trust the trust source
     * @return the source in words
     */
    public static String trust(TrustSource trust) {
        if (trust instanceof TrustSource.None) {
            return "no trust anchors";
        } else if (trust instanceof TrustSource.System) {
            return "the system's trusted roots (the JDK's cacerts)";
        } else if (trust instanceof TrustSource.SystemPaths sp) {
            return "the system's trusted roots (" + (sp.certFile() != null ? "SSL_CERT_FILE=" + sp.certFile() : "")
                    + (sp.certFile() != null && !sp.certDirs().isEmpty() ? ", " : "")
                    + (sp.certDirs().isEmpty() ? "" : "SSL_CERT_DIR=" + sp.certDirs()) + ")";
        } else if (trust instanceof TrustSource.PemFile f) {
            return "the CA file " + f.file();
        } else if (trust instanceof TrustSource.PemText) {
            return "CA certificates given as PEM text";
        } else if (trust instanceof TrustSource.KeyStoreFile k) {
            return "the key store " + k.file();
        } else if (trust instanceof TrustSource.Pinned p) {
            return "the pinned SHA-256 fingerprints " + p.sha256Fingerprints();
        }
        return trust.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
