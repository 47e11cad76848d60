package io.github.pgssl.testkit.pki;

/**
 * The on-disk encodings a private key can be written in, covering what libpq's {@code sslkey} accepts
 * (PEM or DER, PKCS#1/SEC1/PKCS#8, encrypted or not) plus PKCS#12 for Java clients.
 */
public enum KeyFormat {
    /** {@code -----BEGIN RSA PRIVATE KEY-----} (PKCS#1). RSA keys only. */
    PKCS1_PEM(false, false),
    /** {@code -----BEGIN EC PRIVATE KEY-----} (SEC1, RFC 5915). EC keys only. */
    SEC1_PEM(false, false),
    /** {@code -----BEGIN PRIVATE KEY-----} (unencrypted PKCS#8). */
    PKCS8_PEM(false, false),
    /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}: PKCS#8 encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC). */
    PKCS8_ENCRYPTED_PEM(false, true),
    /**
     * OpenSSL's legacy encryption: the traditional form (PKCS#1 for RSA, SEC1 for EC) with
     * {@code Proc-Type: 4,ENCRYPTED} and {@code DEK-Info: AES-256-CBC,...} headers.
     */
    LEGACY_ENCRYPTED_PEM(false, true),
    /** Binary PKCS#1 (RSA) or SEC1 (EC) structure, as libpq's DER fallback reads it. */
    TRADITIONAL_DER(true, false),
    /** Binary unencrypted PKCS#8 ({@code PrivateKeyInfo}). */
    PKCS8_DER(true, false),
    /**
     * Binary encrypted PKCS#8 ({@code EncryptedPrivateKeyInfo}, the same PBES2 parameters as
     * {@link #PKCS8_ENCRYPTED_PEM}). libpq cannot load it: it reads a DER key without a passphrase
     * callback, and psql 15 with OpenSSL 3.0 fails with {@code could not load private key file "...":
     * unsupported} (PostgreSQL's suite file {@code client-encrypted-der.key} is in fact not encrypted).
     */
    PKCS8_ENCRYPTED_DER(true, true),
    /** A PKCS#12 key store holding the key, its certificate and the chain (password-protected). */
    PKCS12(true, true);

    private final boolean binary;
    private final boolean needsPassword;

    KeyFormat(boolean binary, boolean needsPassword) {
        this.binary = binary;
        this.needsPassword = needsPassword;
    }

    /** {@return whether the written file is binary (DER or PKCS#12) rather than PEM text} */
    public boolean isBinary() {
        return binary;
    }

    /** {@return whether writing this format requires a password} */
    public boolean needsPassword() {
        return needsPassword;
    }
}
