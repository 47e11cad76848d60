package io.github.pgssl.vertx.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;

import java.lang.reflect.Field;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;

/**
 * Puts the reason of a refused handshake into the failure that vertx-pg-client reports, on every
 * connector that runs pgssl's engine options ({@link LibpqSniEngineOptions},
 * {@link LibpqSniOpenSslEngineOptions}): pgssl's own ({@code pool}, {@code connect}) and Vert.x's own
 * {@code PgBuilder} given them (on 4.5 they travel inside {@code PgConnectOptions}; on 5.0 through
 * {@code PgBuilder.with(PgSslVertx.transportOptions(options))}).
 *
 * <p>Why it is needed: vertx-pg-client 4.5.27 and 5.0.10 ignore a failed TLS upgrade
 * ({@code InitiateSslHandler}: "Connection close will fail the promise") and then fail the connection,
 * when the channel closes, with {@code new VertxException("SSL handshake failed", true)}: no cause,
 * suppression disabled. The same handler fails its upgrade promise with whatever reaches its
 * {@code exceptionCaught} first ({@code upgradePromise.tryFail(cause)}), and that failure is what the
 * connection fails with. So when the handshake fails, before the channel closes, this hands that
 * handler an {@link SSLHandshakeException} whose message is libpq's reason and whose cause is the
 * refusal that pgssl's trust manager (or the server's alert) produced.
 *
 * <p>Nothing changes when the pipeline has no such handler (another client, another version), or
 * when the handler context cannot be read: the refusal then stays kept for
 * {@link PolicyManagers#takeRefusal} ({@code PgSslVertx.explain}, pgssl's attempt runner).
 */
final class HandshakeReasons {
    /** The name vertx-pg-client 4.5 and 5.0 give their SSLRequest handler ({@code PgSocketConnection}). */
    static final String INITIATE_SSL_HANDLER = "initiate-ssl-handler";

    /** Netty's {@code SslHandler.ctx} (4.1 and 4.2): the handler has no public accessor for its context. */
    private static final Field CONTEXT = contextField();

    private HandshakeReasons() {
    }

    private static Field contextField() {
        try {
            Field f = SslHandler.class.getDeclaredField("ctx");
            if (!ChannelHandlerContext.class.equals(f.getType())) {
                return null;
            }
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another Netty layout, or a closed module: the refusal stays kept for explain
        }
    }

    /**
     * After {@code handler}'s handshake failed (on its event loop): hands the kept refusal for its peer
     * to vertx-pg-client's SSLRequest handler, so that the connection fails with it.
     *
     * @return whether the reason was handed over
     */
    static boolean deliver(SslHandler handler, PolicyManagers managers) {
        ChannelHandlerContext ssl = context(handler);
        if (ssl == null) {
            return false;
        }
        ChannelHandler initiate = ssl.pipeline().get(INITIATE_SSL_HANDLER);
        ChannelHandlerContext initiateContext = initiate == null ? null : ssl.pipeline().context(initiate);
        SSLEngine engine = handler.engine();
        if (!(initiate instanceof ChannelInboundHandler inbound) || initiateContext == null
                || engine == null || engine.getPeerHost() == null) {
            return false;
        }
        Optional<Throwable> refusal = managers.takeRefusal(engine.getPeerHost(), engine.getPeerPort());
        if (refusal.isEmpty()) {
            return false;
        }
        SSLHandshakeException reason = new SSLHandshakeException(VertxErrors.describe(refusal.get()));
        reason.initCause(refusal.get());
        try {
            inbound.exceptionCaught(initiateContext, reason);
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    private static ChannelHandlerContext context(SslHandler handler) {
        if (CONTEXT == null) {
            return null;
        }
        try {
            return (ChannelHandlerContext) CONTEXT.get(handler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
