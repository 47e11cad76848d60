package io.github.pgssl.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end against a throwaway TLS PostgreSQL: pool sharing, native form, fallback, errors, host lists. */
class JdbcServerIT {
    private static final String SENTINEL = "sentinel-Secret-4711";

    @TempDir
    static Path dir;
    static TestPki pki;
    static PostgresServer server;
    static Path root;
    static Path unrelated;
    static PgEnvironment env;

    @BeforeAll
    static void start() {
        pki = TestPki.generateEcOnly();
        server = PostgresServer.builder().tls(ServerTls.of(pki.server()).withClientCas(pki.root())).start();
        root = pki.root().writeCertificatePem(dir.resolve("root.crt"));
        unrelated = pki.unrelatedRoot().writeCertificatePem(dir.resolve("unrelated.crt"));
        env = PgEnvironment.of(Map.of("HOME", dir.resolve("home").toString()), dir.resolve("home"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String conninfo(String host, String db, String mode, String extra) {
        return "host=" + host + " hostaddr=127.0.0.1 port=" + server.port() + " user=" + ServerPresets.TRUST_USER
                + " dbname=" + db + " sslmode=" + mode + " " + extra;
    }

    static String verifyFull(String db) {
        return conninfo(TestPki.SERVER_NAME, db, "verify-full", "sslrootcert=" + root);
    }

    @Test
    void hikariWhenTwentyConnectionsAndThousandQueriesFromEightThreadsThenOneSslContextServesAll() throws Exception {
        PgSslDataSource ds = PgSslJdbc.dataSource(verifyFull(ServerPresets.TRUST_DB), env);
        Set<TlsMaterial> materials = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        Set<SSLContext> contexts = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        AtomicInteger sockets = new AtomicInteger();
        long constructionsBefore = PgSslSocketFactory.constructions();
        PgSslSocketFactory.socketObserver = m -> {
            materials.add(m);
            contexts.add(m.sslContext());
            sockets.incrementAndGet();
        };
        HikariConfig hc = new HikariConfig();
        hc.setDataSource(ds);
        hc.setMaximumPoolSize(20);
        hc.setMinimumIdle(20);
        hc.setPoolName("pgssl-jdbc-it");
        AtomicInteger tlsQueries = new AtomicInteger();
        try (HikariDataSource pool = new HikariDataSource(hc)) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 125; i++) {
                        try (Connection c = pool.getConnection()) {
                            if (JdbcOutcomes.state(unclosable(c)).equals("TLSv1.3")) {
                                tlsQueries.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            threads.shutdown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pool.getHikariPoolMXBean().getTotalConnections() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(20, pool.getHikariPoolMXBean().getTotalConnections());
        } finally {
            PgSslSocketFactory.socketObserver = null;
        }
        assertEquals(1000, tlsQueries.get());
        assertEquals(20, sockets.get(), "one TLS socket per physical connection");
        assertEquals(20, PgSslSocketFactory.constructions() - constructionsBefore, "pgjdbc builds one factory per connection");
        assertEquals(1, materials.size(), "one TLS material for the whole pool");
        assertEquals(1, contexts.size(), "one SSLContext for the whole pool");
        assertSame(PgSsl.material(ds.configuration().policy()), materials.iterator().next());
    }

    /** The conformance helper closes what it is given; inside the pool the pool closes. */
    private static Connection unclosable(Connection c) {
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(JdbcServerIT.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, a) -> m.getName().equals("close") ? null : m.invoke(c, a));
    }

    @Test
    void hikariJdbcUrlWhenPgsslDriverWithScramCredentialsFromPoolThenTls() throws Exception {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(PgSslDriver.PREFIX + "postgresql://" + TestPki.SERVER_NAME + ":" + server.port() + "/"
                + ServerPresets.TRUST_DB + "?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=" + root);
        hc.setUsername(ServerPresets.SCRAM_USER);
        hc.setPassword(ServerPresets.SCRAM_PASSWORD);
        hc.setDriverClassName(PgSslDriver.class.getName()); // as spring.datasource.driver-class-name would
        hc.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(hc); Connection c = pool.getConnection()) {
            assertEquals("TLSv1.3", JdbcOutcomes.state(unclosable(c)));
        }
    }

    @Test
    void driverManagerWhenUriCarriesPercentEncodedPasswordThenTls() throws Exception {
        String url = PgSslDriver.PREFIX + "postgresql://" + ServerPresets.SCRAM_USER + ":" + ServerPresets.SCRAM_PASSWORD_URI_ENCODED
                + "@" + TestPki.SERVER_NAME + ":" + server.port() + "/" + ServerPresets.TRUST_DB
                + "?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=" + root;
        Properties info = new Properties();
        info.put(PgSslDriver.ENVIRONMENT_PROPERTY, env);
        assertEquals("TLSv1.3", JdbcOutcomes.state(DriverManager.getConnection(url, info)));
    }

    @Test
    void nativeFormWhenJdbcUrlAndPropertiesThenTlsThroughPgjdbcAlone() throws Exception {
        JdbcConfiguration cfg = PgSsl.configure(verifyFull(ServerPresets.TRUST_DB), JdbcConfiguration.class, env);
        assertTrue(cfg.jdbcUrl().startsWith("jdbc:postgresql://127.0.0.1:"), cfg.jdbcUrl());
        assertEquals("TLSv1.3", JdbcOutcomes.state(DriverManager.getConnection(cfg.jdbcUrl(), cfg.properties())));
    }

    @Test
    void nativeFormWhenWrongHostThenPgsslHostnameCheckStillFails() {
        JdbcConfiguration cfg = PgSslJdbc.configuration(
                conninfo(TestPki.WRONG_HOST, ServerPresets.TRUST_DB, "verify-full", "sslrootcert=" + root), env);
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(cfg.jdbcUrl(), cfg.properties()));
        assertTrue(ConformanceText.all(e).contains("server certificate for \"" + TestPki.SERVER_NAME
                + "\" does not match host name \"" + TestPki.WRONG_HOST + "\""), ConformanceText.all(e));
    }

    @Test
    void dataSourceWhenWrongHostThenMismatchStatedOnceInLibpqForm() {
        DataSource ds = PgSslJdbc.dataSource("host=127.0.0.1 port=" + server.port() + " user=" + ServerPresets.TRUST_USER
                + " dbname=" + ServerPresets.TRUST_DB + " sslmode=verify-full sslrootcert=" + root, env);
        SQLException e = assertThrows(SQLException.class, ds::getConnection);
        assertEquals("connection to server at \"127.0.0.1\", port " + server.port() + " failed: server certificate for \""
                + TestPki.SERVER_NAME + "\" (and 1 other name) does not match host name \"127.0.0.1\"", e.getMessage());
    }

    @Test
    void dataSourceWhenVerifyFullAndHostaddrThenVerifiedAgainstHost() throws Exception {
        DataSource ds = PgSsl.configure(verifyFull(ServerPresets.TRUST_DB), DataSource.class, env);
        assertInstanceOf(PgSslDataSource.class, ds);
        try (Connection c = ds.getConnection()) {
            assertEquals("TLSv1.3", JdbcOutcomes.state(unclosable(c)));
        }
    }

    @Test
    void requireWhenCertificateRejectedThenLibpqMessageStateAndNoSecret() {
        String cs = "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port=" + server.port() + " user="
                + ServerPresets.SCRAM_USER + " password=" + SENTINEL + " dbname=" + ServerPresets.TRUST_DB
                + " sslmode=require sslrootcert=" + unrelated;
        PgSslDataSource ds = PgSslJdbc.dataSource(cs, env);
        SQLException e = assertThrows(SQLException.class, ds::getConnection);
        assertInstanceOf(SQLNonTransientConnectionException.class, e);
        assertEquals("08006", e.getSQLState());
        assertTrue(e.getMessage().startsWith("connection to server at \"" + TestPki.SERVER_NAME + "\" (127.0.0.1), port "
                + server.port() + " failed: SSL error: certificate verify failed"), e.getMessage());
        ConnectorTest.assertNoSentinel(e);
        assertFalse(ds.toString().contains(SENTINEL));
        assertFalse(ds.configuration().jdbcUrl().contains(SENTINEL));
    }

    @Test
    void driverWhenCertificateRejectedThenNoSecretAnywhere() {
        String url = PgSslDriver.PREFIX + "postgresql://" + ServerPresets.SCRAM_USER + ":" + SENTINEL + "@" + TestPki.SERVER_NAME
                + ":" + server.port() + "/" + ServerPresets.TRUST_DB + "?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert="
                + unrelated;
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, new Properties()));
        assertEquals("08006", e.getSQLState());
        ConnectorTest.assertNoSentinel(e);
    }

    @Test
    void driverWhenConnectionStringMalformedThenSqlExceptionWithoutSecret() {
        String url = PgSslDriver.PREFIX + "postgresql://u:" + SENTINEL + "@h:5432/db?sslmode=verify_full";
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, new Properties()));
        assertEquals("08001", e.getSQLState());
        ConnectorTest.assertNoSentinel(e);
    }

    @Test
    void preferWhenCertificateRejectedThenPlaintextOnNewConnection() throws Exception {
        PgSslDataSource ds = PgSslJdbc.dataSource(
                conninfo(TestPki.SERVER_NAME, ServerPresets.TRUST_DB, "prefer", "sslrootcert=" + unrelated), env);
        assertEquals("plaintext", JdbcOutcomes.state(ds.getConnection()));
    }

    @Test
    void preferWhenBothAttemptsFailThenBothMessagesInOrder() {
        // ssldb rejects plaintext; an untrusted root makes the TLS attempt fail first.
        PgSslDataSource ds = PgSslJdbc.dataSource(
                conninfo(TestPki.SERVER_NAME, ServerPresets.SSL_DB, "prefer", "sslrootcert=" + unrelated), env);
        SQLException e = assertThrows(SQLException.class, ds::getConnection);
        String[] lines = e.getMessage().split("\n");
        assertEquals(2, lines.length, e.getMessage());
        assertTrue(lines[0].contains("SSL error: certificate verify failed"), lines[0]);
        assertTrue(lines[1].endsWith("failed: FATAL:  pg_hba.conf rejects connection for host \"127.0.0.1\", user \""
                + ServerPresets.TRUST_USER + "\", database \"" + ServerPresets.SSL_DB + "\", no encryption"), lines[1]);
        assertEquals(1, e.getSuppressed().length);
    }

    @Test
    void preferWhenServerHasNoTlsThenPlaintextOnTheSameTcpConnection() throws Exception {
        try (PostgresServer plain = PostgresServer.builder().start(); CountingProxy proxy = new CountingProxy(plain.port())) {
            String cs = "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port=" + proxy.port() + " user="
                    + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.TRUST_DB + " sslmode=prefer sslrootcert=" + root;
            assertEquals("plaintext", JdbcOutcomes.state(PgSslJdbc.dataSource(cs, env).getConnection()));
            assertEquals(1, proxy.accepted(), "libpq continues after the 'N' reply without reconnecting");
        }
    }

    @Test
    void preferWhenTlsAttemptRejectedByServerThenPlaintextOnSecondConnection() throws Exception {
        try (CountingProxy proxy = new CountingProxy(server.port())) {
            String cs = "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port=" + proxy.port() + " user="
                    + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.NOSSL_DB + " sslmode=prefer sslrootcert=" + root;
            assertEquals("plaintext", JdbcOutcomes.state(PgSslJdbc.dataSource(cs, env).getConnection()));
            assertEquals(2, proxy.accepted());
        }
    }

    @Test
    void hostaddrOnlyWhenRequireThenTlsAndWhenVerifyFullThenLibpqHostNameError() throws Exception {
        String base = "hostaddr=127.0.0.1 port=" + server.port() + " user=" + ServerPresets.TRUST_USER + " dbname="
                + ServerPresets.TRUST_DB + " sslrootcert=" + root;
        assertEquals("TLSv1.3", JdbcOutcomes.state(PgSslJdbc.dataSource(base + " sslmode=require", env).getConnection()));
        Exception e = assertThrows(Exception.class, () -> PgSslJdbc.dataSource(base + " sslmode=verify-full", env).getConnection());
        assertTrue(ConformanceText.all(e).contains("host name must be specified for a verified SSL connection"),
                ConformanceText.all(e));
    }

    @Test
    void sslcertmodeRequireWhenNoClientCertificateThenLibpqErrorAndWithOneThenTls() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> PgSslJdbc.dataSource(
                verifyFull(ServerPresets.TRUST_DB) + " sslcertmode=require", env).getConnection());
        assertEquals("connection to server at \"" + TestPki.SERVER_NAME + "\" (127.0.0.1), port " + server.port()
                + " failed: server accepted connection without a valid SSL certificate", e.getMessage().split(";")[0]);
        Path cert = pki.client().writeCertificatePem(dir.resolve("client.crt"));
        Path key = pki.client().writeKey(dir.resolve("client.key"), io.github.pgssl.testkit.pki.KeyFormat.PKCS8_PEM);
        assertEquals("TLSv1.3", JdbcOutcomes.state(PgSslJdbc.dataSource(verifyFull(ServerPresets.TRUST_DB)
                + " sslcertmode=require sslcert=" + cert + " sslkey=" + key, env).getConnection()));
    }

    @Test
    void sslcertmodeRequireWhenPreferFallsBackToPlaintextThenRefusedAsLibpq() throws Exception {
        Path cert = pki.client().writeCertificatePem(dir.resolve("client-fallback.crt"));
        Path key = pki.client().writeKey(dir.resolve("client-fallback.key"), io.github.pgssl.testkit.pki.KeyFormat.PKCS8_PEM);
        // nossldb rejects the TLS attempt, so prefer's second attempt is plaintext: no certificate can have been sent
        SQLException e = assertThrows(SQLException.class, () -> PgSslJdbc.dataSource(conninfo(TestPki.SERVER_NAME,
                ServerPresets.NOSSL_DB, "prefer", "sslrootcert=" + root + " sslcertmode=require sslcert=" + cert
                        + " sslkey=" + key), env).getConnection());
        assertTrue(e.getMessage().contains("failed: server accepted connection without a valid SSL certificate"), e.getMessage());
        // without sslcertmode=require the same string falls back to plaintext, as libpq does
        assertEquals("plaintext", JdbcOutcomes.state(PgSslJdbc.dataSource(conninfo(TestPki.SERVER_NAME, ServerPresets.NOSSL_DB,
                "prefer", "sslrootcert=" + root + " sslcert=" + cert + " sslkey=" + key), env).getConnection()));
    }

    @Test
    void allowWhenDatabaseNeedsTlsThenTlsOnSecondAttempt() throws Exception {
        PgSslDataSource ds = PgSslJdbc.dataSource(conninfo(TestPki.SERVER_NAME, ServerPresets.SSL_DB, "allow", ""), env);
        assertEquals("TLSv1.3", JdbcOutcomes.state(ds.getConnection()));
    }

    @Test
    void hostListWhenFirstHostRefusesTcpThenNextHost() throws Exception {
        int closed = ConnectorTest.closedPort();
        String cs = "host=" + TestPki.SERVER_NAME + "," + TestPki.SERVER_NAME + " hostaddr=127.0.0.1,127.0.0.1 port=" + closed
                + "," + server.port() + " user=" + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.TRUST_DB
                + " sslmode=verify-full sslrootcert=" + root;
        assertEquals("TLSv1.3", JdbcOutcomes.state(PgSslJdbc.dataSource(cs, env).getConnection()));
    }

    @Test
    void hostListWhenFirstHostFailsAuthenticationThenFinal() {
        String cs = "host=" + TestPki.SERVER_NAME + "," + TestPki.SERVER_NAME + " hostaddr=127.0.0.1,127.0.0.1 port="
                + server.port() + " user=" + ServerPresets.SCRAM_USER + " password=wrong dbname=" + ServerPresets.TRUST_DB
                + " sslmode=verify-full sslrootcert=" + root;
        SQLException e = assertThrows(SQLException.class, () -> PgSslJdbc.dataSource(cs, env).getConnection());
        assertInstanceOf(SQLInvalidAuthorizationSpecException.class, e);
        assertEquals("28P01", e.getSQLState());
        assertEquals(1, e.getMessage().split("\n").length, e.getMessage());
    }

    @Test
    void targetSessionAttrsWhenReadWriteThenPrimaryAcceptedAndStandbyRefusedWithLibpqText() throws Exception {
        assertEquals("TLSv1.3", JdbcOutcomes.state(PgSslJdbc.dataSource(
                verifyFull(ServerPresets.TRUST_DB) + " target_session_attrs=read-write", env).getConnection()));
        SQLException e = assertThrows(SQLException.class, () -> PgSslJdbc.dataSource(
                verifyFull(ServerPresets.TRUST_DB) + " target_session_attrs=standby", env).getConnection());
        assertEquals("connection to server at \"" + TestPki.SERVER_NAME + "\" (127.0.0.1), port " + server.port()
                + " failed: server is not in hot standby mode", e.getMessage());
        assertEquals("TLSv1.3", JdbcOutcomes.state(PgSslJdbc.dataSource(
                verifyFull(ServerPresets.TRUST_DB) + " target_session_attrs=prefer-standby", env).getConnection()));
    }

    @Test
    void getConnectionWhenUserAndPasswordGivenThenTheyReplaceTheStringOnes() throws Exception {
        PgSslDataSource ds = PgSslJdbc.dataSource(verifyFull(ServerPresets.TRUST_DB), env);
        try (Connection c = ds.getConnection(ServerPresets.SCRAM_USER, ServerPresets.SCRAM_PASSWORD)) {
            assertEquals(ServerPresets.SCRAM_USER, c.getMetaData().getUserName());
        }
    }

    @Test
    void disableWhenConnectingThenPlaintext() throws Exception {
        assertEquals("plaintext", JdbcOutcomes.state(PgSslJdbc.dataSource(
                conninfo(TestPki.SERVER_NAME, ServerPresets.TRUST_DB, "disable", ""), env).getConnection()));
    }

    @Test
    void passwordFileWhenNoPasswordThenLookedUpForLibpqHostNotHostaddr() throws Exception {
        Path home = dir.resolve("pgpass-home");
        java.nio.file.Files.createDirectories(home);
        Path pgpass = home.resolve(".pgpass");
        java.nio.file.Files.writeString(pgpass, "127.0.0.1:*:*:" + ServerPresets.SCRAM_USER + ":wrong\n"
                + TestPki.SERVER_NAME + ":" + server.port() + ":*:" + ServerPresets.SCRAM_USER + ":"
                + ServerPresets.SCRAM_PASSWORD.replace(":", "\\:") + "\n");
        java.nio.file.Files.setPosixFilePermissions(pgpass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        PgEnvironment withPassFile = PgEnvironment.of(Map.of("HOME", home.toString()), home);
        String cs = "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port=" + server.port() + " user=" + ServerPresets.SCRAM_USER
                + " dbname=" + ServerPresets.TRUST_DB + " sslmode=verify-full sslrootcert=" + root;
        assertEquals("TLSv1.3", JdbcOutcomes.state(PgSslJdbc.dataSource(cs, withPassFile).getConnection()));
    }

    static String socketConninfo(String extra) {
        return "host=" + server.socketDirectory() + " port=" + server.port() + " user=" + ServerPresets.TRUST_USER
                + " dbname=" + ServerPresets.TRUST_DB + " sslmode=verify-full sslrootcert=" + dir.resolve("missing.crt") + " " + extra;
    }

    @Test
    void unixSocketWhenVerifyFullAndRightPeerThenPlaintextAndNotificationsPollWithoutBlocking() throws Exception {
        String owner = java.nio.file.Files.getOwner(server.dataDirectory()).getName();
        try (Connection c = PgSslJdbc.dataSource(socketConninfo("requirepeer=" + owner), env).getConnection()) {
            assertEquals("plaintext", JdbcOutcomes.state(unclosable(c)));
            org.postgresql.PGConnection pg = c.unwrap(org.postgresql.PGConnection.class);
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("LISTEN pgssl_it");
                st.execute("NOTIFY pgssl_it, 'hello'");
            }
            // getNotifications() polls with setSoTimeout(1): the Unix socket must time out, not block.
            assertEquals("hello", pg.getNotifications()[0].getParameter());
            long t0 = System.nanoTime();
            assertEquals(0, pg.getNotifications().length);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void unixSocketWhenRequirePeerDiffersThenLibpqMessage() throws Exception {
        String owner = java.nio.file.Files.getOwner(server.dataDirectory()).getName();
        SQLException e = assertThrows(SQLException.class,
                () -> PgSslJdbc.dataSource(socketConninfo("requirepeer=someone-else"), env).getConnection());
        assertEquals("connection to server on socket \"" + server.socketDirectory() + "/.s.PGSQL." + server.port()
                + "\" failed: requirepeer specifies \"someone-else\", but actual peer user name is \"" + owner + "\"",
                e.getMessage());
    }

    /** Messages of an exception, its causes and suppressed exceptions. */
    static final class ConformanceText {
        static String all(Throwable e) {
            StringBuilder sb = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                sb.append(t).append('\n');
                for (Throwable s : t.getSuppressed()) {
                    sb.append(all(s));
                }
            }
            return sb.toString();
        }
    }
}
