package io.github.pgssl.internal.auth;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An engine that reads the decrypted startup messages through an {@link AuthWatcher}. A refused
 * authentication request is replaced by an {@code ErrorResponse} with libpq's message, so the
 * driver fails the connection without answering it; everything the server sends afterwards is
 * dropped. Where the replacement does not fit (the request began in an earlier record), the
 * engine fails with an {@link SSLException} carrying the message instead. Not API.
 */
public final class GuardedEngine extends SSLEngine {
    private final SSLEngine delegate;
    private final AuthWatcher watcher;
    private volatile boolean refused;

    /** Wraps {@code delegate}. */
    public GuardedEngine(SSLEngine delegate, AuthWatcher watcher) {
        super(delegate.getPeerHost(), delegate.getPeerPort());
        this.delegate = delegate;
        this.watcher = watcher;
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        if (refused) {
            ByteBuffer sink = ByteBuffer.allocate(Math.max(delegate.getSession().getApplicationBufferSize(), 1 << 15));
            SSLEngineResult r = delegate.unwrap(src, sink);
            return new SSLEngineResult(r.getStatus(), r.getHandshakeStatus(), r.bytesConsumed(), 0);
        }
        if (watcher.done()) {
            return delegate.unwrap(src, dsts, offset, length);
        }
        int[] starts = new int[length];
        for (int i = 0; i < length; i++) {
            starts[i] = dsts[offset + i].position();
        }
        SSLEngineResult r = delegate.unwrap(src, dsts, offset, length);
        if (r.bytesProduced() == 0) {
            return r;
        }
        for (int i = 0; i < length && !watcher.done(); i++) {
            ByteBuffer dst = dsts[offset + i];
            int messageStart = -1;
            for (int p = starts[i]; p < dst.position(); p++) {
                if (watcher.atBoundary()) {
                    messageStart = p;
                }
                String refusal = watcher.feed(dst.get(p));
                if (refusal != null) {
                    refused = true;
                    byte[] error = AuthWatcher.errorResponse(refusal);
                    if (length == 1 && messageStart >= 0 && dst.limit() - messageStart >= error.length) {
                        dst.position(messageStart);
                        dst.put(error);
                        return new SSLEngineResult(r.getStatus(), r.getHandshakeStatus(), r.bytesConsumed(),
                                messageStart - starts[0] + error.length);
                    }
                    throw new SSLException(refusal);
                }
            }
        }
        return r;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        return delegate.wrap(srcs, offset, length, dst);
    }

    @Override
    public Runnable getDelegatedTask() {
        return delegate.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        delegate.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return delegate.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        delegate.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return delegate.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return delegate.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        delegate.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return delegate.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return delegate.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        delegate.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return delegate.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return delegate.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
        delegate.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return delegate.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        delegate.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return delegate.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        delegate.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return delegate.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        delegate.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return delegate.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        delegate.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return delegate.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return delegate.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        delegate.setSSLParameters(params);
    }

    @Override
    public String getApplicationProtocol() {
        return delegate.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return delegate.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        delegate.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return delegate.getHandshakeApplicationProtocolSelector();
    }

    @Override
    public String toString() {
        return "GuardedEngine[" + delegate + "]";
    }
}
