package io.github.pgssl.internal.pem;

import io.github.pgssl.Secret;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** PKCS#12 loading with the JDK. Not API. */
final class Pkcs12 {
    private Pkcs12() {
    }

    /** The key store, or null when {@code content} is not PKCS#12. A wrong password is reported as {@link BadPasswordException}. */
    static KeyStore load(byte[] content, Secret password) {
        KeyStore ks;
        try {
            ks = KeyStore.getInstance("PKCS12");
        } catch (java.security.KeyStoreException e) {
            return null;
        }
        char[] pw = password == null ? new char[0] : password.revealChars();
        try {
            ks.load(new ByteArrayInputStream(content), pw);
            return ks;
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password")) {
                throw new BadPasswordException();
            }
            return null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        } finally {
            java.util.Arrays.fill(pw, '\0');
        }
    }

    /** The passphrase does not decrypt the content (OpenSSL's "bad decrypt"). */
    static final class BadPasswordException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadPasswordException() {
            super("bad decrypt", null, false, false);
        }
    }
}
