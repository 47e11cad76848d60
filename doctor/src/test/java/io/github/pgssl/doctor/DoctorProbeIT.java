package io.github.pgssl.doctor;

import io.github.pgssl.testkit.pki.KeyFormat;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live probes against testkit servers: success, wrong CA, host-name mismatch, a server without
 * TLS and a server requiring a client certificate. Each checks the exit code, every driver's
 * outcome and the hint, and that a password sentinel appears in no output.
 */
class DoctorProbeIT {
    /** The SCRAM user's real password doubles as the sentinel: it must never be printed. */
    static final String SENTINEL = ServerPresets.SCRAM_PASSWORD;
    static final String WRONG_SENTINEL = "Wrong-Sentinel-Pw-9051";

    @TempDir
    static Path dir;
    static Path home;
    static TestPki pki;
    static PostgresServer tls;
    static PostgresServer plain;
    static Path root;
    static Path unrelated;
    static Path clientCert;
    static Path clientKey;

    @BeforeAll
    static void servers() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        pki = TestPki.generate();
        root = pki.root().writeCertificatePem(dir.resolve("root.pem"));
        unrelated = pki.unrelatedRoot().writeCertificatePem(dir.resolve("unrelated.pem"));
        clientCert = pki.client().writeCertificatePem(dir.resolve("client.crt"));
        clientKey = pki.client().writeKey(dir.resolve("client.key"), KeyFormat.PKCS8_PEM);
        tls = PostgresServer.builder().tls(ServerTls.of(pki.server()).withClientCas(pki.root())).start();
        plain = PostgresServer.builder().start();
    }

    @AfterAll
    static void stop() {
        if (tls != null) {
            tls.close();
        }
        if (plain != null) {
            plain.close();
        }
    }

    static String base(String host, int port, String db) {
        return "host=" + host + " hostaddr=127.0.0.1 port=" + port + " user=" + ServerPresets.TRUST_USER + " dbname=" + db;
    }

    static DoctorRun doctor(String... args) {
        DoctorRun r = DoctorRun.run(Map.of(), home, args);
        assertFalse(r.all().contains(SENTINEL), "sentinel leaked:\n" + r.all());
        assertFalse(r.all().contains(WRONG_SENTINEL), "sentinel leaked:\n" + r.all());
        return r;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> driver(Map<String, Object> json, String id) {
        return (Map<String, Object>) ((Map<String, Object>) json.get("drivers")).get(id);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> step(Map<String, Object> json, String name) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) json.get("probe")).get("steps")).get(name);
    }

    @Test
    void probeWhenVerifyFullAndRightCaThenEveryDriverConnectsOverTls() {
        DoctorRun r = doctor("--json", "--timeout", "15",
                base(TestPki.SERVER_NAME, tls.port(), ServerPresets.TRUST_DB) + " sslmode=verify-full sslrootcert=" + root);
        assertEquals(0, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        for (String d : List.of("jdbc", "r2dbc", "vertx")) {
            Map<String, Object> res = driver(json, d);
            assertEquals("OK", res.get("connection"), d + ": " + res);
            assertEquals(true, res.get("ssl"), d);
            assertEquals("TLSv1.3", res.get("tls_version"), d);
            assertTrue(String.valueOf(res.get("version")).startsWith("PostgreSQL "), d);
            assertNull(res.get("error"));
            assertNull(res.get("hint"));
        }
        assertEquals("OK", step(json, "chain").get("status"));
        assertEquals("OK", step(json, "hostname").get("status"));
        assertEquals(true, json.get("ok"));
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = (Map<String, Object>) ((Map<String, Object>) json.get("environment")).get("variables");
        assertEquals("keyword-value", vars.get("DATABASE_URL_TYPE"));
        assertEquals("verify-full", vars.get("DATABASE_URL_SSL"));
    }

    @Test
    void probeWhenDatabaseUrlSetThenItIsUsedAndReportedRedacted() {
        String url = "postgresql://" + ServerPresets.SCRAM_USER + ":" + ServerPresets.SCRAM_PASSWORD_URI_ENCODED + "@"
                + TestPki.SERVER_NAME + ":" + tls.port() + "/" + ServerPresets.TRUST_DB + "?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=" + root;
        DoctorRun r = DoctorRun.run(Map.of("DATABASE_URL", url), home, "--json", "--driver", "jdbc");
        assertFalse(r.all().contains(SENTINEL), r.all());
        assertFalse(r.all().contains(ServerPresets.SCRAM_PASSWORD_URI_ENCODED), r.all());
        assertEquals(0, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) json.get("environment");
        assertEquals("DATABASE_URL", env.get("source"));
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = (Map<String, Object>) env.get("variables");
        assertTrue(String.valueOf(vars.get("DATABASE_URL")).startsWith("postgresql://scramuser:******@"), String.valueOf(vars.get("DATABASE_URL")));
        assertEquals("uri", vars.get("DATABASE_URL_TYPE"));
        assertEquals(List.of("jdbc"), List.copyOf(((Map<?, ?>) json.get("drivers")).keySet()));
    }

    @Test
    void probeWhenWrongCaThenExitOneAndHintNamesTheIssuer() {
        DoctorRun r = doctor("--json", base(TestPki.SERVER_NAME, tls.port(), ServerPresets.TRUST_DB)
                + " sslmode=verify-ca sslrootcert=" + unrelated);
        assertEquals(1, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        for (String d : List.of("jdbc", "r2dbc", "vertx")) {
            Map<String, Object> res = driver(json, d);
            assertEquals("Failed", res.get("connection"), d);
            assertEquals("untrusted_chain", res.get("diagnosis"), d + ": " + res);
            assertTrue(String.valueOf(res.get("hint")).startsWith("the server's certificate chains to a different CA than the one given"), d);
        }
        Map<String, Object> chain = step(json, "chain");
        assertEquals("FAIL", chain.get("status"));
        assertTrue(String.valueOf(chain.get("hint")).contains("set sslrootcert to the CA certificate \"CN=pgssl test root CA"),
                String.valueOf(chain.get("hint")));
    }

    @Test
    void probeWhenPreferAndWrongCaThenWarnsOfSilentPlaintextFallbackAndDriversConnectInPlaintext() {
        DoctorRun r = doctor("--json", base(TestPki.SERVER_NAME, tls.port(), ServerPresets.TRUST_DB)
                + " sslmode=prefer sslrootcert=" + unrelated);
        assertEquals(0, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        Map<String, Object> chain = step(json, "chain");
        assertEquals("WARN", chain.get("status"));
        assertTrue(String.valueOf(chain.get("detail")).endsWith(
                "; the TLS attempt is refused, and libpq (sslmode=prefer) silently falls back to plaintext if the server accepts it"),
                String.valueOf(chain.get("detail")));
        for (String d : List.of("jdbc", "r2dbc", "vertx")) {
            Map<String, Object> res = driver(json, d);
            assertEquals("OK", res.get("connection"), d + ": " + res);
            assertEquals(false, res.get("ssl"), d + " must have fallen back to plaintext, as libpq does");
        }
    }

    @Test
    void probeWhenDigitalOceanNameRequireWithoutRootThenChainHintNamesCaCertificate() {
        // The seed's shape: a DigitalOcean host name with sslmode=require and no CA file (the address is the test server).
        DoctorRun r = doctor("--json", base("db-postgresql-nyc1-12345-do-user-678-0.b.db.ondigitalocean.com", tls.port(),
                ServerPresets.TRUST_DB) + " sslmode=require");
        assertEquals(0, r.exitCode(), r.all());
        Map<String, Object> chain = step(r.json(), "chain");
        assertEquals("WARN", chain.get("status"));
        assertTrue(String.valueOf(chain.get("hint")).contains("DigitalOcean: download ca-certificate.crt from the database's"
                + " Connection Details in the control panel"), String.valueOf(chain));
    }

    @Test
    void probeWhenRequireWithoutRootThenConnectsButWarnsChainUncheckedAndNameWrong() {
        DoctorRun r = doctor("--json", base(TestPki.WRONG_HOST, tls.port(), ServerPresets.TRUST_DB) + " sslmode=require");
        assertEquals(0, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        assertEquals("WARN", step(json, "chain").get("status"));
        assertTrue(String.valueOf(step(json, "chain").get("detail")).startsWith("not checked: no root certificate is configured"));
        Map<String, Object> host = step(json, "hostname");
        assertEquals("WARN", host.get("status"));
        assertEquals("server certificate for \"" + TestPki.SERVER_NAME + "\" does not match host name \"" + TestPki.WRONG_HOST
                + "\" (not checked by this policy, so the connection is not refused)", host.get("detail"));
        for (String d : List.of("jdbc", "r2dbc", "vertx")) {
            assertEquals(true, driver(json, d).get("ssl"), d);
        }
    }

    @Test
    void probeWhenHostnameMismatchThenExitOneAndHintSuggestsTheRightHostOrVerifyCa() {
        DoctorRun r = doctor("--json", base(TestPki.WRONG_HOST, tls.port(), ServerPresets.TRUST_DB)
                + " sslmode=verify-full sslrootcert=" + root);
        assertEquals(1, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        for (String d : List.of("jdbc", "r2dbc", "vertx")) {
            Map<String, Object> res = driver(json, d);
            assertEquals("Failed", res.get("connection"), d);
            assertEquals("hostname_mismatch", res.get("diagnosis"), d + ": " + res);
            assertTrue(String.valueOf(res.get("hint")).contains("sslmode=verify-ca"), d);
        }
        Map<String, Object> host = step(json, "hostname");
        assertEquals("FAIL", host.get("status"));
        assertEquals("server certificate for \"" + TestPki.SERVER_NAME + "\" does not match host name \"" + TestPki.WRONG_HOST + "\"",
                host.get("detail"));
        assertEquals("connect with a name the certificate holds (" + TestPki.SERVER_NAME + ") instead of \""
                + TestPki.WRONG_HOST + "\", or use sslmode=verify-ca to check the chain only", host.get("hint"));
    }

    @Test
    void probeWhenServerWithoutTlsThenExitOneAndHintSaysTurnTlsOn() {
        DoctorRun r = doctor("--json", base("localhost", plain.port(), ServerPresets.TRUST_DB) + " sslmode=require");
        assertEquals(1, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        Map<String, Object> ssl = step(json, "ssl_request");
        assertEquals("FAIL", ssl.get("status"));
        assertEquals(Hints.serverWithoutTls(), ssl.get("hint"));
        for (String d : List.of("jdbc", "r2dbc", "vertx")) {
            Map<String, Object> res = driver(json, d);
            assertEquals("Failed", res.get("connection"), d);
            assertEquals("server_without_tls", res.get("diagnosis"), d + ": " + res);
            assertEquals(Hints.serverWithoutTls(), res.get("hint"), d);
        }
    }

    @Test
    void probeWhenDisableAgainstServerWithoutTlsThenAllOkInPlaintext() {
        DoctorRun r = doctor("--json", base("localhost", plain.port(), ServerPresets.TRUST_DB) + " sslmode=disable");
        assertEquals(0, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        assertEquals("OK", step(json, "ssl_request").get("status"));
        assertEquals("SKIP", step(json, "tls").get("status"));
        for (String d : List.of("jdbc", "r2dbc", "vertx")) {
            assertEquals(false, driver(json, d).get("ssl"), d);
        }
    }

    @Test
    void probeWhenServerWithoutTlsAndPreferThenConnectsInPlaintextWithWarning() {
        DoctorRun r = doctor(base("localhost", plain.port(), ServerPresets.TRUST_DB) + " sslmode=prefer");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("[WARN] ssl_request  server answered N: TLS is off on this server"), r.out());
        assertTrue(r.out().contains("connected WITHOUT TLS"), r.out());
    }

    @Test
    void probeWhenClientCertificateRequiredAndMissingThenExitOneAndHintNamesSslcert() {
        DoctorRun r = doctor("--json", base(TestPki.SERVER_NAME, tls.port(), ServerPresets.CERT_DB)
                + " sslmode=verify-full sslrootcert=" + root + " sslcert=" + dir.resolve("none.crt") + " sslkey=" + dir.resolve("none.key"));
        assertEquals(1, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        for (String d : List.of("jdbc", "r2dbc", "vertx")) {
            Map<String, Object> res = driver(json, d);
            assertEquals("Failed", res.get("connection"), d);
            assertEquals("client_certificate_required", res.get("diagnosis"), d + ": " + res);
            assertTrue(String.valueOf(res.get("hint")).startsWith("the server requires a client certificate: set sslcert="), d);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tlsInfo = (Map<String, Object>) ((Map<String, Object>) json.get("probe")).get("tls");
        assertEquals(true, tlsInfo.get("client_certificate_requested"));
    }

    @Test
    void probeWhenClientCertificateGivenThenEveryDriverConnects() {
        DoctorRun r = doctor("--json", base(TestPki.SERVER_NAME, tls.port(), ServerPresets.CERT_DB)
                + " sslmode=verify-full sslrootcert=" + root + " sslcert=" + clientCert + " sslkey=" + clientKey);
        assertEquals(0, r.exitCode(), r.all());
        for (String d : List.of("jdbc", "r2dbc", "vertx")) {
            assertEquals("OK", driver(r.json(), d).get("connection"), d);
        }
    }

    @Test
    void probeWhenWrongPasswordThenExitOneAuthenticationHintAndNoSecretPrinted() {
        String s = "postgresql://" + ServerPresets.SCRAM_USER + ":" + WRONG_SENTINEL + "@" + TestPki.SERVER_NAME + ":" + tls.port()
                + "/" + ServerPresets.TRUST_DB + "?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=" + root;
        DoctorRun text = doctor(s);
        assertEquals(1, text.exitCode(), text.all());
        assertTrue(text.out().contains("the server rejected the credentials"), text.out());
        DoctorRun json = doctor("--json", s);
        assertEquals(1, json.exitCode());
        assertEquals("authentication", driver(json.json(), "jdbc").get("diagnosis"));
    }

    @Test
    void probeWhenScramPasswordRightThenConnectsAndPrintsNoSecretInTextOrJson() {
        String s = "postgresql://" + ServerPresets.SCRAM_USER + ":" + ServerPresets.SCRAM_PASSWORD_URI_ENCODED + "@"
                + TestPki.SERVER_NAME + ":" + tls.port() + "/" + ServerPresets.TRUST_DB + "?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=" + root;
        for (String[] args : List.of(new String[]{s}, new String[]{"--json", s}, new String[]{"--explain", s},
                new String[]{"--explain", "--json", s})) {
            DoctorRun r = doctor(args);
            assertEquals(0, r.exitCode(), r.all());
            assertFalse(r.all().contains(ServerPresets.SCRAM_PASSWORD_URI_ENCODED), r.all());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void probeWhenFirstHostUnreachableThenEveryHostProbedAndDriversReachTheSecond() {
        DoctorRun r = doctor("--json", "host=unreachable.test," + TestPki.SERVER_NAME + " hostaddr=127.0.0.1,127.0.0.1 port=1,"
                + tls.port() + " user=" + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.TRUST_DB
                + " sslmode=verify-full sslrootcert=" + root);
        assertEquals(0, r.exitCode(), r.all());
        Map<String, Object> json = r.json();
        List<Object> probes = (List<Object>) json.get("probes");
        assertEquals(2, probes.size());
        Map<String, Object> first = (Map<String, Object>) probes.get(0);
        assertEquals("unreachable.test", first.get("host"));
        assertEquals("FAIL", ((Map<String, Object>) ((Map<String, Object>) first.get("steps")).get("tcp")).get("status"));
        assertEquals(TestPki.SERVER_NAME, ((Map<String, Object>) json.get("probe")).get("host"));
        for (String d : List.of("jdbc", "r2dbc", "vertx")) {
            assertEquals("OK", driver(json, d).get("connection"), d + ": " + driver(json, d));
        }
    }

    @Test
    void probeWhenNothingListensThenExitOneAndTcpHint() {
        DoctorRun r = doctor("--json", "host=127.0.0.1 port=1 sslmode=require");
        assertEquals(1, r.exitCode(), r.all());
        Map<String, Object> tcp = step(r.json(), "tcp");
        assertEquals("FAIL", tcp.get("status"));
        assertTrue(String.valueOf(tcp.get("hint")).startsWith("nothing accepts connections there"), String.valueOf(tcp.get("hint")));
        assertEquals("Failed", driver(r.json(), "jdbc").get("connection"));
        assertEquals("unreachable", driver(r.json(), "jdbc").get("diagnosis"));
    }
}
