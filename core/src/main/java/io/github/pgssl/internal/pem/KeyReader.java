package io.github.pgssl.internal.pem;

import io.github.pgssl.Secret;

import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Collections;

/**
 * Reads a private key by content: PEM (PKCS#1, PKCS#8, SEC1, encrypted PKCS#8 including PBES2,
 * legacy OpenSSL {@code Proc-Type: 4,ENCRYPTED}), DER of the same structures, or PKCS#12.
 * Unencrypted PKCS#8 is read with the JDK; BouncyCastle is loaded only for the other forms.
 * Not API.
 */
public final class KeyReader {
    private static final String[] ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"};

    private KeyReader() {
    }

    /** A key that cannot be read; {@link #reason()} is OpenSSL-like ("bad decrypt", ...). */
    public static final class KeyReadException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        KeyReadException(Problem problem, String detail) {
            super(detail, null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** What went wrong. */
    public enum Problem {
        /** The passphrase does not decrypt the key. */
        BAD_DECRYPT,
        /** The key is encrypted and no passphrase was given. */
        NEEDS_PASSWORD,
        /** Not a key in any supported format. */
        UNREADABLE
    }

    /**
     * The private key in {@code content}.
     *
     * @param password the passphrase ({@code sslpassword}); may be null
     * @throws KeyReadException when it cannot be read
     */
    public static PrivateKey read(byte[] content, Secret password) {
        if (PemBlock.isPem(content)) {
            java.util.List<PemBlock> blocks;
            try {
                blocks = PemBlock.parseAll(content);
            } catch (IllegalArgumentException e) {
                throw new KeyReadException(Problem.UNREADABLE, e.getMessage());
            }
            for (PemBlock b : blocks) {
                switch (b.type()) {
                    case "PRIVATE KEY":
                        PrivateKey k = pkcs8(b.der());
                        if (k == null) {
                            throw new KeyReadException(Problem.UNREADABLE, "unsupported PKCS#8 key algorithm");
                        }
                        return k;
                    case "RSA PRIVATE KEY":
                    case "EC PRIVATE KEY":
                    case "DSA PRIVATE KEY":
                    case "ENCRYPTED PRIVATE KEY":
                        return BcKeys.fromPem(b.text(), password);
                    default:
                        break;
                }
            }
            throw new KeyReadException(Problem.UNREADABLE, "no private key block found");
        }
        if (content.length > 0 && content[0] == 0x30) {
            PrivateKey k = pkcs8(content);
            if (k != null) {
                return k;
            }
            k = BcKeys.fromDer(content, password);
            if (k != null) {
                return k;
            }
            k = pkcs12(content, password);
            if (k != null) {
                return k;
            }
        }
        throw new KeyReadException(Problem.UNREADABLE, "not a PEM, DER or PKCS#12 private key");
    }

    static PrivateKey pkcs8(byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String alg : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                // not this algorithm
            }
        }
        return null;
    }

    private static PrivateKey pkcs12(byte[] content, Secret password) {
        KeyStore ks;
        try {
            ks = Pkcs12.load(content, password);
        } catch (Pkcs12.BadPasswordException e) {
            throw new KeyReadException(password == null ? Problem.NEEDS_PASSWORD : Problem.BAD_DECRYPT, "bad decrypt");
        }
        if (ks == null) {
            return null;
        }
        char[] pw = password == null ? new char[0] : password.revealChars();
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    return (PrivateKey) ks.getKey(alias, pw);
                }
            }
            throw new KeyReadException(Problem.UNREADABLE, "PKCS#12 file holds no private key");
        } catch (java.security.GeneralSecurityException e) {
            throw new KeyReadException(Problem.BAD_DECRYPT, "bad decrypt");
        } finally {
            java.util.Arrays.fill(pw, '\0');
        }
    }
}
