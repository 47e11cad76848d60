package io.github.pgssl.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pgjdbc {@code Properties} never weaken TLS (issue 12 point 1), against real servers: one without
 * TLS and one with TLS. Before core merged Properties ahead of the environment, {@code ssl=true}
 * or {@code sslMode=verify-full} in Properties connected in plaintext to the server without TLS,
 * where plain pgjdbc refuses.
 */
class JdbcPropertiesIT {
    @TempDir
    static Path dir;
    static TestPki pki;
    static PostgresServer plain;
    static PostgresServer tls;
    static Path root;
    static PgEnvironment env;

    @BeforeAll
    static void start() {
        pki = TestPki.generateEcOnly();
        plain = PostgresServer.builder().start();
        tls = PostgresServer.builder().tls(ServerTls.of(pki.server())).start();
        root = pki.root().writeCertificatePem(dir.resolve("root.crt"));
        env = PgEnvironment.of(Map.of("HOME", dir.resolve("home").toString()), dir.resolve("home"));
    }

    @AfterAll
    static void stop() {
        if (plain != null) {
            plain.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    private static String url(PostgresServer s, String extra) {
        return PgSslDriver.PREFIX + "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port=" + s.port()
                + " user=" + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.TRUST_DB + extra;
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        p.put(PgSslDriver.ENVIRONMENT_PROPERTY, env);
        return p;
    }

    @ParameterizedTest(name = "{0}=true")
    @ValueSource(strings = {"ssl", "SSL", "Ssl"})
    void driverWhenSslTruePropertyAndServerWithoutTlsThenRefusedNotPlaintext(String key) {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url(plain, ""), props(key, "true", "sslrootcert", root.toString())));
        assertEquals("connection to server at \"" + TestPki.SERVER_NAME + "\" (127.0.0.1), port " + plain.port()
                + " failed: server does not support SSL, but SSL was required", e.getMessage());
    }

    @ParameterizedTest(name = "{0}=verify-full")
    @ValueSource(strings = {"sslmode", "sslMode", "SSLMODE"})
    void driverWhenSslmodePropertyInAnyCaseAndServerWithoutTlsThenRefused(String key) {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url(plain, ""), props(key, "verify-full", "SSLROOTCERT", root.toString())));
        assertTrue(e.getMessage().endsWith("failed: server does not support SSL, but SSL was required"), e.getMessage());
    }

    @Test
    void driverWhenSslTruePropertyAndTlsServerThenVerifiedTls() throws Exception {
        assertEquals("TLSv1.3", JdbcOutcomes.state(DriverManager.getConnection(url(tls, ""),
                props("ssl", "true", "sslRootCert", root.toString()))));
    }

    @Test
    void driverWhenSslTrueWithoutRootFileThenVerifyFullRefusesAsPgjdbc() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url(tls, ""), props("ssl", "true")));
        assertTrue(e.getMessage().startsWith("root certificate file \""), e.getMessage());
    }

    @Test
    void driverWhenUrlSaysRequireAndPropertiesSayDisableThenUrlWins() {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url(plain, " sslmode=require"), props("sslmode", "disable")));
        assertTrue(e.getMessage().endsWith("failed: server does not support SSL, but SSL was required"), e.getMessage());
    }

    @Test
    void driverWhenStrategyPropertyWouldWeakenUrlVerifyFullThenRefused() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                url(tls, " sslmode=verify-full sslrootcert=" + root),
                props("pgssl.strategy", "no-verify")));
        assertTrue(e.getMessage().contains("pgssl.strategy=no-verify given with the driver's properties would weaken"
                + " sslmode=verify-full"), e.getMessage());
    }

    @Test
    void driverWhenUnknownSslPropertyThenDidYouMean() {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url(tls, ""), props("sslrootcrt", root.toString())));
        assertEquals("invalid connection option \"sslrootcrt\" in the driver properties; did you mean \"sslrootcert\"?",
                e.getMessage());
    }

    @Test
    void dataSourceWhenPropertiesGivenInCodeThenSameRules() throws Exception {
        Properties p = new Properties();
        p.setProperty("SslMode", "verify-full");
        p.setProperty("sslrootcert", root.toString());
        String cs = url(plain, "").substring(PgSslDriver.PREFIX.length());
        SQLException e = assertThrows(SQLException.class, () -> PgSslJdbc.dataSource(cs, p, env).getConnection());
        assertTrue(e.getMessage().endsWith("failed: server does not support SSL, but SSL was required"), e.getMessage());
        String tlsCs = url(tls, "").substring(PgSslDriver.PREFIX.length());
        assertEquals("TLSv1.3", JdbcOutcomes.state(PgSslJdbc.dataSource(tlsCs, p, env).getConnection()));
    }
}
