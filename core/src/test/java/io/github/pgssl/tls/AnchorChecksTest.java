package io.github.pgssl.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgssl.PgSsl;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.SslPolicy.Fallback;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TlsVerificationException;
import io.github.pgssl.TlsVerificationException.Reason;
import io.github.pgssl.TrustSource;
import io.github.pgssl.internal.tls.MaterialCache;

import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The root is checked as OpenSSL checks it (Java's PKIX trusts an anchor blindly): validity, CA flag,
 * keyCertSign and name constraints, each with OpenSSL's reason. In-process TLS server, exact messages;
 * the same shapes against a real server and psql are in the adapters' *ChainVerdictIT.
 */
class AnchorChecksTest {
    static final String HOST = "db.pgssl.test";

    @TempDir
    static Path dir;

    @AfterAll
    static void clear() {
        MaterialCache.clear();
    }

    static SslPolicy verifyCa(Path caFile) {
        return new SslPolicy.VerifyCa(TlsOptions.defaults().withTrust(TrustSource.pemFile(caFile)), Fallback.NONE, "test");
    }

    static Stream<Arguments> shapes() {
        Instant past = Instant.parse("2020-01-01T00:00:00Z");
        Instant pastEnd = Instant.parse("2021-01-01T00:00:00Z");
        Instant future = Instant.parse("2100-01-01T00:00:00Z");
        Instant futureEnd = Instant.parse("2101-01-01T00:00:00Z");
        return Stream.of(
                Arguments.of("expired root", TestPki.ca("Expired Root").validity(past, pastEnd).selfSigned(), Reason.EXPIRED,
                        "certificate verify failed: certificate has expired: \"CN=Expired Root,O=pgssl-test\" was valid until 2021-01-01T00:00:00Z"),
                Arguments.of("not-yet-valid root", TestPki.ca("Future Root").validity(future, futureEnd).selfSigned(), Reason.NOT_YET_VALID,
                        "certificate verify failed: certificate is not yet valid: \"CN=Future Root,O=pgssl-test\" is valid from 2100-01-01T00:00:00Z"),
                Arguments.of("root marked CA:FALSE", TestPki.ca("Not A CA").caMarkedNotCa().selfSigned(), Reason.INVALID_CHAIN,
                        "certificate verify failed: invalid CA certificate: \"CN=Not A CA,O=pgssl-test\" signs the chain but is not a CA "
                                + "(basicConstraints CA:FALSE)"),
                Arguments.of("root without keyCertSign", TestPki.ca("No CertSign").caKeyUsage(KeyUsage.cRLSign | KeyUsage.digitalSignature)
                        .selfSigned(), Reason.INVALID_CHAIN,
                        "certificate verify failed: key usage does not include certificate signing: \"CN=No CertSign,O=pgssl-test\" signs "
                                + "the chain but its keyUsage lacks keyCertSign"),
                Arguments.of("leaf outside the root's name constraints", TestPki.ca("Constrained").permittedDns("allowed.test").selfSigned(),
                        Reason.INVALID_CHAIN,
                        "certificate verify failed: permitted subtree violation: name \"" + HOST + "\" of \"CN=" + HOST
                                + ",O=pgssl-test\" is outside the name constraints of \"CN=Constrained,O=pgssl-test\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void verifyCaWhenRootFailsOpensslsChecksThenRefusedWithItsReason(String name, TestPki.Held root, Reason reason, String message)
            throws Exception {
        TestPki.Held leaf = TestPki.leaf(HOST).dns(HOST).signedBy(root);
        Path rootFile = root.writePem(dir.resolve(name.replace(' ', '-') + ".crt"));
        try (TestTlsServer s = new TestTlsServer(leaf, null, false)) {
            TlsVerificationException v = HandshakeTest.refused(s, verifyCa(rootFile), HOST);
            assertEquals(reason, v.reason());
            assertEquals(message, v.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void verifyCaWhenSameLeafUnderAGoodRootThenAccepted(String name, TestPki.Held ignored, Reason reason, String message) throws Exception {
        TestPki.Held root = TestPki.ca("Good Root").selfSigned();
        TestPki.Held leaf = TestPki.leaf(HOST).dns(HOST).signedBy(root);
        Path rootFile = root.writePem(dir.resolve("good-" + name.replace(' ', '-') + ".crt"));
        try (TestTlsServer s = new TestTlsServer(leaf, null, false)) {
            s.handshake(PgSsl.material(verifyCa(rootFile)), HOST);
        }
    }
}
