package io.github.pgssl.vertx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;

import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * {@link HandshakeReasons} on the Netty line of the module that runs it (4.1 for pgssl-vertx4, 4.2
 * for pgssl-vertx): the kept refusal reaches vertx-pg-client's SSLRequest handler with libpq's words,
 * and nothing changes (the refusal stays kept) where that handler is absent.
 */
class HandshakeReasonsTest {
    private static PolicyManagers managers() {
        return new PolicyManagers(PgSsl.policy(PgSsl.settings("postgresql://db.example.test:5432/app?sslmode=require",
                PgEnvironment.empty()), PgEnvironment.empty()));
    }

    private static SslHandler handler() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("db.example.test", 5432);
        engine.setUseClientMode(true);
        return new SslHandler(engine);
    }

    /** Stands for vertx-pg-client's {@code InitiateSslHandler}: records what reaches its exceptionCaught. */
    private static final class Initiate extends ChannelInboundHandlerAdapter {
        final AtomicReference<Throwable> caught = new AtomicReference<>();

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            caught.set(cause);
        }
    }

    @Test
    void deliverWhenSslRequestHandlerPresentThenItGetsLibpqsReasonWithTheRefusalAsCause() throws Exception {
        PolicyManagers managers = managers();
        SslHandler ssl = handler();
        Initiate initiate = new Initiate();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast("ssl", ssl);
        channel.pipeline().addLast(HandshakeReasons.INITIATE_SSL_HANDLER, initiate);
        SSLException alert = new SSLHandshakeException("Received fatal alert: unknown_ca");
        managers.handshakeFailed(ssl.engine(), alert);

        assertTrue(HandshakeReasons.deliver(ssl, managers));
        Throwable reason = initiate.caught.get();
        assertEquals(SSLHandshakeException.class, reason.getClass());
        assertEquals("SSL error: tlsv1 alert unknown ca", reason.getMessage());
        assertSame(alert, reason.getCause());
        assertTrue(managers.takeRefusal("db.example.test", 5432).isEmpty(), "handed over, so no longer kept");
        channel.finishAndReleaseAll();
    }

    @Test
    void deliverWhenNoSslRequestHandlerThenNothingChangesAndTheRefusalStaysKept() throws Exception {
        PolicyManagers managers = managers();
        SslHandler ssl = handler();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast("ssl", ssl);
        SSLException alert = new SSLHandshakeException("Received fatal alert: unknown_ca");
        managers.handshakeFailed(ssl.engine(), alert);

        assertFalse(HandshakeReasons.deliver(ssl, managers));
        assertSame(alert, managers.takeRefusal("db.example.test", 5432).orElseThrow());
        channel.finishAndReleaseAll();
    }

    @Test
    void deliverWhenNothingWasRefusedThenTheHandlerIsNotCalled() throws Exception {
        PolicyManagers managers = managers();
        SslHandler ssl = handler();
        Initiate initiate = new Initiate();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast("ssl", ssl);
        channel.pipeline().addLast(HandshakeReasons.INITIATE_SSL_HANDLER, initiate);

        assertFalse(HandshakeReasons.deliver(ssl, managers));
        assertNull(initiate.caught.get());
        channel.finishAndReleaseAll();
    }

    @Test
    void deliverWhenHandlerNotInAPipelineThenNothing() throws Exception {
        PolicyManagers managers = managers();
        SslHandler ssl = handler();
        managers.handshakeFailed(ssl.engine(), new SSLHandshakeException("Received fatal alert: unknown_ca"));
        assertFalse(HandshakeReasons.deliver(ssl, managers));
        assertTrue(managers.takeRefusal("db.example.test", 5432).isPresent());
    }
}
