package io.github.pgssl.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgssl.ClientIdentity;
import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.Secret;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslNegotiation;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TlsVersion;
import io.github.pgssl.TrustSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libpq's sslmode rules at resolver level: every row of the decision table (spec libpq.md §2) as
 * "which policy does this sslmode give in this root-file situation", plus §1.2's checks.
 */
class PolicyResolverTest {
    static final String HINT = "Either provide the file, use the system's trusted roots with sslrootcert=system, "
            + "or change sslmode to disable server certificate verification.";

    @TempDir
    static Path tmp;
    static Path emptyHome;      // home without ~/.postgresql
    static Path homeWithRoot;   // home with ~/.postgresql/root.crt
    static Path rootCa;         // an existing CA file given as sslrootcert
    static Path missing;        // sslrootcert naming a missing file

    @BeforeAll
    static void files() throws IOException {
        emptyHome = Files.createDirectories(tmp.resolve("empty-home"));
        homeWithRoot = Files.createDirectories(tmp.resolve("home"));
        Files.createDirectories(homeWithRoot.resolve(".postgresql"));
        Files.writeString(homeWithRoot.resolve(".postgresql/root.crt"), "content is not read by the resolver");
        rootCa = Files.writeString(tmp.resolve("root_ca.crt"), "content is not read by the resolver");
        missing = tmp.resolve("missing.crt");
    }

    static ConnectionSettings settings(String... kv) {
        ConnectionSettings.Builder b = ConnectionSettings.builder("keyword-value");
        for (int i = 0; i < kv.length; i += 2) {
            b.set(kv[i], kv[i + 1], Origin.EXPLICIT);
        }
        return b.build();
    }

    static PgEnvironment home(Path h) {
        return PgEnvironment.of(Map.of(), h);
    }

    static SslPolicy resolve(ConnectionSettings s, PgEnvironment env) {
        return PgSsl.policy(s, env);
    }

    /** "Kind fallback trust" for a compact row assertion. */
    static String describe(SslPolicy p) {
        if (p instanceof SslPolicy.Disabled) {
            return "disabled";
        }
        TlsOptions o = p.tls().orElseThrow();
        String trust = o.trust() instanceof TrustSource.PemFile f ? f.file().toString() : o.trust().toString();
        return p.getClass().getSimpleName() + " " + p.fallback() + " " + trust;
    }

