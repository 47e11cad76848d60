package io.github.pgssl.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.github.pgssl.TlsMaterial;

/**
 * A TLS server on 127.0.0.1 for handshake tests: presents {@code leaf} with its chain, optionally
 * requires a client certificate from {@code clientCa}, optionally selects ALPN {@code postgresql}.
 * Each accepted connection completes the handshake, writes one byte and closes.
 */
public final class TestTlsServer implements AutoCloseable {
    private final SSLServerSocket server;
    private final Thread thread;
    /** SNI host names received, one entry per handshake ("" when none). */
    public final List<String> sniSeen = new CopyOnWriteArrayList<>();
    /** Client certificate subjects+serials received, one per handshake ("" when none). */
    public final List<String> clientCertsSeen = new CopyOnWriteArrayList<>();

    public TestTlsServer(TestPki.Held leaf, TestPki.Held clientCa, boolean alpn) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        List<X509Certificate> chain = leaf.chainWithoutRoot();
        ks.setKeyEntry("server", leaf.keyPair().getPrivate(), "pw".toCharArray(), chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, "pw".toCharArray());
        TrustManagerFactory tmf = null;
        if (clientCa != null) {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("ca", clientCa.certificate());
            tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ts);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        SSLParameters p = server.getSSLParameters();
        p.setNeedClientAuth(clientCa != null);
        if (alpn) {
            p.setApplicationProtocols(new String[] {"postgresql"});
        }
        server.setSSLParameters(p);
        thread = new Thread(this::serve, "test-tls-server");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout(5000);
                try {
                    s.startHandshake();
                    ExtendedSSLSession session = (ExtendedSSLSession) s.getSession();
                    String sni = "";
                    for (SNIServerName n : session.getRequestedServerNames()) {
                        if (n instanceof SNIHostName h) {
                            sni = h.getAsciiName();
                        }
                    }
                    sniSeen.add(sni);
                    String client = "";
                    try {
                        X509Certificate c = (X509Certificate) session.getPeerCertificates()[0];
                        client = c.getSubjectX500Principal().getName() + "#" + c.getSerialNumber();
                    } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
                        // no client certificate
                    }
                    clientCertsSeen.add(client);
                    OutputStream out = s.getOutputStream();
                    out.write(42);
                    out.flush();
                    s.getInputStream().read();
                } catch (IOException handshakeFailed) {
                    // the client refused us, or we refused it: the client side asserts
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Connects to this server through {@code material} as {@code host}; returns the negotiated protocol. */
    public String handshake(TlsMaterial material, String host) throws IOException {
        return session(material, host).getProtocol();
    }

    /** Connects to this server through {@code material} as {@code host}; returns the client's session. */
    public javax.net.ssl.SSLSession session(TlsMaterial material, String host) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port()), 5000);
        try (SSLSocket s = material.createSocket(plain, host, port())) {
            s.setSoTimeout(5000);
            s.startHandshake();
            InputStream in = s.getInputStream();
            int b = in.read();
            if (b != 42) {
                throw new IOException("server closed the connection after the handshake (byte " + b + ")");
            }
            return s.getSession();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
