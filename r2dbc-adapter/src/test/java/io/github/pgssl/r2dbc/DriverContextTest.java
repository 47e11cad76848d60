package io.github.pgssl.r2dbc;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The context r2dbc-postgresql builds on every TLS attempt, as pgssl customizes it: JDK provider and
 * no client key (a key there would cost a PKCS#12 key store per connection; the engine pgssl
 * substitutes carries the real identity).
 */
class DriverContextTest {
    private static KeyPair clientKey;
    private static X509Certificate clientCert;
    private static SSLContext server;

    @BeforeAll
    static void keys() throws Exception {
        clientKey = ecKey();
        clientCert = selfSigned("CN=driver placeholder", clientKey);
        KeyPair serverKey = ecKey();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", serverKey.getPrivate(), new char[0], new X509Certificate[] {selfSigned("CN=localhost", serverKey)});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), new TrustManager[] {new AcceptAll()}, null);
    }

    /** The check below can see a key: an unmodified builder holding one presents it. */
    @Test
    void handshakeWhenBuilderHoldsKeyThenClientPresentsIt() throws Exception {
        SslContext context = builderWithKey().sslProvider(SslProvider.JDK).build();
        assertEquals(1, clientChainSeenByServer(context));
    }

    @Test
    void driverContextWhenBuilderHoldsKeyThenJdkContextWithoutKey() throws Exception {
        SslContext context = DriverConfigurations.driverContext(builderWithKey()).build();
        assertInstanceOf(JdkSslContext.class, context);
        assertEquals(0, clientChainSeenByServer(context));
    }

    private static SslContextBuilder builderWithKey() {
        return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
                .keyManager(clientKey.getPrivate(), clientCert);
    }

    /** Handshakes with the context's client side; the number of client certificates the server received. */
    private static int clientChainSeenByServer(SslContext context) throws Exception {
        SSLContext client = ((JdkSslContext) context).context();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> seen = CompletableFuture.supplyAsync(() -> {
                // Closed as plain TCP sockets: an SSLSocket's close waits for the peer's close_notify.
                try (Socket plain = listener.accept()) {
                    plain.setSoTimeout(10_000);
                    SSLSocket s = (SSLSocket) server.getSocketFactory().createSocket(plain, null, false);
                    s.setUseClientMode(false);
                    s.setWantClientAuth(true);
                    s.startHandshake();
                    try {
                        return s.getSession().getPeerCertificates().length;
                    } catch (SSLPeerUnverifiedException none) {
                        return 0;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                plain.setSoTimeout(10_000);
                SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket(plain, "localhost", listener.getLocalPort(), false);
                c.startHandshake();
                return seen.get(20, TimeUnit.SECONDS);
            }
        }
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate selfSigned(String dn, KeyPair pair) throws Exception {
        X500Name name = new X500Name(dn);
        long now = System.currentTimeMillis();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                new Date(now - 86_400_000L), new Date(now + 86_400_000L), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    private static final class AcceptAll implements X509TrustManager {
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
