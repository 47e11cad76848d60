package io.github.pgssl.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsVerificationException;
import io.github.pgssl.TrustSource;
import io.github.pgssl.tls.TestPki;
import io.github.pgssl.tls.TestTlsServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strategy selection by name (pgssl.strategy / PGSSL_STRATEGY), the built-ins, a third-party strategy, a broken one. */
class StrategyTest {
    static final PgEnvironment NO_ENV = PgEnvironment.empty();

    @TempDir
    Path tmp;

    static ConnectionSettings settings(Map<String, String> pgssl, String... kv) {
        ConnectionSettings.Builder b = ConnectionSettings.builder("keyword-value");
        for (int i = 0; i < kv.length; i += 2) {
            b.set(kv[i], kv[i + 1], Origin.EXPLICIT);
        }
        pgssl.forEach(b::pgsslOption);
        return b.build();
    }

    @Test
    void policyWhenThirdPartyStrategyNamedThenItDecides() {
        SslPolicy p = PgSsl.policy(settings(Map.of("strategy", "test-strategy"), "sslmode", "disable"), NO_ENV);
        assertEquals("test-strategy", p.strategy());
        assertInstanceOf(SslPolicy.NoVerify.class, p);
    }

    @Test
    void policyWhenStrategyInEnvironmentThenUsedAndOptionWins() {
        PgEnvironment env = PgEnvironment.of(Map.of("PGSSL_STRATEGY", "test-strategy"), null);
        assertEquals("test-strategy", PgSsl.policy(settings(Map.of()), env).strategy());
        assertEquals("no-verify", PgSsl.policy(settings(Map.of("strategy", "no-verify")), env).strategy());
    }

    @Test
    void policyWhenStrategyUnknownThenListsAvailableStrategies() {
        SslConfigurationException e = assertThrows(SslConfigurationException.class,
                () -> PgSsl.policy(settings(Map.of("strategy", "nope")), NO_ENV));
        assertEquals("unknown pgssl strategy \"nope\"; available strategies: [ca-file, full-verify, no-verify, pinned, test-strategy]; "
                + "set pgssl.strategy (or PGSSL_STRATEGY) to one of them", e.getMessage());
        assertEquals("pgssl.strategy", e.setting().orElseThrow());
    }

    @Test
    void noVerifyWhenSslmodeIsVerifyFullThenStrategyStillWins() {
        SslPolicy p = PgSsl.policy(settings(Map.of("strategy", "no-verify"), "sslmode", "verify-full"), NO_ENV);
        assertInstanceOf(SslPolicy.NoVerify.class, p);
        assertEquals(SslPolicy.Fallback.NONE, p.fallback());
    }

    @Test
    void caFileWhenRootCertGivenThenVerifyCaElseExplains() throws Exception {
        Path ca = Files.writeString(tmp.resolve("ca.pem"), "x");
        SslPolicy p = PgSsl.policy(settings(Map.of("strategy", "ca-file"), "sslrootcert", ca.toString()), NO_ENV);
        assertInstanceOf(SslPolicy.VerifyCa.class, p);
        assertEquals(TrustSource.pemFile(ca), p.tls().orElseThrow().trust());
        SslConfigurationException e = assertThrows(SslConfigurationException.class,
                () -> PgSsl.policy(settings(Map.of("strategy", "ca-file")), NO_ENV));
        assertEquals("pgssl.strategy=ca-file needs sslrootcert; set sslrootcert to the CA certificate file", e.getMessage());
        e = assertThrows(SslConfigurationException.class,
                () -> PgSsl.policy(settings(Map.of("strategy", "ca-file"), "sslrootcert", "system"), NO_ENV));
        assertEquals("sslrootcert=system may not be used with pgssl.strategy=ca-file (any publicly trusted certificate would be "
                + "accepted for any host); use pgssl.strategy=full-verify", e.getMessage());
    }

