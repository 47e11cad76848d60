package io.github.pgssl.doctor;

import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.pki.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SNI step against a fake PostgreSQL front (like Neon's or Render's proxies) that answers
 * SSLRequest with S and presents a certificate only when the client sent SNI. No database behind it.
 */
class SniProbeTest {
    static final String HOST = "db.example.test";

    @TempDir
    static Path dir;
    static ServerSocket listener;
    static Thread acceptor;
    static Path root;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.generate();
        TestCertificate ca = pki.root();
        TestCertificate leaf = TestCertificate.builder().commonName(HOST).dnsName(HOST).signedBy(ca).build();
        root = ca.writeCertificatePem(dir.resolve("root.pem"));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", leaf.privateKey(), "pw".toCharArray(), new X509Certificate[]{leaf.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        X509ExtendedKeyManager base = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new javax.net.ssl.KeyManager[]{new SniOnly(base)}, null, null);
        listener = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(5000);
                    new DataInputStream(s.getInputStream()).readFully(new byte[8]);
                    s.getOutputStream().write('S');
                    s.getOutputStream().flush();
                    try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(s, null, s.getPort(), false)) {
                        tls.setUseClientMode(false);
                        tls.startHandshake();
                    }
                } catch (IOException e) {
                    // a refused handshake or a closed listener: next connection
                }
            }
        }, "fake-sni-front");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stop() throws Exception {
        listener.close();
        acceptor.join(5000);
    }

    @Test
    void probeWhenServerNeedsSniThenSniStepSaysItMattersAndHow() {
        DoctorRun r = DoctorRun.run(Map.of(), Path.of(dir.toString()), "--json", "--driver", "jdbc", "--timeout", "5",
                "host=" + HOST + " hostaddr=127.0.0.1 port=" + listener.getLocalPort() + " sslmode=verify-full sslrootcert=" + root);
        Map<String, Object> json = r.json();
        @SuppressWarnings("unchecked")
        Map<String, Object> probe = (Map<String, Object>) json.get("probe");
        assertEquals(true, probe.get("sni_mattered"), r.out());
        @SuppressWarnings("unchecked")
        Map<String, Object> sni = (Map<String, Object>) ((Map<String, Object>) probe.get("steps")).get("sni");
        String detail = String.valueOf(sni.get("detail"));
        assertTrue(detail.startsWith("sent \"" + HOST + "\"; without SNI the handshake fails ("), detail);
        assertTrue(detail.endsWith("): this server routes by SNI; keep sslsni=1, connect by DNS name (not an IP) and use a driver that sends SNI"),
                detail);
        assertEquals(true, probe.get("chain_verified"));
        assertEquals(true, probe.get("hostname_matches"));
    }

    @Test
    void probeWhenSniOffThenSniStepSkippedAndHandshakeFails() throws Exception {
        DoctorRun r = DoctorRun.run(Map.of(), Files.createDirectories(dir.resolve("h2")), "--json", "--driver", "jdbc", "--timeout", "5",
                "host=" + HOST + " hostaddr=127.0.0.1 port=" + listener.getLocalPort() + " sslmode=verify-full sslsni=0 sslrootcert=" + root);
        assertEquals(1, r.exitCode(), r.all());
        @SuppressWarnings("unchecked")
        Map<String, Object> steps = (Map<String, Object>) ((Map<String, Object>) r.json().get("probe")).get("steps");
        assertEquals("FAIL", ((Map<?, ?>) steps.get("tls")).get("status"));
        assertTrue(String.valueOf(((Map<?, ?>) steps.get("tls")).get("hint")).endsWith("; sslsni=0 is set: a server or proxy "
                + "that routes by SNI (Neon, Render, many poolers) refuses such handshakes, so set sslsni=1"), r.out());
    }

    /** Presents the certificate only to clients that sent SNI, like an SNI-routing proxy. */
    static final class SniOnly extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager base;

        SniOnly(X509ExtendedKeyManager base) {
            this.base = base;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            if (socket instanceof SSLSocket s && s.getHandshakeSession() instanceof ExtendedSSLSession e
                    && !e.getRequestedServerNames().isEmpty()) {
                return base.chooseServerAlias(keyType, issuers, socket);
            }
            return null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return base.getServerAliases(keyType, issuers);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return base.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return base.getPrivateKey(alias);
        }
    }
}
