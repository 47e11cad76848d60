package io.github.pgssl.testkit.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Reads what a server presents in its TLS handshake, after PostgreSQL's SSLRequest. It trusts
 * anything on purpose (it verifies nothing and sends no data), so it is no model for a client.
 */
final class TlsProbe {
    private static final int SSL_REQUEST_CODE = 80877103;

    private TlsProbe() {
    }

    static boolean acceptsSslRequest(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(5000);
            return sslRequest(s) == 'S';
        } catch (IOException e) {
            return false;
        }
    }

    static X509Certificate peerCertificate(String host, int port) {
        try {
            return (X509Certificate) handshake(host, port).getPeerCertificates()[0];
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new IllegalStateException("the server at " + host + ":" + port + " sent no certificate", e);
        }
    }

    /** The protocol negotiated when the client offers only {@code protocols}; throws when the handshake fails. */
    static String negotiatedProtocol(String host, int port, String... protocols) {
        return handshake(host, port, protocols).getProtocol();
    }

    private static javax.net.ssl.SSLSession handshake(String host, int port, String... protocols) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(5000);
            int answer = sslRequest(s);
            if (answer != 'S') {
                throw new IllegalStateException("the server at " + host + ":" + port + " refused TLS (answered '" + (char) answer + "')");
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new AcceptAnything()}, null);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(s, host, port, true)) {
                if (protocols.length > 0) {
                    tls.setEnabledProtocols(protocols);
                }
                tls.startHandshake();
                return tls.getSession();
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("TLS probe of " + host + ":" + port + " failed: " + e, e);
        }
    }

    /**
     * A direct TLS handshake (no SSLRequest, PostgreSQL 17's {@code sslnegotiation=direct}) offering ALPN
     * {@code postgresql}; returns the negotiated application protocol.
     */
    static String directAlpn(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(5000);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new AcceptAnything()}, null);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(s, host, port, true)) {
                javax.net.ssl.SSLParameters p = tls.getSSLParameters();
                p.setApplicationProtocols(new String[] {"postgresql"});
                tls.setSSLParameters(p);
                tls.startHandshake();
                return tls.getApplicationProtocol();
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("direct TLS probe of " + host + ":" + port + " failed: " + e, e);
        }
    }

    private static int sslRequest(Socket s) throws IOException {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(8);
        out.writeInt(SSL_REQUEST_CODE);
        out.flush();
        return new DataInputStream(s.getInputStream()).read();
    }

    private static final class AcceptAnything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