    static List<Arguments> row(String situation, Map<String, String> extra, PgEnvironment env, String... expectedByMode) {
        String[] modes = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"};
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < modes.length; i++) {
            out.add(Arguments.of(situation + " / " + modes[i], modes[i], extra, env, expectedByMode[i]));
        }
        return out;
    }

    static Stream<Arguments> decisionTable() {
        List<Arguments> rows = new ArrayList<>();
        String ca = rootCa.toString();
        // S1, S2, S3, S3b, S7, S8, S8b: an sslrootcert file exists; it verifies for every TLS mode (outcomes differ only in the handshake)
        rows.addAll(row("S1-S3b,S7,S8 sslrootcert exists", Map.of("sslrootcert", ca), home(emptyHome),
                "disabled", "VerifyCa PLAINTEXT_FIRST " + ca, "VerifyCa PLAINTEXT_AFTER_TLS_FAILURE " + ca, "VerifyCa NONE " + ca,
                "VerifyCa NONE " + ca, "VerifyFull NONE " + ca));
        // S4: sslrootcert names a missing file, no ~/.postgresql
        String d = "ERROR root certificate file \"" + missing + "\" does not exist\n" + HINT;
        rows.addAll(row("S4 no root cert", Map.of("sslrootcert", missing.toString()), home(emptyHome),
                "disabled", "NoVerify PLAINTEXT_FIRST none", "NoVerify PLAINTEXT_AFTER_TLS_FAILURE none", "NoVerify NONE none", d, d));
        // S4b / S4c: ~/.postgresql/root.crt present, sslrootcert unset
        String home = homeWithRoot.resolve(".postgresql/root.crt").toString();
        rows.addAll(row("S4b,S4c ~/.postgresql/root.crt", Map.of(), home(homeWithRoot),
                "disabled", "VerifyCa PLAINTEXT_FIRST " + home, "VerifyCa PLAINTEXT_AFTER_TLS_FAILURE " + home, "VerifyCa NONE " + home,
                "VerifyCa NONE " + home, "VerifyFull NONE " + home));
        // S4 with the default location: no sslrootcert, home without root.crt
        String dd = "ERROR root certificate file \"" + emptyHome.resolve(".postgresql/root.crt") + "\" does not exist\n" + HINT;
        rows.addAll(row("S4 default location missing", Map.of(), home(emptyHome),
                "disabled", "NoVerify PLAINTEXT_FIRST none", "NoVerify PLAINTEXT_AFTER_TLS_FAILURE none", "NoVerify NONE none", dd, dd));
        // T1b: an explicit missing sslrootcert disables the default ~/.postgresql/root.crt
        rows.addAll(row("T1b explicit missing sslrootcert hides root.crt", Map.of("sslrootcert", missing.toString()), home(homeWithRoot),
                "disabled", "NoVerify PLAINTEXT_FIRST none", "NoVerify PLAINTEXT_AFTER_TLS_FAILURE none", "NoVerify NONE none", d, d));
        // no home directory at all
        String h = "ERROR could not get home directory to locate root certificate file\n" + HINT;
        rows.addAll(row("no home directory", Map.of(), PgEnvironment.empty(),
                "disabled", "NoVerify PLAINTEXT_FIRST none", "NoVerify PLAINTEXT_AFTER_TLS_FAILURE none", "NoVerify NONE none", h, h));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisionTable")
    void resolveWhenSslmodeAndRootFileSituationThenLibpqPolicy(String name, String mode, Map<String, String> extra, PgEnvironment env,
                                                               String expected) {
        ConnectionSettings.Builder b = ConnectionSettings.builder("keyword-value").set("sslmode", mode, Origin.EXPLICIT);
        extra.forEach((k, v) -> b.set(k, v, Origin.EXPLICIT));
        String actual;
        try {
            actual = describe(resolve(b.build(), env));
        } catch (SslConfigurationException e) {
            actual = "ERROR " + e.getMessage();
        }
        assertEquals(expected, actual);
    }

    @Test
    void resolveWhenSslmodeUnsetThenPrefer() {
        assertEquals("NoVerify PLAINTEXT_AFTER_TLS_FAILURE none", describe(resolve(settings(), home(emptyHome))));
        ConnectionSettings defaulted = ConnectionSettings.builder("uri").set("sslmode", "prefer", Origin.DEFAULT).build();
        assertEquals("VerifyCa PLAINTEXT_AFTER_TLS_FAILURE " + homeWithRoot.resolve(".postgresql/root.crt"),
                describe(resolve(defaulted, home(homeWithRoot))));
    }

    @Test
    void resolveWhenSslmodeCaseDiffersThenLibpqInvalidValue() {
        SslConfigurationException e = assertThrows(SslConfigurationException.class,
                () -> resolve(settings("sslmode", "Require"), home(emptyHome)));
        assertEquals("invalid sslmode value: \"Require\"; use one of disable, allow, prefer, require, verify-ca, verify-full", e.getMessage());
        assertEquals("sslmode", e.setting().orElseThrow());
    }

    // --- sslrootcert=system ---

    @Test
    void resolveWhenSystemRootAndNoSslmodeThenVerifyFullWithSystemTrust() {
        SslPolicy p = resolve(settings("sslrootcert", "system"), home(homeWithRoot));
        assertEquals("VerifyFull NONE system", describe(p));
        assertEquals(java.util.Optional.empty(), p.tls().orElseThrow().crlFile());
    }

    @Test
    void resolveWhenSystemRootAndSslmodeDefaultedThenVerifyFull() {
        ConnectionSettings s = ConnectionSettings.builder("uri").set("sslrootcert", "system", Origin.ENVIRONMENT)
                .set("sslmode", "prefer", Origin.DEFAULT).build();
        assertEquals("VerifyFull NONE system", describe(resolve(s, home(emptyHome))));
    }

    static Stream<Arguments> weakWithSystem() {
        return Stream.of(
                Arguments.of("explicit disable", ConnectionSettings.builder("kv").set("sslmode", "disable", Origin.EXPLICIT), "disable"),
                Arguments.of("PGSSLMODE=prefer", ConnectionSettings.builder("kv").set("sslmode", "prefer", Origin.ENVIRONMENT), "prefer"),
                Arguments.of("service sslmode=require", ConnectionSettings.builder("kv").set("sslmode", "require", Origin.SERVICE), "require"),
                Arguments.of("explicit verify-ca", ConnectionSettings.builder("kv").set("sslmode", "verify-ca", Origin.EXPLICIT), "verify-ca"),
                Arguments.of("PGREQUIRESSL=1", ConnectionSettings.builder("kv").set("requiressl", "1", Origin.ENVIRONMENT), "require"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weakWithSystem")
    void resolveWhenSystemRootAndWeakExplicitSslmodeThenRefused(String name, ConnectionSettings.Builder b, String mode) {
        ConnectionSettings s = b.set("sslrootcert", "system", Origin.EXPLICIT).build();
        SslConfigurationException e = assertThrows(SslConfigurationException.class, () -> resolve(s, home(emptyHome)));
        assertEquals("weak sslmode \"" + mode + "\" may not be used with sslrootcert=system (use \"verify-full\")", e.getMessage());
    }

    @Test
    void resolveWhenSystemRootAndSslCertFileSetThenTheyReplaceTheJdkStore() {
        PgEnvironment env = PgEnvironment.of(Map.of("SSL_CERT_FILE", "/etc/ssl/bundle.pem", "SSL_CERT_DIR", "/a:/b"), emptyHome);
        SslPolicy p = resolve(settings("sslrootcert", "system", "sslmode", "verify-full", "sslcrl", rootCa.toString()), env);
        TlsOptions o = p.tls().orElseThrow();
        assertEquals(new TrustSource.SystemPaths(Path.of("/etc/ssl/bundle.pem"), List.of(Path.of("/a"), Path.of("/b"))), o.trust());
        assertEquals(java.util.Optional.empty(), o.crlFile()); // no CRL loading with sslrootcert=system
    }

    // --- sslnegotiation=direct ---

    static Stream<Arguments> weakWithDirect() {
        return Stream.of(Arguments.of("default prefer", null, "prefer"), Arguments.of("allow", "allow", "allow"),
                Arguments.of("disable", "disable", "disable"), Arguments.of("prefer", "prefer", "prefer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weakWithDirect")
    void resolveWhenDirectNegotiationAndWeakSslmodeThenRefused(String name, String mode, String shown) {
        ConnectionSettings s = mode == null ? settings("sslnegotiation", "direct") : settings("sslnegotiation", "direct", "sslmode", mode);
        SslConfigurationException e = assertThrows(SslConfigurationException.class, () -> resolve(s, home(emptyHome)));
        assertEquals("weak sslmode \"" + shown + "\" may not be used with sslnegotiation=direct (use \"require\", \"verify-ca\", or \"verify-full\")",
                e.getMessage());
    }

    @Test
    void resolveWhenDirectNegotiationAndRequireThenDirectOption() {
        assertEquals(SslNegotiation.DIRECT, resolve(settings("sslnegotiation", "direct", "sslmode", "require"), home(emptyHome))
                .tls().orElseThrow().negotiation());
        // sslrootcert=system makes the default verify-full, which direct accepts
        assertEquals(SslNegotiation.DIRECT, resolve(settings("sslnegotiation", "direct", "sslrootcert", "system"), home(emptyHome))
                .tls().orElseThrow().negotiation());
    }

    @Test
    void resolveWhenSslnegotiationInvalidThenLibpqMessage() {
        SslConfigurationException e = assertThrows(SslConfigurationException.class,
                () -> resolve(settings("sslnegotiation", "requiredirect"), home(emptyHome)));
        assertEquals("invalid sslnegotiation value: \"requiredirect\"; use postgres or direct", e.getMessage());
    }

    // --- TLS versions ---

    @Test
    void resolveWhenProtocolVersionsGivenThenCaseInsensitiveAndDefaultMinIsTls12() {
        TlsOptions o = resolve(settings("sslmode", "require", "ssl_min_protocol_version", "tlsv1.3"), home(emptyHome)).tls().orElseThrow();
        assertEquals(TlsVersion.TLS_1_3, o.minVersion().orElseThrow());
        assertEquals(TlsVersion.TLS_1_2, resolve(settings("sslmode", "require"), home(emptyHome)).tls().orElseThrow().minVersion().orElseThrow());
    }

    @Test
    void resolveWhenProtocolVersionInvalidThenLibpqMessage() {
        SslConfigurationException e = assertThrows(SslConfigurationException.class,
                () -> resolve(settings("ssl_min_protocol_version", "TLSv1.4"), home(emptyHome)));
        assertEquals("invalid \"ssl_min_protocol_version\" value: \"TLSv1.4\"; use TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3", e.getMessage());
    }

    @Test
    void resolveWhenMinAboveMaxThenRangeError() {
        SslConfigurationException e = assertThrows(SslConfigurationException.class, () -> resolve(
                settings("ssl_min_protocol_version", "TLSv1.3", "ssl_max_protocol_version", "TLSv1.2"), home(emptyHome)));
        assertEquals("invalid SSL protocol version range: ssl_min_protocol_version TLSv1.3 is above ssl_max_protocol_version TLSv1.2; "
                + "lower the minimum or raise the maximum", e.getMessage());
    }

    // --- CRLs ---

    @Test
    void resolveWhenRootLoadedAndNoCrlSetThenDefaultRootCrl() {
        TlsOptions o = resolve(settings("sslmode", "verify-ca"), home(homeWithRoot)).tls().orElseThrow();
        assertEquals(homeWithRoot.resolve(".postgresql/root.crl"), o.crlFile().orElseThrow());
        assertEquals(java.util.Optional.empty(), o.crlDirectory());
    }

    @Test
    void resolveWhenSslcrldirOnlyThenNoDefaultCrlFile() {
        TlsOptions o = resolve(settings("sslmode", "verify-ca", "sslcrldir", "/crls"), home(homeWithRoot)).tls().orElseThrow();
        assertEquals(java.util.Optional.empty(), o.crlFile());
        assertEquals(Path.of("/crls"), o.crlDirectory().orElseThrow());
    }

    @Test
    void resolveWhenNoRootLoadedThenNoCrl() {
        TlsOptions o = resolve(settings("sslmode", "require", "sslcrl", "/x.crl"), home(emptyHome)).tls().orElseThrow();
        assertEquals(java.util.Optional.empty(), o.crlFile());
    }

    // --- client identity ---

    @Test
    void resolveWhenDefaultCertificateMissingThenNoIdentity() {
        assertSame(ClientIdentity.none(), resolve(settings("sslmode", "require"), home(homeWithRoot)).tls().orElseThrow().identity());
    }

    @Test
    void resolveWhenCertificateExistsThenIdentityWithDefaultKeyAndPassword() throws IOException {
        Path h = Files.createDirectories(tmp.resolve("home-cert/.postgresql")).getParent();
        Files.writeString(h.resolve(".postgresql/postgresql.crt"), "x");
        ConnectionSettings s = ConnectionSettings.builder("kv").set("sslmode", "require", Origin.EXPLICIT)
                .setSecret("sslpassword", Secret.of("pw"), Origin.EXPLICIT).build();
        ClientIdentity id = resolve(s, home(h)).tls().orElseThrow().identity();
        assertEquals(ClientIdentity.of(h.resolve(".postgresql/postgresql.crt"), h.resolve(".postgresql/postgresql.key"), Secret.of("pw")), id);
        assertSame(ClientIdentity.none(), resolve(settings("sslmode", "require", "sslcertmode", "disable"), home(h)).tls().orElseThrow().identity());
    }

    @Test
    void resolveWhenSslkeyIsAnEngineKeyThenRefused() {
        SslConfigurationException e = assertThrows(SslConfigurationException.class,
                () -> resolve(settings("sslmode", "require", "sslcert", rootCa.toString(), "sslkey", "pkcs11:id=1"), home(emptyHome)));
        assertEquals("sslkey \"pkcs11:id=1\" names an OpenSSL engine key (engine:keyid), which Java cannot use; "
                + "export the key to a file and set sslkey to it", e.getMessage());
    }

    @Test
    void resolveWhenSslcertmodeInvalidThenRefused() {
        SslConfigurationException e = assertThrows(SslConfigurationException.class,
                () -> resolve(settings("sslcertmode", "always"), home(emptyHome)));
        assertEquals("invalid sslcertmode value: \"always\"; use disable, allow or require", e.getMessage());
    }

    @Test
    void resolveWhenSslcertmodeRequireThenClientCertificateRequired() {
        assertEquals(true, resolve(settings("sslmode", "require", "sslcertmode", "require"), home(emptyHome)).tls().orElseThrow()
                .clientCertificateRequired());
        assertEquals(false, resolve(settings("sslmode", "require"), home(emptyHome)).tls().orElseThrow().clientCertificateRequired());
    }

    @Test
    void resolveWhenSslsniZeroThenNoSni() {
        assertEquals(false, resolve(settings("sslmode", "require", "sslsni", "0"), home(emptyHome)).tls().orElseThrow().sni());
        assertEquals(true, resolve(settings("sslmode", "require"), home(emptyHome)).tls().orElseThrow().sni());
    }

    // --- Unix sockets ---

    @Test
    void policyForHostWhenUnixSocketThenDisabledEvenForVerifyFull() {
        SslPolicy full = resolve(settings("sslmode", "verify-full", "sslrootcert", rootCa.toString()), home(emptyHome));
        assertSame(SslPolicy.disabled(), PgSsl.policyForHost(full, "/var/run/postgresql"));
        assertSame(SslPolicy.disabled(), PgSsl.policyForHost(full, "@abstract"));
        assertSame(full, PgSsl.policyForHost(full, "db.example.com"));
    }

    @Test
    void resolveWhenSameSettingsThenEqualPolicies() {
        ConnectionSettings s = settings("sslmode", "verify-full", "sslrootcert", rootCa.toString());
        assertEquals(resolve(s, home(emptyHome)), resolve(s, home(emptyHome)));
        assertEquals(resolve(s, home(emptyHome)).hashCode(), resolve(s, home(emptyHome)).hashCode());
        assertInstanceOf(SslPolicy.VerifyFull.class, resolve(s, home(emptyHome)));
    }
    @Test
    void resolveWhenEveryHostIsAUnixSocketThenDisabledWithoutFileChecks() {
        // libpq never attempts TLS over a socket, so verify-full with no root file connects in plaintext
        assertSame(SslPolicy.disabled(), resolve(settings("sslmode", "verify-full", "host", "/var/run/postgresql,@abstract"),
                PgEnvironment.empty()));
        // the value checks still apply
        SslConfigurationException e = assertThrows(SslConfigurationException.class,
                () -> resolve(settings("sslmode", "verify-full", "host", "/tmp", "ssl_min_protocol_version", "TLSv9"), PgEnvironment.empty()));
        assertEquals("invalid \"ssl_min_protocol_version\" value: \"TLSv9\"; use TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3", e.getMessage());
        // a TCP host in the list, or a hostaddr, keeps the checks
        assertThrows(SslConfigurationException.class,
                () -> resolve(settings("sslmode", "verify-full", "host", "/tmp,db.example.com"), PgEnvironment.empty()));
        assertThrows(SslConfigurationException.class,
                () -> resolve(settings("sslmode", "verify-full", "host", "/tmp", "hostaddr", "127.0.0.1"), PgEnvironment.empty()));
    }

    @Test
    void resolveWhenDisableThenNoClientFileIsExamined() {
        assertSame(SslPolicy.disabled(), resolve(settings("sslmode", "disable", "sslcert", rootCa.toString(), "sslkey", "engine:key"),
                PgEnvironment.empty()));
    }
}
