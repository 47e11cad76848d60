package io.github.pgssl.internal.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Enforces a policy during the handshake, against the material current at that moment. The
 * reference host for verify-full is the peer host the socket or engine was created with. Not API.
 */
final class PolicyTrustManager extends X509ExtendedTrustManager {
    private static final X509Certificate[] NONE = new X509Certificate[0];
    private final PolicyMaterial material;

    PolicyTrustManager(PolicyMaterial material) {
        this.material = material;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        String host = null;
        String alpn = null;
        if (socket instanceof SSLSocket s) {
            SSLSession hs = s.getHandshakeSession();
            host = hs != null ? hs.getPeerHost() : null;
            alpn = s.getHandshakeApplicationProtocol();
        }
        material.verifyServer(chain, host, alpn);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        String host = null;
        String alpn = null;
        if (engine != null) {
            SSLSession hs = engine.getHandshakeSession();
            host = hs != null ? hs.getPeerHost() : engine.getPeerHost();
            alpn = engine.getHandshakeApplicationProtocol();
        }
        material.verifyServer(chain, host, alpn);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        material.verifyServer(chain, null, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("pgssl trust managers authenticate servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("pgssl trust managers authenticate servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("pgssl trust managers authenticate servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE;
    }
}
