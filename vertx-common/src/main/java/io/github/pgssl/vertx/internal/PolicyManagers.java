package io.github.pgssl.vertx.internal;

import io.github.pgssl.PgSsl;
import io.github.pgssl.PgSslException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsEngine;
import io.github.pgssl.TlsMaterial;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust and key managers handed to Vert.x ({@code TrustOptions.wrap}, {@code KeyCertOptions.wrap}).
 *
 * <p>Vert.x builds one SSL context per pool from these managers and keeps it for the pool's life.
 * They therefore hold no certificate themselves: every call goes to the policy's shared
 * {@link TlsMaterial}, whose managers follow the files on disk, so a live pool picks up a rotated
 * CA or client certificate on its next handshake.
 *
 * <p>The material is loaded on the first handshake, not when the options are built, because libpq
 * reads its files when it connects: with {@code sslmode=prefer} an unreadable client key fails the
 * TLS attempt and the connection falls back to plaintext, where building the options must not
 * already have failed. A failed load is retried on the next handshake.
 */
public final class PolicyManagers {
    private final SslPolicy policy;
    private volatile TlsMaterial material;
    /**
     * The last refusal per peer (host:port), until a connector reads it or a handshake there succeeds:
     * the trust manager's {@code CertificateException}, or the handshake's {@code SSLException} when
     * the server refused (its alert, e.g. {@code unknown_ca} for the client certificate).
     */
    private final ConcurrentHashMap<String, Throwable> refusals = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger sslContexts = new java.util.concurrent.atomic.AtomicInteger();

    private final TlsEngine engine;

    private final io.github.pgssl.spi.AuthenticationGuard guard;

    /** Managers for a policy, without checks of the authentication request. */
    public PolicyManagers(SslPolicy policy) {
        this(policy, io.github.pgssl.spi.AuthenticationGuard.none());
    }

