package io.github.pgssl;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the certificates that authenticate the server come from.
 *
 * <p><b>Security:</b> {@link #none()} authenticates nothing; it is only valid with
 * {@link SslPolicy.NoVerify}. {@link #system()} trusts every CA in the JDK trust store (or
 * {@code SSL_CERT_FILE}/{@code SSL_CERT_DIR} as libpq does), so pair it with hostname checks.
 * {@link #pinned(List)} trusts exactly the certificates or public keys with the given SHA-256
 * fingerprints.
 */
public sealed interface TrustSource {

    /** {@return no trust anchors} The chain is not checked. */
    static TrustSource none() {
        return None.INSTANCE;
    }

    /**
     * A PEM (or DER) file holding one or many CA certificates, in any order.
     *
     * @param file the file ({@code sslrootcert})
     * @return the trust source
     */
    static TrustSource pemFile(Path file) {
        return new PemFile(file);
    }

    /**
     * PEM text held in memory, such as a CA certificate passed in an environment variable.
     *
     * @param pem one or more PEM certificates
     * @return the trust source
     */
    static TrustSource pemText(String pem) {
        return new PemText(pem);
    }

    /**
     * A key store file (PKCS#12 or JKS) of trusted certificates.
     *
     * @param file the key store file
     * @param type {@code PKCS12} or {@code JKS}, or {@code null} for the JDK's default type
     * @param password the key store password, or {@code null}
     * @return the trust source
     */
    static TrustSource keyStore(Path file, String type, Secret password) {
        return new KeyStoreFile(file, type, password);
    }

    /**
     * The JDK's trusted roots (its {@code cacerts}, or {@code javax.net.ssl.trustStore}). Use
     * {@link #system(PgEnvironment)} for libpq's {@code sslrootcert=system}, which honours
     * {@code SSL_CERT_FILE} and {@code SSL_CERT_DIR}.
     *
     * @return the trust source
     */
    static TrustSource system() {
        return System.INSTANCE;
    }

    /**
     * libpq's {@code sslrootcert=system}: OpenSSL's default verify paths, which
     * {@code SSL_CERT_FILE} (a PEM bundle) and {@code SSL_CERT_DIR} (directories, separated by
     * {@code :}) override. When neither variable is set in {@code environment}, the JDK's trusted
     * roots stand in for OpenSSL's default store ({@link #system()}).
     *
     * @param environment where {@code SSL_CERT_FILE} and {@code SSL_CERT_DIR} are read
     * @return the trust source
     */
    static TrustSource system(PgEnvironment environment) {
        java.util.Optional<String> file = environment.get("SSL_CERT_FILE");
        java.util.Optional<String> dir = environment.get("SSL_CERT_DIR");
        if (file.isEmpty() && dir.isEmpty()) {
            return System.INSTANCE;
        }
        List<Path> dirs = new java.util.ArrayList<>();
        if (dir.isPresent()) {
            for (String part : dir.get().split(":")) {
                if (!part.isEmpty()) {
                    dirs.add(io.github.pgssl.internal.parse.SettingPaths.of("sslrootcert", part));
                }
            }
        }
        return new SystemPaths(file.isPresent() ? Path.of(file.get()) : null, dirs);
    }

    /**
     * Trusts the server only if its leaf certificate or public key has one of these SHA-256 fingerprints.
     *
     * @param sha256Fingerprints SHA-256 fingerprints in hex, colons optional
     * @return the trust source
     */
    static TrustSource pinned(List<String> sha256Fingerprints) {
        return new Pinned(sha256Fingerprints);
    }

    /** See {@link TrustSource#none()}. */
    enum None implements TrustSource {
        /** The only instance. */
        INSTANCE;

        @Override
        public String toString() {
            return "none";
        }
    }

    /** See {@link TrustSource#system()}. */
    enum System implements TrustSource {
        /** The only instance. */
        INSTANCE;

        @Override
        public String toString() {
            return "system";
        }
    }

    /**
     * See {@link TrustSource#system(PgEnvironment)}: {@code SSL_CERT_FILE} ({@code certFile}, may be
     * null) and {@code SSL_CERT_DIR} ({@code certDirs}, may be empty). Files that are missing or hold
     * no certificate are skipped, as OpenSSL skips them.
     */
    record SystemPaths(Path certFile, List<Path> certDirs) implements TrustSource {
        /**
         * Creates the source.
         *
         * @param certFile {@code SSL_CERT_FILE}, or {@code null}
         * @param certDirs the directories of {@code SSL_CERT_DIR}, possibly none
         */
        public SystemPaths {
            certDirs = List.copyOf(certDirs);
        }

        // equals and hashCode written out: a record's generated ones bootstrap java.lang.runtime.ObjectMethods
        // on first use, and trust sources are part of the material cache's key on the first connection

        @Override
        public boolean equals(Object o) {
            return o instanceof SystemPaths p && Objects.equals(certFile, p.certFile) && certDirs.equals(p.certDirs);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(certFile) + certDirs.hashCode();
        }
    }

    /** See {@link TrustSource#pemFile(Path)}. */
    record PemFile(Path file) implements TrustSource {
        /**
         * Creates the source.
         *
         * @param file the PEM file of CA certificates
         */
        public PemFile {
            Objects.requireNonNull(file, "file");
        }

        // equals, hashCode and toString written out: a record's generated ones bootstrap
        // java.lang.runtime.ObjectMethods on first use, and this is part of the material cache's key

        @Override
        public boolean equals(Object o) {
            return o instanceof PemFile p && file.equals(p.file);
        }

        @Override
        public int hashCode() {
            return file.hashCode();
        }

        @Override
        public String toString() {
            return "PemFile[file=" + file + "]";
        }
    }

    /** See {@link TrustSource#pemText(String)}. */
    record PemText(String pem) implements TrustSource {
        /**
         * Creates the source.
         *
         * @param pem PEM text holding one or more CA certificates
         */
        public PemText {
            Objects.requireNonNull(pem, "pem");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PemText p && pem.equals(p.pem);
        }

        @Override
        public int hashCode() {
            return pem.hashCode();
        }

        @Override
        public String toString() {
            return "PemText[" + pem.length() + " characters]";
        }
    }

    /** See {@link TrustSource#keyStore(Path, String, Secret)}. The password is a {@link Secret}, so it never prints. */
    record KeyStoreFile(Path file, String type, Secret password) implements TrustSource {
        /**
         * Creates the source.
         *
         * @param file the key store file
         * @param type the key store type ({@code PKCS12}, {@code JKS}), or {@code null} for the JDK's default type
         * @param password the key store password, or {@code null}
         */
        public KeyStoreFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyStoreFile k && file.equals(k.file) && Objects.equals(type, k.type)
                    && Objects.equals(password, k.password);
        }

        @Override
        public int hashCode() {
            return Objects.hash(file, type, password);
        }

        @Override
        public String toString() {
            return "KeyStoreFile[file=" + file + ", type=" + type + (password != null ? ", password=" + Secret.MASK : "") + "]";
        }
    }

    /** See {@link TrustSource#pinned(List)}. */
    record Pinned(List<String> sha256Fingerprints) implements TrustSource {
        /**
         * Fingerprints are normalized to 64 lower-case hex digits (colons and spaces removed).
         *
         * @param sha256Fingerprints SHA-256 fingerprints in hex, colons and spaces optional
         * @throws SslConfigurationException for a value that is not a SHA-256 fingerprint
         */
        public Pinned {
            List<String> norm = new java.util.ArrayList<>();
            for (String f : sha256Fingerprints) {
                String n = f.replace(":", "").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
                if (n.isEmpty()) {
                    continue;
                }
                if (n.length() != 64 || !isLowerHex(n)) {
                    throw new SslConfigurationException("pgssl.pin", "pgssl.pin: \"" + f
                            + "\" is not a SHA-256 fingerprint; give 64 hex digits (colons allowed), as printed by openssl x509 -noout -fingerprint -sha256");
                }
                norm.add(n);
            }
            sha256Fingerprints = List.copyOf(norm);
            if (sha256Fingerprints.isEmpty()) {
                throw new SslConfigurationException("pgssl.pin", "pinned trust needs at least one SHA-256 fingerprint; set pgssl.pin=<hex sha256>");
            }
        }

        private static boolean isLowerHex(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pinned p && sha256Fingerprints.equals(p.sha256Fingerprints);
        }

        @Override
        public int hashCode() {
            return sha256Fingerprints.hashCode();
        }
    }
}
