package io.github.pgssl;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The client certificate chain and private key presented to the server, or none.
 *
 * <p>Key formats are detected by content: PKCS#1, PKCS#8, SEC1, encrypted PKCS#8, legacy
 * OpenSSL-encrypted PEM, DER and PKCS#12.
 *
 * <p><b>Security:</b> the key file must have libpq's permissions (0600, or 0640 when owned by root).
 */
public final class ClientIdentity {
    private static final ClientIdentity NONE = new ClientIdentity(null, null, null);

    private final Path certificateFile;
    private final Path keyFile;
    private final Secret keyPassword;

    private ClientIdentity(Path certificateFile, Path keyFile, Secret keyPassword) {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.keyPassword = keyPassword;
    }

    /** {@return no client certificate} */
    public static ClientIdentity none() {
        return NONE;
    }

    /**
     * A certificate (chain, leaf first) and a key file.
     *
     * @param certificateFile {@code sslcert}: the certificate file, leaf first
     * @param keyFile {@code sslkey}: the private key file, in any supported format
     * @param keyPassword {@code sslpassword}, or {@code null}
     * @return the identity
     */
    public static ClientIdentity of(Path certificateFile, Path keyFile, Secret keyPassword) {
        return new ClientIdentity(Objects.requireNonNull(certificateFile, "certificateFile"),
                Objects.requireNonNull(keyFile, "keyFile"), keyPassword);
    }

    /** {@return whether a client certificate is configured} */
    public boolean isPresent() {
        return certificateFile != null;
    }

    /** {@return {@code sslcert}, the certificate file} Leaf first; intermediates may follow. */
    public Optional<Path> certificateFile() {
        return Optional.ofNullable(certificateFile);
    }

    /** {@return {@code sslkey}, the private key file} In any supported format. */
    public Optional<Path> keyFile() {
        return Optional.ofNullable(keyFile);
    }

    /** {@return {@code sslpassword}, the key passphrase, if any} */
    public Optional<Secret> keyPassword() {
        return Optional.ofNullable(keyPassword);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientIdentity c && Objects.equals(certificateFile, c.certificateFile)
                && Objects.equals(keyFile, c.keyFile) && Objects.equals(keyPassword, c.keyPassword);
    }

    @Override
    public int hashCode() {
        return Objects.hash(certificateFile, keyFile, keyPassword);
    }

    @Override
    public String toString() {
        return isPresent() ? "ClientIdentity[cert=" + certificateFile + ", key=" + keyFile
                + (keyPassword != null ? ", keyPassword=" + Secret.MASK : "") + "]" : "ClientIdentity[none]";
    }
}