    /** Managers for a policy, whose engines also run {@code guard}. */
    public PolicyManagers(SslPolicy policy, io.github.pgssl.spi.AuthenticationGuard guard) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.guard = Objects.requireNonNull(guard, "guard");
        // pgssl.tls_engine, checked when the options are built: Vert.x runs the JDK's engine or Netty's OpenSSL one.
        this.engine = policy.tls().isPresent()
                ? policy.tls().get().engine().forDriver("vertx-pg-client", NATIVE_ENGINES, policy.tls().get()) : TlsEngine.JDK;
    }

    /** libpq's checks of the server's authentication request, made on the engines of {@link #engineOptions()}. */
    public io.github.pgssl.spi.AuthenticationGuard guard() {
        return guard;
    }

    /** The native TLS engines this adapter can run, fastest first. */
    public static final java.util.List<TlsEngine> NATIVE_ENGINES = java.util.List.of(TlsEngine.OPENSSL);

    /** The engine Vert.x runs for this policy: {@link TlsEngine#JDK} or {@link TlsEngine#OPENSSL}. */
    public TlsEngine engine() {
        return engine;
    }

    /** Vert.x engine options for {@link #engine()}, sending libpq's SNI. */
    public io.vertx.core.net.SSLEngineOptions engineOptions() {
        return engine == TlsEngine.OPENSSL ? new LibpqSniOpenSslEngineOptions(this) : new LibpqSniEngineOptions(this);
    }

    public SslPolicy policy() {
        return policy;
    }

    /** How many Netty SSL contexts Vert.x built with these managers (through {@link LibpqSniEngineOptions}). */
    public int sslContextsBuilt() {
        return sslContexts.get();
    }

    public void sslContextBuilt() {
        sslContexts.incrementAndGet();
    }

    /** The shared material; loads it on first use. */
    public TlsMaterial material() {
        TlsMaterial m = material;
        if (m == null) {
            m = PgSsl.material(policy);
            material = m;
        }
        return m;
    }

    public X509ExtendedTrustManager trustManager() {
        return new Trust();
    }

    public X509ExtendedKeyManager keyManager() {
        return new Keys();
    }

    /**
     * A factory holding {@link #trustManager()}, for {@code TrustOptions.wrap(TrustManagerFactory)}.
     * Not {@code TrustOptions.wrap(TrustManager)}: in vertx-core 5.0.10 (and 4.5) that path loads
     * {@code TrustManagerFactoryWrapper}, which needs SLF4J, an optional dependency of Vert.x
     * ({@code NoClassDefFoundError: org/slf4j/LoggerFactory} without it).
     */
    public TrustManagerFactory trustManagerFactory() {
        TrustManager[] managers = {trustManager()};
        return new TrustManagerFactory(new TrustManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore ks) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters spec) {
            }

            @Override
            protected TrustManager[] engineGetTrustManagers() {
                return managers.clone();
            }
        }, PROVIDER, "pgssl") {
        };
    }

    /** A factory holding {@link #keyManager()}, for {@code KeyCertOptions.wrap(KeyManagerFactory)} (same SLF4J reason). */
    public KeyManagerFactory keyManagerFactory() {
        KeyManager[] managers = {keyManager()};
        return new KeyManagerFactory(new KeyManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore ks, char[] password) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters spec) {
            }

            @Override
            protected KeyManager[] engineGetKeyManagers() {
                return managers.clone();
            }
        }, PROVIDER, "pgssl") {
        };
    }

    private static final Provider PROVIDER = new Provider("pgssl", "1.0", "pgssl policy managers for Vert.x") {
        private static final long serialVersionUID = 1L;
    };

    private X509ExtendedTrustManager currentTrust() throws CertificateException {
        try {
            return material().trustManager();
        } catch (PgSslException e) {
            // The handshake API only lets a trust manager fail with a CertificateException; keep
            // pgssl's explanation as its message and cause so the adapter can surface it.
            CertificateException ce = new CertificateException(e.getMessage());
            ce.initCause(e);
            throw ce;
        }
    }

    /**
     * Why the last handshake with {@code host:port} was refused, if it was.
     *
     * <p>vertx-pg-client 4.5 and 5.0 drop the cause of a failed TLS upgrade: {@code InitiateSslHandler}
     * ignores the failed upgrade future ("Connection close will fail the promise") and fails the
     * connection with a bare {@code VertxException("SSL handshake failed")} when the channel closes.
     * The trust manager therefore keeps its refusal so the connector can report libpq's reason.
     * Concurrent refusals for one peer under one policy overwrite each other; they carry the same
     * verdict for the same server certificate.
     */
    public Optional<Throwable> takeRefusal(String host, int port) {
        return Optional.ofNullable(refusals.remove(host + ":" + port));
    }

    /**
     * A failed handshake on one of pgssl's engines ({@link LibpqSniEngineOptions}): vertx-pg-client 5.0
     * drops its cause too, so a refusal by the server (a TLS alert) is kept like the trust manager's.
     * A failure that the trust manager or the material explains is already kept.
     */
    void handshakeFailed(SSLEngine engine, Throwable cause) {
        if (cause instanceof javax.net.ssl.SSLException && VertxErrors.find(cause, CertificateException.class) == null
                && VertxErrors.find(cause, PgSslException.class) == null) {
            refused(engine, cause);
        }
    }

    private void refused(SSLEngine engine, Throwable e) {
        if (engine != null && engine.getPeerHost() != null) {
            if (refusals.size() > 1024) {
                refusals.clear(); // bounded: refusals nobody collected (e.g. Vert.x's own connector)
            }
            refusals.put(engine.getPeerHost() + ":" + engine.getPeerPort(), e);
        }
    }

    private void accepted(SSLEngine engine) {
        if (engine != null && engine.getPeerHost() != null && !refusals.isEmpty()) {
            refusals.remove(engine.getPeerHost() + ":" + engine.getPeerPort());
        }
    }

    private X509ExtendedKeyManager currentKeys() {
        return material().keyManager().orElse(null);
    }

    /** Delegates to the material's policy-enforcing trust manager (chain, CRLs, libpq hostname rules). */
    private final class Trust extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            try {
                currentTrust().checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                refused(engine, e);
                throw e;
            }
            accepted(engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            currentTrust().checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            currentTrust().checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("pgssl's Vert.x trust manager only authenticates servers");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("pgssl's Vert.x trust manager only authenticates servers");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("pgssl's Vert.x trust manager only authenticates servers");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            try {
                return currentTrust().getAcceptedIssuers();
            } catch (CertificateException | RuntimeException e) {
                return new X509Certificate[0];
            }
        }
    }

    /** Delegates to the material's client-identity key manager. */
    private final class Keys extends X509ExtendedKeyManager {
        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            X509ExtendedKeyManager k = currentKeys();
            return k == null ? null : k.chooseEngineClientAlias(keyType, issuers, engine);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            X509ExtendedKeyManager k = currentKeys();
            return k == null ? null : k.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            X509ExtendedKeyManager k = currentKeys();
            return k == null ? null : k.getClientAliases(keyType, issuers);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            X509ExtendedKeyManager k = currentKeys();
            return k == null ? null : k.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            X509ExtendedKeyManager k = currentKeys();
            return k == null ? null : k.getPrivateKey(alias);
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
}
