package io.github.pgssl.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.SslPolicy.Fallback;
import io.github.pgssl.TlsEngine;
import io.github.pgssl.TlsEngineUnavailableException;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.TrustSource;

import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every handshake of {@link HandshakeTest} again with {@code pgssl.tls_engine=conscrypt}: the same
 * verdicts and exact messages, because Conscrypt calls back into pgssl's trust manager (with
 * authType {@code GENERIC} under TLS 1.3, which pgssl's manager accepts).
 */
class ConscryptHandshakeTest extends HandshakeTest {

    @BeforeAll
    static void useConscrypt() {
        engine = TlsEngine.CONSCRYPT;
    }

    @AfterAll
    static void backToJdk() {
        engine = TlsEngine.JDK;
    }

    @Test
    void materialWhenEngineConscryptThenSocketsAreConscrypts() throws Exception {
        TlsMaterial m = PgSsl.material(verifyFull(rootFile));
        assertEquals(TlsEngine.CONSCRYPT, m.engine());
        assertEquals("Conscrypt", m.sslContext().getProvider().getName());
        try (Socket plain = new Socket("127.0.0.1", good.port()); SSLSocket s = m.createSocket(plain, HOST, good.port())) {
            assertTrue(s.getClass().getName().startsWith("org.conscrypt."), s.getClass().getName());
            s.startHandshake();
            assertEquals("TLSv1.3", s.getSession().getProtocol());
        }
    }

    @Test
    void autoWhenConscryptOnClassPathThenMaterialUsesIt() {
        SslPolicy p = new SslPolicy.VerifyFull(TlsOptionsHolder.auto(rootFile, true), Fallback.NONE, "test");
        assertSame(TlsEngine.CONSCRYPT, PgSsl.material(p).engine());
    }

    @Test
    void autoWhenSslsniOffThenJdkBecauseConscryptCannotHonourIt() {
        SslPolicy p = new SslPolicy.VerifyFull(TlsOptionsHolder.auto(rootFile, false), Fallback.NONE, "test");
        assertSame(TlsEngine.JDK, PgSsl.material(p).engine());
    }

    @Override
    @Test
    void noVerifyWhenCaIsUnknownThenHandshakeSucceedsAndWarnsOncePerPolicy() throws Exception {
        // The warning is once per policy per JVM (HandshakeTest logs it first); here: the handshake itself.
        SslPolicy p = new SslPolicy.NoVerify(opts(), Fallback.NONE, "no-verify-conscrypt");
        assertEquals("TLSv1.3", good.handshake(PgSsl.material(p), HOST));
        assertSame(TlsEngine.CONSCRYPT, PgSsl.material(p).engine());
    }

    @Override
    @Test
    void directNegotiationWhenServerSelectsAlpnThenSucceedsElseLibpqMessage() {
        SslPolicy p = new SslPolicy.VerifyFull(opts().withTrust(TrustSource.pemFile(rootFile))
                .withNegotiation(io.github.pgssl.SslNegotiation.DIRECT), Fallback.NONE, "test");
        TlsEngineUnavailableException e = assertThrows(TlsEngineUnavailableException.class, () -> PgSsl.material(p));
        assertEquals("sslnegotiation: sslnegotiation=direct cannot be checked with the conscrypt engine, which does not report "
                + "the negotiated ALPN protocol during the handshake; use pgssl.tls_engine=jdk (or auto) with sslnegotiation=direct, "
                + "or use sslnegotiation=postgres", e.getMessage());
        SslPolicy auto = new SslPolicy.VerifyFull(TlsOptionsHolder.auto(rootFile, true)
                .withNegotiation(io.github.pgssl.SslNegotiation.DIRECT), Fallback.NONE, "test");
        assertSame(TlsEngine.JDK, PgSsl.material(auto).engine());
    }

    @Override
    @Test
    void sniWhenHostIsDnsNameThenSentAndWhenIpOrSslsniOffThenNot() throws Exception {
        SslPolicy p = verifyCa(rootFile);
        good.sniSeen.clear();
        good.handshake(PgSsl.material(p), "localhost");
        good.handshake(PgSsl.material(p), "127.0.0.1");
        good.handshake(PgSsl.material(p), "::1");
        waitFor(() -> good.sniSeen.size() == 3);
        assertEquals(List.of("localhost", "", ""), good.sniSeen);
        SslPolicy off = new SslPolicy.VerifyCa(opts().withTrust(TrustSource.pemFile(rootFile)).withSni(false), Fallback.NONE, "test");
        TlsEngineUnavailableException e = assertThrows(TlsEngineUnavailableException.class, () -> PgSsl.material(off));
        assertEquals("sslsni: sslsni=0 cannot be honoured by the conscrypt engine, which always sends a DNS host name as SNI; "
                + "use pgssl.tls_engine=jdk (or auto) with sslsni=0, or remove sslsni=0", e.getMessage());
    }

    /** Options with {@code auto}. */
    static final class TlsOptionsHolder {
        static io.github.pgssl.TlsOptions auto(java.nio.file.Path root, boolean sni) {
            return io.github.pgssl.TlsOptions.defaults().withTrust(TrustSource.pemFile(root)).withSni(sni).withEngine(TlsEngine.AUTO);
        }
    }
}
