package io.github.pgssl.internal.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the policy's client certificate whenever the server asks, whatever CA names the server
 * lists (libpq's {@code sslcertmode=allow}: OpenSSL sends the loaded certificate). The alias names
 * the snapshot generation, so a rotation between alias choice and key lookup stays consistent.
 * Not API.
 */
final class IdentityKeyManager extends X509ExtendedKeyManager {
    private static final String PREFIX = "pgssl-client-";
    private final PolicyMaterial material;

    IdentityKeyManager(PolicyMaterial material) {
        this.material = material;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        // libpq's ssl_cert_requested, for sslcertmode=require (the server's CertificateRequest reached us).
        io.github.pgssl.spi.AuthenticationGuard.certificateRequested(engine);
        return choose(keyTypes);
    }

    private String choose(String[] keyTypes) {
        material.refreshIfDue();
        Snapshot s = material.current();
        if (s.key() == null) {
            return null;
        }
        if (keyTypes != null) {
            String alg = s.key().getAlgorithm();
            for (String t : keyTypes) {
                if (compatible(alg, t)) {
                    return PREFIX + s.generation();
                }
            }
            return null;
        }
        return PREFIX + s.generation();
    }

    static boolean compatible(String keyAlg, String keyType) {
        if (keyType == null) {
            return false;
        }
        if (keyType.equalsIgnoreCase(keyAlg) || keyType.startsWith(keyAlg + "_")) {
            return true;
        }
        if (keyAlg.equals("RSA") && keyType.equals("RSASSA-PSS")) {
            return true;
        }
        return keyAlg.startsWith("Ed") && (keyType.equals("EdDSA") || keyType.startsWith("Ed"));
    }

    private Snapshot byAlias(String alias) {
        if (alias == null || !alias.startsWith(PREFIX)) {
            return null;
        }
        long gen;
        try {
            gen = Long.parseLong(alias.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return null;
        }
        Snapshot c = material.current();
        if (c.generation() == gen) {
            return c;
        }
        Snapshot p = material.previous();
        return p != null && p.generation() == gen ? p : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Snapshot s = byAlias(alias);
        return s == null || s.chain() == null ? null : s.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Snapshot s = byAlias(alias);
        return s == null ? null : s.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        String a = choose(new String[] {keyType});
        return a == null ? null : new String[] {a};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
