package io.github.pgssl.r2dbc;

import io.github.pgssl.TlsMaterial;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * {@code pgssl.tls_engine=openssl}: client engines from Netty's OpenSSL provider (netty-tcnative,
 * BoringSSL) whose trust and key managers are the material's own, so chain, CRL, pin and libpq's
 * hostname checks run in the handshake exactly as with the JDK engine. One Netty context per
 * material (the material is cached per policy by core and its managers follow file rotation), so a
 * connection pays only for its engine.
 */
final class OpenSslEngines {
    private static final Map<TlsMaterial, SslContext> CONTEXTS = Collections.synchronizedMap(new WeakHashMap<>());
    /** Engines created (tests assert the OpenSSL path ran). */
    static final java.util.concurrent.atomic.LongAdder CREATED = new java.util.concurrent.atomic.LongAdder();

    private OpenSslEngines() {
    }

    /** An engine for libpq's {@code host} (the trust manager's reference name) with pgssl's SNI and versions. */
    static SSLEngine create(TlsMaterial material, String host, int port) {
        SslContext context = CONTEXTS.computeIfAbsent(material, OpenSslEngines::context);
        SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT, host, port);
        CREATED.increment();
        SSLParameters wanted = material.sslParameters(host);
        SSLParameters p = engine.getSSLParameters();
        p.setServerNames(wanted.getServerNames());
        p.setEndpointIdentificationAlgorithm(null);
        engine.setSSLParameters(p);
        return engine;
    }

    private static SslContext context(TlsMaterial material) {
        SslContextBuilder b = SslContextBuilder.forClient()
                // OPENSSL, not OPENSSL_REFCNT: the driver's SslHandler owns the engine, and nothing here
                // would release a reference-counted one if a connection fails before the handler exists.
                .sslProvider(SslProvider.OPENSSL)
                .trustManager(material.trustManager())
                .protocols(material.sslParameters(null).getProtocols());
        material.keyManager().ifPresent(b::keyManager);
        try {
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("Netty's OpenSSL engine cannot build a client context: " + e.getMessage(), e);
        }
    }
}
