package io.github.pgssl.vertx.internal;

import io.github.pgssl.spi.AuthenticationGuard;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.Executor;

import io.github.pgssl.PgSslException;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Vert.x's JDK engine options, plus libpq's SNI on every client engine: the {@code host} name
 * (also single-label names such as {@code dbhost}, which the JDK leaves out), never an IP literal,
 * and none at all with {@code sslsni=0}. The rule is core's ({@code TlsMaterial.sslParameters}).
 *
 * <p>Vert.x 5.0: set on the pool's {@code NetClientOptions} by {@code PgSslVertx.transportOptions};
 * Vert.x 5.0.10 honours them there (vertx-sql-client #1630; 5.0.7 ignored them). Vert.x 4.5: set on
 * the {@code PgConnectOptions} themselves (they are the {@code NetClientOptions} there). Without them
 * the JDK's own SNI rule applies.
 */
public final class LibpqSniEngineOptions extends JdkSSLEngineOptions {
    private final PolicyManagers managers;

    /** Engine options sending libpq's SNI for the policy of {@code managers}. */
    public LibpqSniEngineOptions(PolicyManagers managers) {
        this.managers = managers;
    }

    private LibpqSniEngineOptions(LibpqSniEngineOptions other) {
        super(other);
        this.managers = other.managers;
    }

    @Override
    public LibpqSniEngineOptions copy() {
        return new LibpqSniEngineOptions(this);
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return libpqSni(super.sslContextFactory(), managers);
    }

    /**
     * {@code inner}'s contexts, with libpq's SNI applied to every client engine; shared by the JDK
     * and the OpenSSL ({@link LibpqSniOpenSslEngineOptions}) engine options.
     */
    public static SslContextFactory libpqSni(SslContextFactory jdk, PolicyManagers managers) {
        return new SslContextFactory() {
            @Override
            public SslContextFactory useAlpn(boolean useAlpn) {
                jdk.useAlpn(useAlpn);
                return this;
            }

            @Override
            public SslContextFactory clientAuth(ClientAuth clientAuth) {
                jdk.clientAuth(clientAuth);
                return this;
            }

            @Override
            public SslContextFactory forClient(boolean forClient) {
                jdk.forClient(forClient);
                return this;
            }

            @Override
            public SslContextFactory keyMananagerFactory(KeyManagerFactory kmf) {
                jdk.keyMananagerFactory(kmf);
                return this;
            }

            @Override
            public SslContextFactory trustManagerFactory(TrustManagerFactory tmf) {
                jdk.trustManagerFactory(tmf);
                return this;
            }

            @Override
            public SslContextFactory enabledCipherSuites(Set<String> enabledCipherSuites) {
                jdk.enabledCipherSuites(enabledCipherSuites);
                return this;
            }

            @Override
            public SslContextFactory applicationProtocols(List<String> applicationProtocols) {
                jdk.applicationProtocols(applicationProtocols);
                return this;
            }

            @Override
            public SslContextFactory serverName(String serverName) {
                jdk.serverName(serverName);
                return this;
            }

            @Override
            public SslContext create() throws SSLException {
                SslContext context = jdk.create();
                if (!context.isClient()) {
                    return context;
                }
                managers.sslContextBuilt();
                AuthenticationGuard guard = managers.guard();
                return new DelegatingSslContext(context) {
                    @Override
                    protected void initEngine(SSLEngine engine) {
                        applySni(engine, managers);
                    }

                    // Vert.x asks the context for a handler; the engine in it is wrapped so that pgssl reads the
                    // server's authentication request (require_auth, sslcertmode=require) before the driver does.
                    @Override
                    protected SslHandler newHandler(ByteBufAllocator alloc, String host, int port, boolean startTls,
                                                    Executor executor) {
                        return recordingFailure(guard.active() ? new SslHandler(guard.guard(newEngine(alloc, host, port)), startTls, executor)
                                : super.newHandler(alloc, host, port, startTls, executor), managers);
                    }

                    @Override
                    protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls, Executor executor) {
                        return recordingFailure(guard.active() ? new SslHandler(guard.guard(newEngine(alloc)), startTls, executor)
                                : super.newHandler(alloc, startTls, executor), managers);
                    }
                };
            }
        };
    }

    /**
     * Keeps a failed handshake's cause (for example the server's {@code unknown_ca} alert) and hands
     * the reason to vertx-pg-client ({@link HandshakeReasons}), which would otherwise fail the
     * connection with a bare "SSL handshake failed", on its own connector too.
     */
    static SslHandler recordingFailure(SslHandler handler, PolicyManagers managers) {
        handler.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                managers.handshakeFailed(handler.engine(), f.cause());
                HandshakeReasons.deliver(handler, managers);
            }
        });
        return handler;
    }

    /** Applies libpq's SNI to {@code engine} (tests). */
    public void applySni(SSLEngine engine) {
        applySni(engine, managers);
    }

    /** libpq's server names on {@code engine}, for its peer host (OpenSSL: only ever adds a name; sslsni=0 is refused for it by core). */
    public static void applySni(SSLEngine engine, PolicyManagers managers) {
        String host = engine.getPeerHost();
        if (host == null) {
            return;
        }
        try {
            SSLParameters wanted = managers.material().sslParameters(host);
            SSLParameters p = engine.getSSLParameters();
            p.setServerNames(wanted.getServerNames());
            engine.setSSLParameters(p);
        } catch (PgSslException e) {
            // The material does not load: the trust manager fails this handshake with the reason.
        }
    }
}