    @Test
    void fullVerifyWhenNoRootCertThenSystemTrust() {
        SslPolicy p = PgSsl.policy(settings(Map.of("strategy", "full-verify")), NO_ENV);
        assertInstanceOf(SslPolicy.VerifyFull.class, p);
        assertEquals(TrustSource.system(), p.tls().orElseThrow().trust());
        SslConfigurationException e = assertThrows(SslConfigurationException.class,
                () -> PgSsl.policy(settings(Map.of("strategy", "full-verify"), "sslrootcert", tmp.resolve("no.pem").toString()), NO_ENV));
        assertEquals("root certificate file \"" + tmp.resolve("no.pem") + "\" does not exist; provide the file, or unset sslrootcert "
                + "to use the system's trusted roots", e.getMessage());
    }

    @Test
    void fullVerifyWhenRootCertOnlyDefaultedAndAbsentThenSystemTrust() {
        PgEnvironment env = PgEnvironment.of(Map.of("HOME", tmp.toString()), tmp);
        ConnectionSettings merged = PgSsl.settings("host=db.example.test pgssl.strategy=full-verify", env);
        assertEquals(Origin.DEFAULT, merged.origin("sslrootcert").orElseThrow());
        SslPolicy p = PgSsl.policy(merged, env);
        assertInstanceOf(SslPolicy.VerifyFull.class, p);
        assertEquals(TrustSource.system(env), p.tls().orElseThrow().trust());
    }

    @Test
    void pinnedWhenPinsGivenThenNormalizedElseExplains() {
        String pin = "AB:" + "cd".repeat(31);
        SslPolicy p = PgSsl.policy(settings(Map.of("strategy", "pinned", "pin", pin + ", " + "01".repeat(32))), NO_ENV);
        assertEquals(TrustSource.pinned(List.of("ab" + "cd".repeat(31), "01".repeat(32))), p.tls().orElseThrow().trust());
        PgEnvironment env = PgEnvironment.of(Map.of("PGSSL_PIN", "02".repeat(32)), null);
        assertEquals(TrustSource.pinned(List.of("02".repeat(32))), PgSsl.policy(settings(Map.of("strategy", "pinned")), env)
                .tls().orElseThrow().trust());
        SslConfigurationException e = assertThrows(SslConfigurationException.class,
                () -> PgSsl.policy(settings(Map.of("strategy", "pinned")), NO_ENV));
        assertEquals("pgssl.strategy=pinned needs pgssl.pin (or PGSSL_PIN): a comma-separated list of SHA-256 fingerprints of the "
                + "server certificate or public key", e.getMessage());
        e = assertThrows(SslConfigurationException.class,
                () -> PgSsl.policy(settings(Map.of("strategy", "pinned", "pin", "abc")), NO_ENV));
        assertEquals("pgssl.pin: \"abc\" is not a SHA-256 fingerprint; give 64 hex digits (colons allowed), as printed by "
                + "openssl x509 -noout -fingerprint -sha256", e.getMessage());
    }

    @Test
    void pinnedWhenResolvedFromSettingsThenAcceptsTheRightServerAndRefusesAnother() throws Exception {
        TestPki.Held ca = TestPki.ca("Pin CA").selfSigned();
        TestPki.Held right = TestPki.leaf("right.test").signedBy(ca);
        TestPki.Held other = TestPki.leaf("other.test").signedBy(ca);
        String pin = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(right.certificate().getPublicKey().getEncoded()));
        SslPolicy p = PgSsl.policy(settings(Map.of("strategy", "pinned", "pin", pin)), NO_ENV);
        try (TestTlsServer ok = new TestTlsServer(right, null, false); TestTlsServer bad = new TestTlsServer(other, null, false)) {
            assertEquals("TLSv1.3", ok.handshake(PgSsl.material(p), "127.0.0.1"));
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> bad.handshake(PgSsl.material(p), "127.0.0.1"));
            TlsVerificationException v = TlsVerificationException.findIn(e);
            assertNotNull(v);
            assertEquals(TlsVerificationException.Reason.PIN_MISMATCH, v.reason());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            assertEquals("certificate verify failed: server certificate \"CN=other.test,O=pgssl-test\" matches no pinned SHA-256 "
                    + "fingerprint (certificate " + HexFormat.of().formatHex(sha.digest(other.certificate().getEncoded()))
                    + ", public key " + HexFormat.of().formatHex(sha.digest(other.certificate().getPublicKey().getEncoded()))
                    + "); update pgssl.pin", v.getMessage());
        }
    }
}
