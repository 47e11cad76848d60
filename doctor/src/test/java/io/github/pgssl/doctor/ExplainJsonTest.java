package io.github.pgssl.doctor;

import io.github.pgssl.testkit.pki.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --explain --json} over a corpus of connection strings. The expected {@code settings} are
 * what libpq 15's {@code PQconninfoParse} printed for the same strings (LibpqParityTest re-checks
 * them against the libpq on the machine when it is there).
 */
class ExplainJsonTest {
    @TempDir
    static Path dir;
    static Path home;
    static String ca;

    @BeforeAll
    static void pki() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        ca = TestPki.generate().root().writeCertificatePem(dir.resolve("ca.pem")).toString();
    }

    /** name, input, expected settings ("k=v" lines), policy type, fallback. */
    static Stream<Arguments> corpus() {
        return Corpus.rows(ca).stream().map(r -> Arguments.of(r.name(), r.input(), r.settings(), r.policy(), r.fallback()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void explainJsonWhenValidThenSettingsAsLibpqAndPolicyDescribed(String name, String input, String settings,
                                                                 String policy, String fallback) {
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", "--json", input);
        assertEquals(0, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        assertEquals(Corpus.map(settings), json.get("settings"), "settings of " + name);
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) json.get("policy");
        assertEquals(policy, p.get("type"), "policy of " + name);
        assertEquals(fallback, p.get("fallback"), "fallback of " + name);
        assertEquals(policy.equals("verify-full"), p.get("hostname_checked"));
        assertEquals(policy.startsWith("verify"), p.get("server_authenticated"));
        assertTrue(((List<?>) p.get("summary")).size() >= 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> drivers = (Map<String, Object>) json.get("drivers");
        assertEquals(List.of("jdbc", "r2dbc", "vertx"), List.copyOf(drivers.keySet()));
    }

    @Test
    void explainJsonWhenVerifyFullThenPolicyNamesTrustHostAndNoFallback() {
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", "--json",
                "postgresql://app@db.example.com/app?sslmode=verify-full&sslrootcert=" + ca);
        assertEquals(0, r.exitCode(), r.all());
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) r.json().get("policy");
        assertEquals("always", p.get("encrypted"));
        assertEquals(true, p.get("chain_checked"));
        assertEquals("the CA file " + ca, p.get("trust"));
        assertEquals("db.example.com", p.get("hostname"));
        assertEquals("libpq", p.get("strategy"));
        assertEquals(true, p.get("sni"));
        assertNull(p.get("client_certificate"));
    }

    @Test
    void explainJsonWhenRequireWithoutRootThenNoVerifyAndChainNotChecked() {
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", "--json", "host=db.example.com sslmode=require");
        assertEquals(0, r.exitCode(), r.all());
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) r.json().get("policy");
        assertEquals("no-verify", p.get("type"));
        assertEquals(false, p.get("chain_checked"));
        assertNull(p.get("trust"));
    }

    @Test
    void explainJsonWhenRootCrtInHomeThenRequireVerifiesChain() throws Exception {
        Path h = Files.createDirectories(dir.resolve("home-with-root"));
        Files.createDirectories(h.resolve(".postgresql"));
        Files.copy(Path.of(ca), h.resolve(".postgresql/root.crt"));
        DoctorRun r = DoctorRun.run(Map.of(), h, "--explain", "--json", "host=db.example.com sslmode=require");
        assertEquals(0, r.exitCode(), r.all());
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) r.json().get("policy");
        assertEquals("verify-ca", p.get("type"));
        assertEquals(false, p.get("hostname_checked"));
    }

    @Test
    void explainJsonWhenPgsslmodeInEnvironmentThenEffectiveOriginIsEnvironment() {
        DoctorRun r = DoctorRun.run(Map.of("PGSSLMODE", "disable"), home, "--explain", "--json", "host=h dbname=d");
        assertEquals(0, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        assertEquals(Corpus.map("host=h\ndbname=d"), json.get("settings"));
        @SuppressWarnings("unchecked")
        Map<String, Object> eff = (Map<String, Object>) ((Map<String, Object>) json.get("effective_settings")).get("sslmode");
        assertEquals("disable", eff.get("value"));
        assertEquals("environment", eff.get("origin"));
        assertEquals("disabled", ((Map<?, ?>) json.get("policy")).get("type"));
    }

    @Test
    void explainJsonWhenStrategySelectedThenPolicyNamesIt() {
        DoctorRun r = DoctorRun.run(Map.of("PGSSL_STRATEGY", "ca-file"), home, "--explain", "--json",
                "host=db.example.com sslrootcert=" + ca);
        assertEquals(0, r.exitCode(), r.all());
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) r.json().get("policy");
        assertEquals("verify-ca", p.get("type"));
        assertEquals("ca-file", p.get("strategy"));
        assertEquals("none", p.get("fallback"));
        assertTrue(((List<?>) p.get("summary")).contains("Chosen by the strategy \"ca-file\", not by sslmode."), String.valueOf(p));
        DoctorRun inString = DoctorRun.run(Map.of(), home, "--explain", "--json",
                "postgresql://db.example.com/app?pgssl.strategy=ca-file&sslrootcert=" + ca);
        assertEquals("ca-file", ((Map<?, ?>) inString.json().get("policy")).get("strategy"), inString.all());
    }

    @Test
    void explainJsonWhenUnknownStrategyThenExitTwo() {
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", "--json", "postgresql://h/db?pgssl.strategy=nope");
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(String.valueOf(r.json().get("error")).contains("nope"), r.out());
    }

    @Test
    void explainTextWhenValidThenShowsPolicyInWordsAndEachDriver() {
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain",
                "postgresql://app@db.example.com/app?sslmode=verify-full&sslrootcert=" + ca);
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("Policy: verify-full (strategy libpq)"), r.out());
        assertTrue(r.out().contains("The host name is checked: the certificate must name \"db.example.com\""), r.out());
        assertTrue(r.out().contains("  jdbc:\n"), r.out());
        assertTrue(r.out().contains("  r2dbc:\n"), r.out());
        assertTrue(r.out().contains("  vertx:\n"), r.out());
    }

    @Test
    void explainJsonWhenRootCertificateFileMissingThenSettingsShownPolicyErrorAndExitOne() {
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", "--json",
                "host=db.example.com sslmode=verify-full sslrootcert=" + dir.resolve("missing.pem"));
        assertEquals(1, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        assertEquals(Corpus.map("host=db.example.com\nsslmode=verify-full\nsslrootcert=" + dir.resolve("missing.pem")),
                json.get("settings"));
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) json.get("policy");
        assertEquals("sslrootcert", p.get("setting"));
        assertEquals("missing_ca_file", p.get("diagnosis"));
        assertTrue(String.valueOf(p.get("error")).startsWith("root certificate file \"" + dir.resolve("missing.pem") + "\" does not exist"),
                String.valueOf(p.get("error")));
        assertTrue(String.valueOf(p.get("hint")).startsWith("the CA file is missing: download the CA"), String.valueOf(p.get("hint")));
    }

    @Test
    void probeWhenRootCertificateFileMissingThenNoNetworkAndExitOne() {
        DoctorRun r = DoctorRun.run(Map.of(), home, "host=127.0.0.1 port=1 sslmode=verify-full");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.out().contains("Policy: cannot be built: root certificate file \"" + home.resolve(".postgresql/root.crt") + "\" does not exist"),
                r.out());
        assertTrue(r.out().contains("  hint: the CA file is missing"), r.out());
        assertFalse(r.err().contains("TCP connect"), r.err());
    }

    static Stream<Arguments> otherDialects() {
        return Stream.of(
                Arguments.of("jdbc:postgresql://db.example.com:5433/app?sslmode=verify-full&user=app&password=pw-123",
                        "jdbc", "host=db.example.com\nport=5433\ndbname=app\nsslmode=verify-full\nuser=app\npassword=******"),
                Arguments.of("r2dbc:postgresql://app:pw-123@db.example.com:5433/app?sslMode=require",
                        "r2dbc", null));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("otherDialects")
    void explainJsonWhenDriverUrlThenDialectNamedAndLibpqSettings(String input, String dialect, String settings) {
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", "--json", input.replace("verify-full", "verify-full&sslrootcert=" + ca));
        assertEquals(0, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        assertEquals(dialect, json.get("dialect"));
        @SuppressWarnings("unchecked")
        Map<String, Object> got = (Map<String, Object>) json.get("settings");
        if (settings != null) {
            Map<String, Object> expected = Corpus.map(settings);
            expected.put("sslrootcert", ca);
            assertEquals(expected, got);
        }
        assertEquals("db.example.com", got.get("host"));
        assertEquals("5433", got.get("port"));
        assertEquals("******", got.get("password"));
        assertFalse(r.out().contains("pw-123"), r.out());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknown URI parameter", "postgresql://h/db?foo=bar", "invalid URI query parameter: \"foo\""),
                Arguments.of("sslmode is case-sensitive", "postgresql://h/db?sslmode=Require", "invalid sslmode value: \"Require\""),
                Arguments.of("weak sslmode with system roots", "host=h sslmode=verify-ca sslrootcert=system",
                        "weak sslmode \"verify-ca\" may not be used with sslrootcert=system (use \"verify-full\")"),
                Arguments.of("SQL quote doubling is not libpq", "host=h application_name='it''s'", "missing \"=\" after"),
                Arguments.of("empty IPv6 host", "postgresql://[]/db", "IPv6 host address may not be empty in URI"),
                Arguments.of("bad percent escape", "postgresql://h/%zz", "invalid percent-encoded token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void explainJsonWhenInvalidThenExitTwoAndErrorNamesTheProblem(String name, String input, String message) {
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", "--json", input);
        assertEquals(2, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        assertTrue(String.valueOf(json.get("error")).contains(message), name + ": " + json.get("error"));
        assertTrue(String.valueOf(json.get("error_type")).startsWith("io.github.pgssl."), String.valueOf(json.get("error_type")));
    }

    @Test
    void doctorWhenUnknownDriverThenExitTwo() {
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", "--driver", "odbc", "host=h");
        assertEquals(2, r.exitCode());
        assertEquals("pgssl-doctor: --driver: unknown driver \"odbc\"; use jdbc, r2dbc or vertx\n", r.err());
    }

    @Test
    void doctorWhenUnknownOptionThenExitTwo() {
        DoctorRun r = DoctorRun.run(Map.of(), home, "--frobnicate");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("pgssl-doctor: Unknown option: '--frobnicate'"), r.err());
    }

    @Test
    void explainWhenDriverSelectedThenOnlyThatDriverIsDescribed() {
        DoctorRun r = DoctorRun.run(Map.of(), home, "--explain", "--json", "--driver", "vertx", "host=h sslmode=disable");
        assertEquals(0, r.exitCode(), r.all());
        assertEquals(List.of("vertx"), List.copyOf(((Map<?, ?>) r.json().get("drivers")).keySet()));
    }

    /** The corpus shared with LibpqParityTest. */
    static final class Corpus {
        record Row(String name, String input, String settings, String policy, String fallback) {
        }

        static List<Row> rows(String ca) {
            return List.of(
                    new Row("URI with credentials, verify-full and a CA file",
                            "postgresql://app:s3cr3t-value@db.example.com:5433/appdb?sslmode=verify-full&sslrootcert=" + ca,
                            "user=app\npassword=******\ndbname=appdb\nhost=db.example.com\nport=5433\nsslmode=verify-full\nsslrootcert=" + ca,
                            "verify-full", "none"),
                    new Row("postgres scheme, bracketed IPv6, ssl=true",
                            "postgres://u@[::1]:5433/d?ssl=true",
                            "user=u\ndbname=d\nhost=::1\nport=5433\nsslmode=require", "no-verify", "none"),
                    new Row("keyword/value with a quoted password",
                            "host=localhost port=5432 dbname=mydb user=me password='p w' sslmode=require",
                            "user=me\npassword=******\ndbname=mydb\nhost=localhost\nport=5432\nsslmode=require", "no-verify", "none"),
                    new Row("host list with a missing port",
                            "postgresql://h1:5432,h2/db",
                            "dbname=db\nhost=h1,h2\nport=5432,", "no-verify", "plaintext_after_tls_failure"),
                    new Row("percent-encoded Unix socket host",
                            "postgresql://%2Fvar%2Flib%2Fpostgresql/dbname",
                            // libpq never uses TLS over a Unix socket: the policy of a socket-only list is plaintext
                            "dbname=dbname\nhost=/var/lib/postgresql", "disabled", "none"),
                    new Row("ssl=true after sslmode wins",
                            "postgresql://host/db?sslmode=disable&ssl=true",
                            "dbname=db\nhost=host\nsslmode=require", "no-verify", "none"),
                    new Row("sslmode after ssl=true wins",
                            "postgresql://host/db?ssl=true&sslmode=disable",
                            "dbname=db\nhost=host\nsslmode=disable", "disabled", "none"),
                    new Row("hostaddr list and verify-ca",
                            "host=h1,h2 hostaddr=127.0.0.1,127.0.0.2 port=5432,5433 sslmode=verify-ca sslrootcert=" + ca,
                            "host=h1,h2\nhostaddr=127.0.0.1,127.0.0.2\nport=5432,5433\nsslmode=verify-ca\nsslrootcert=" + ca,
                            "verify-ca", "none"),
                    new Row("percent-encoded user, password and dbname, client key passphrase",
                            "postgresql://u%40x:p%3Aw@h/d%20b?sslmode=allow&sslpassword=kp-secret",
                            "user=u@x\npassword=******\ndbname=d b\nhost=h\nsslmode=allow\nsslpassword=******", "no-verify", "plaintext_first"),
                    new Row("SNI off and TLS 1.3 minimum",
                            "postgresql://h?sslmode=verify-full&sslsni=0&ssl_min_protocol_version=TLSv1.3&sslrootcert=" + ca,
                            "host=h\nsslmode=verify-full\nsslsni=0\nssl_min_protocol_version=TLSv1.3\nsslrootcert=" + ca,
                            "verify-full", "none"),
                    new Row("percent-encoded query key",
                            "postgresql://h/db?u%73er=x&sslmode=disable",
                            "user=x\ndbname=db\nhost=h\nsslmode=disable", "disabled", "none"),
                    new Row("requiressl=1 means require",
                            "requiressl=1 host=h",
                            "host=h\nsslmode=require", "no-verify", "none"));
        }

        static Map<String, Object> map(String lines) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String l : lines.split("\n")) {
                int eq = l.indexOf('=');
                m.put(l.substring(0, eq), l.substring(eq + 1));
            }
            return m;
        }
    }
}
