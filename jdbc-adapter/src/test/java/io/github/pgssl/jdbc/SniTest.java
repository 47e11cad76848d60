package io.github.pgssl.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.pki.TestPki;

import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What SNI pgssl's factory sends through a real JSSE handshake: libpq's host, DNS names only, sslsni honoured. */
class SniTest {
    static SSLContext serverContext;

    @BeforeAll
    static void serverContext() throws Exception {
        TestPki pki = TestPki.generateEcOnly();
        TestCertificate leaf = pki.server();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        X509Certificate[] chain = leaf.chain().stream().map(TestCertificate::certificate).toArray(X509Certificate[]::new);
        ks.setKeyEntry("server", leaf.privateKey(), "pw".toCharArray(), chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
    }

    /** The SNI the server saw ("-" for none) when pgjdbc dials 127.0.0.1 for libpq host {@code host}. */
    static String sniSeen(String host, boolean sni) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String[] seen = {"-"};
            SSLParameters p = server.getSSLParameters();
            p.setSNIMatchers(List.of(new SNIMatcher(0) {
                @Override
                public boolean matches(SNIServerName name) {
                    seen[0] = ((SNIHostName) name).getAsciiName();
                    return true;
                }
            }));
            server.setSSLParameters(p);
            CompletableFuture<Void> accept = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.startHandshake();
                } catch (Exception ignored) {
                    // the client decides the outcome
                }
            });
            SslPolicy policy = new SslPolicy.NoVerify(TlsOptions.defaults().withSni(sni), SslPolicy.Fallback.NONE, "sni-test");
            String arg = SslFactoryRegistry.register(PgSsl.material(policy), Map.of("127.0.0.1", host));
            try (Socket plain = new Socket("127.0.0.1", server.getLocalPort());
                 SSLSocket tls = (SSLSocket) new PgSslSocketFactory(arg).createSocket(plain, "127.0.0.1", server.getLocalPort(), true)) {
                tls.startHandshake();
            }
            accept.get(10, TimeUnit.SECONDS);
            return seen[0];
        }
    }

    @ParameterizedTest(name = "host={0} sslsni={1} -> SNI {2}")
    @CsvSource({
        "db.example.test, true, db.example.test",
        "db.example.test, false, -",
        "127.0.0.1, true, -",
        "::1, true, -",
    })
    void createSocketWhenHostaddrDialledThenSniIsLibpqHostForDnsNamesOnly(String host, boolean sni, String expected)
            throws Exception {
        assertEquals(expected, sniSeen(host, sni));
    }
}
