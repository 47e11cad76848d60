package io.github.pgssl.internal.tls;

import io.github.pgssl.SslNegotiation;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsEngine;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.TlsVerificationException;
import io.github.pgssl.TlsVerificationException.Reason;
import io.github.pgssl.TlsVersion;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The material of one TLS policy: one SSLContext whose managers delegate to the current
 * {@link Snapshot}. Files are checked for changes at most once per interval (default 1 s,
 * system property {@code pgssl.reloadIntervalMillis}); a change loads a new snapshot, and a
 * failed load keeps the old one and logs an ERROR once per distinct file state. Not API.
 */
public final class PolicyMaterial implements TlsMaterial {
    static final String ALPN = "postgresql";
    private static final System.Logger LOG = System.getLogger("io.github.pgssl.tls");
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("pgssl.reloadIntervalMillis", 1000L));

    private final SslPolicy.Tls policy;
    private final PolicyTrustManager trustManager;
    private final IdentityKeyManager keyManager;
    private final SSLContext context;
    private final TlsEngine engine;
    /**
     * The context new sockets and engines come from: {@link #context}, except under Conscrypt after a
     * reload, where a fresh context replaces it (Conscrypt keeps TLS 1.3 client sessions in a
     * host:port cache that invalidation does not reach, so a resumed session would skip the new
     * material's checks; a fresh context has no sessions). {@link #sslContext()} stays the same object.
     */
    private volatile SSLContext handshakeContext;
    private volatile SSLSocketFactory socketFactory;
    private final String[] protocols;
    private final boolean verifyFull;
    private final boolean direct;
    private final AtomicLong nextCheck;
    private volatile Snapshot current;
    private volatile Snapshot previous;
    private volatile List<FileStamp> failedStamps;

    private PolicyMaterial(SslPolicy.Tls policy) {
        this.policy = policy;
        this.current = MaterialLoader.load(policy, 1);
        this.trustManager = new PolicyTrustManager(this);
        // sslcertmode=require without a certificate still needs a key manager: it sees the server's request.
        this.keyManager = policy.options().identity().isPresent() || policy.options().clientCertificateRequired()
                ? new IdentityKeyManager(this) : null;
        this.engine = contextEngine(policy);
        this.context = newContext();
        this.handshakeContext = context;
        this.socketFactory = context.getSocketFactory();
        this.protocols = protocols(policy);
        this.verifyFull = policy instanceof SslPolicy.VerifyFull;
        this.direct = policy.options().negotiation() == SslNegotiation.DIRECT;
        this.nextCheck = new AtomicLong(System.nanoTime() + INTERVAL_NANOS);
    }

    /** Loads the policy's files; throws {@link io.github.pgssl.TlsMaterialException} when one cannot be used. */
    static PolicyMaterial build(SslPolicy.Tls policy) {
        PolicyMaterial m = new PolicyMaterial(policy);
        if (policy instanceof SslPolicy.NoVerify) {
            LOG.log(Level.WARNING, "pgssl: TLS policy \"" + policy.strategy() + "\" does not authenticate the server: "
                    + "connections are encrypted but an active attacker can impersonate the server; "
                    + "set sslrootcert and sslmode=verify-full to authenticate it");
        }
        return m;
    }

    /**
     * The engine behind {@link #sslContext()}: Conscrypt when chosen, or with {@code auto} when it is
     * available and can honour the policy; otherwise the JDK's. ({@code openssl} is Netty's engine,
     * which the Netty adapters build from this material's managers.)
     */
    private static TlsEngine contextEngine(SslPolicy.Tls policy) {
        TlsEngine wanted = policy.options().engine();
        if (wanted != TlsEngine.CONSCRYPT && wanted != TlsEngine.AUTO) {
            return TlsEngine.JDK;
        }
        return wanted.forDriver("pgssl's TLS material", CONSCRYPT_ONLY, policy.options());
    }

    private static final List<TlsEngine> CONSCRYPT_ONLY = List.of(TlsEngine.CONSCRYPT);

    /** Conscrypt's JSSE provider, created once; reflection keeps Conscrypt an optional dependency of core. */
    private static final class ConscryptProvider {
        static final java.security.Provider INSTANCE;

        static {
            try {
                INSTANCE = (java.security.Provider) Class.forName("org.conscrypt.Conscrypt").getMethod("newProvider").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Conscrypt is available but its provider cannot be created", e);
            }
        }
    }

    private SSLContext newContext() {
        try {
            SSLContext c = engine == TlsEngine.CONSCRYPT ? SSLContext.getInstance("TLS", ConscryptProvider.INSTANCE)
                    : SSLContext.getInstance("TLS");
            c.init(keyManager == null ? null : new KeyManager[] {keyManager}, new TrustManager[] {trustManager}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JSSE cannot create a TLS context", e);
        }
    }

    private static String[] protocols(SslPolicy.Tls policy) {
        TlsVersion min = policy.options().minVersion().orElse(TlsVersion.TLS_1_2);
        TlsVersion max = policy.options().maxVersion().orElse(TlsVersion.TLS_1_3);
        List<String> out = new ArrayList<>();
        for (TlsVersion v : TlsVersion.values()) {
            if (v.compareTo(min) >= 0 && v.compareTo(max) <= 0) {
                out.add(v.protocolName());
            }
        }
        return out.toArray(new String[0]);
    }

    Snapshot current() {
        return current;
    }

    Snapshot previous() {
        return previous;
    }

    /** Reloads when a watched file changed; at most one check per interval, by one thread. */
    void refreshIfDue() {
        long now = System.nanoTime();
        long due = nextCheck.get();
        if (now - due < 0 || !nextCheck.compareAndSet(due, now + INTERVAL_NANOS)) {
            return;
        }
        Snapshot s = current;
        List<Path> paths = new ArrayList<>(s.stamps().size());
        for (FileStamp f : s.stamps()) {
            paths.add(f.path());
        }
        List<FileStamp> stamps = FileStamp.of(paths);
        if (stamps.equals(s.stamps()) || stamps.equals(failedStamps)) {
            return;
        }
        try {
            Snapshot n = MaterialLoader.load(policy, s.generation() + 1);
            previous = s;
            current = n;
            failedStamps = null;
            if (engine == TlsEngine.CONSCRYPT) {
                // Conscrypt's sessions cannot be invalidated through JSSE (getIds/invalidate do not reach
                // its host:port cache, and throw): new handshakes get a fresh context, without sessions.
                SSLContext fresh = newContext();
                handshakeContext = fresh;
                socketFactory = fresh.getSocketFactory();
            } else {
                invalidateSessions();
            }
            LOG.log(Level.INFO, "pgssl: reloaded TLS material of policy \"" + policy.strategy() + "\" after a file changed");
        } catch (RuntimeException e) {
            failedStamps = stamps;
            LOG.log(Level.ERROR, "pgssl: a TLS file of policy \"" + policy.strategy()
                    + "\" changed but cannot be used; new connections keep the previous material: " + e.getMessage());
        }
    }

    /**
     * A resumed TLS session skips certificate checks, so sessions verified against the previous
     * material must not be resumed. (PostgreSQL issues no session tickets, and libpq never resumes.)
     */
    private void invalidateSessions() {
        javax.net.ssl.SSLSessionContext sc = context.getClientSessionContext();
        if (sc == null) {
            return;
        }
        for (java.util.Enumeration<byte[]> ids = sc.getIds(); ids.hasMoreElements(); ) {
            javax.net.ssl.SSLSession session = sc.getSession(ids.nextElement());
            if (session != null) {
                session.invalidate();
            }
        }
    }

    /** Forces the next handshake to check the files (tests, and callers that know a file changed). */
    public void checkFilesAtNextHandshake() {
        nextCheck.set(System.nanoTime());
    }

    void verifyServer(X509Certificate[] chain, String host, String alpn) throws TlsVerificationException {
        refreshIfDue();
        if (direct && !ALPN.equals(alpn)) {
            throw new TlsVerificationException(Reason.ALPN_MISSING,
                    "direct SSL connection was established without ALPN protocol negotiation extension");
        }
        if (policy instanceof SslPolicy.NoVerify) {
            return;
        }
        Snapshot s = current;
        if (s.pins() != null) {
            ChainVerifier.verifyPin(s, chain);
        } else {
            ChainVerifier.verifyChain(s, chain);
        }
        if (verifyFull) {
            HostnameMatcher.verify(chain[0], host);
        }
    }

    @Override
    public SslPolicy policy() {
        return policy;
    }

    @Override
    public TlsEngine engine() {
        return engine;
    }

    @Override
    public SSLContext sslContext() {
        return context;
    }

    @Override
    public X509ExtendedTrustManager trustManager() {
        return trustManager;
    }

    @Override
    public Optional<X509ExtendedKeyManager> keyManager() {
        return Optional.ofNullable(keyManager);
    }

    @Override
    public SSLParameters sslParameters(String host) {
        SSLParameters p = new SSLParameters();
        p.setProtocols(protocols.clone());
        p.setEndpointIdentificationAlgorithm(null);
        List<SNIServerName> sni = List.of();
        if (policy.options().sni() && host != null && !host.isEmpty() && !isIpLiteral(host)) {
            try {
                sni = List.of(new SNIHostName(host));
            } catch (IllegalArgumentException notAHostName) {
                sni = List.of();
            }
        }
        p.setServerNames(sni);
        if (direct) {
            p.setApplicationProtocols(new String[] {ALPN});
        }
        return p;
    }

    /** libpq's SNI rule: no SNI for a host made of digits and dots only, or containing ':'. */
    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    @Override
    public SSLSocket createSocket(Socket connected, String host, int port) throws IOException {
        refreshIfDue();
        SSLSocket s = (SSLSocket) socketFactory.createSocket(connected, host, port, true);
        s.setUseClientMode(true);
        s.setSSLParameters(sslParameters(host));
        return s;
    }

    @Override
    public SSLEngine createEngine(String host, int port) {
        refreshIfDue();
        SSLEngine e = handshakeContext.createSSLEngine(host, port);
        e.setUseClientMode(true);
        e.setSSLParameters(sslParameters(host));
        return e;
    }

    @Override
    public String toString() {
        return "TlsMaterial[" + policy + "]";
    }
}
