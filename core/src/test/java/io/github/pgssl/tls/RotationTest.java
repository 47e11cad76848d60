package io.github.pgssl.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.ClientIdentity;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.SslPolicy.Fallback;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TlsVerificationException;
import io.github.pgssl.TrustSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaces the CA file and then the client key while a bounded handshake loop runs: no handshake
 * fails except those against material that is deliberately not (yet, or any more) trusted, a
 * half-written file keeps the old material, and the SSLContext a driver holds keeps working.
 */
class RotationTest {
    private static final int STEP_MS = 100;
    private static final int MAX_STEPS = 40; // 4 s per phase, the reload check runs about once a second

    @TempDir
    Path dir;

    /** The engine under test; {@link ConscryptRotationTest} runs the same rotation on Conscrypt. */
    io.github.pgssl.TlsEngine engine() {
        return io.github.pgssl.TlsEngine.JDK;
    }

    @Test
    void rotationWhenCaFileAndClientKeyChangeThenNewHandshakesUseNewMaterialWithoutFailures() throws Exception {
        TestPki.Held rootA = TestPki.ca("Rotation Root A").selfSigned();
        TestPki.Held rootB = TestPki.ca("Rotation Root B").selfSigned();
        TestPki.Held clientCa = TestPki.ca("Rotation Client CA").selfSigned();
        TestPki.Held client1 = TestPki.leaf("rotating-user").clientAuth().signedBy(clientCa);
        TestPki.Held client2 = TestPki.leaf("rotating-user").clientAuth().signedBy(clientCa);
        Path rootFile = rootA.writePem(dir.resolve("root.crt"));
        Path certFile = client1.writePem(dir.resolve("client.crt"));
        Path keyFile = client1.writeKeyPem(dir.resolve("client.key"));
        SslPolicy policy = new SslPolicy.VerifyCa(TlsOptions.defaults().withEngine(engine()).withTrust(TrustSource.pemFile(rootFile))
                .withIdentity(ClientIdentity.of(certFile, keyFile, null)), Fallback.NONE, "rotation");

        try (TestTlsServer serverA = new TestTlsServer(TestPki.leaf("a.test").dns("a.test").signedBy(rootA), clientCa, false);
             TestTlsServer serverB = new TestTlsServer(TestPki.leaf("b.test").dns("b.test").signedBy(rootB), clientCa, false)) {
            TlsMaterial m = PgSsl.material(policy);
            SSLContext heldByDriver = m.sslContext();
            List<String> unexpected = new ArrayList<>();

            // phase 1: root A only
            for (int i = 0; i < 3; i++) {
                expectOk(serverA, m, "a.test", unexpected);
            }

            // phase 2: the CA file becomes A+B (replaced atomically); B becomes trusted within about a second
            replace(rootFile, rootA.pem() + rootB.pem());
            boolean bTrusted = false;
            for (int i = 0; i < MAX_STEPS && !bTrusted; i++) {
                expectOk(serverA, m, "a.test", unexpected);
                bTrusted = tryHandshake(serverB, m, "b.test") == null; // failures before the reload: B not yet trusted
                Thread.sleep(STEP_MS);
            }
            assertTrue(bTrusted, "root B never became trusted after the CA file changed");

            // phase 2b: a half-written CA file keeps the previous material (and logs an ERROR)
            String full = rootA.pem() + rootB.pem();
            Files.writeString(rootFile, full.substring(0, full.length() / 2 + 40));
            for (int i = 0; i < 15; i++) {
                expectOk(serverA, m, "a.test", unexpected);
                expectOk(serverB, m, "b.test", unexpected);
                Thread.sleep(STEP_MS);
            }
            Files.writeString(rootFile, full);

            // phase 3: the client certificate, then (later, non-atomically) its key change
            String serial2 = client2.certificate().getSubjectX500Principal().getName() + "#" + client2.certificate().getSerialNumber();
            serverA.clientCertsSeen.clear();
            Files.writeString(certFile, client2.pem());
            for (int i = 0; i < 5; i++) {
                expectOk(serverA, m, "a.test", unexpected); // cert and key mismatch: old identity kept
                Thread.sleep(STEP_MS);
            }
            Files.writeString(keyFile, TestPki.pemObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                    client2.keyPair().getPrivate(), null).generate()));
            boolean newIdentity = false;
            for (int i = 0; i < MAX_STEPS && !newIdentity; i++) {
                expectOk(serverA, m, "a.test", unexpected);
                HandshakeTest.waitFor(() -> !serverA.clientCertsSeen.isEmpty());
                newIdentity = serverA.clientCertsSeen.get(serverA.clientCertsSeen.size() - 1).equals(serial2);
                Thread.sleep(STEP_MS);
            }
            assertTrue(newIdentity, "the server never saw the rotated client certificate: " + serverA.clientCertsSeen + " want " + serial2);

            // phase 4: root A is withdrawn; A becomes deliberately untrusted, B keeps working
            replace(rootFile, rootB.pem());
            TlsVerificationException refusedA = null;
            for (int i = 0; i < MAX_STEPS && refusedA == null; i++) {
                expectOk(serverB, m, "b.test", unexpected);
                refusedA = tryHandshake(serverA, m, "a.test");
                Thread.sleep(STEP_MS);
            }
            assertNotNull(refusedA, "root A stayed trusted after it was removed from the CA file");
            assertEquals(TlsVerificationException.Reason.UNTRUSTED, refusedA.reason());

            assertEquals(List.of(), unexpected);
            assertSame(heldByDriver, m.sslContext());
            assertSame(m, PgSsl.material(policy));
        }
    }

    private static void replace(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void expectOk(TestTlsServer s, TlsMaterial m, String host, List<String> unexpected) {
        try {
            s.handshake(m, host);
        } catch (IOException e) {
            unexpected.add(host + ": " + e);
        }
    }

    /** null when the handshake succeeded, else the verification failure. */
    private static TlsVerificationException tryHandshake(TestTlsServer s, TlsMaterial m, String host) {
        try {
            s.handshake(m, host);
            return null;
        } catch (IOException e) {
            TlsVerificationException v = TlsVerificationException.findIn(e);
            if (v == null) {
                throw new AssertionError("handshake failed for another reason than verification", e);
            }
            return v;
        }
    }
}
