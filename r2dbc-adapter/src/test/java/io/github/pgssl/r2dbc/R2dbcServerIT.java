package io.github.pgssl.r2dbc;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end against a throwaway TLS PostgreSQL 17: the three ways in, fallback, the pool. */
class R2dbcServerIT {
    private static final String SSL_QUERY = "select ssl, version from pg_stat_ssl where pid = pg_backend_pid()";

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

    static String verifyFull(String db) {
        return "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port=" + server.port() + " user=" + ServerPresets.TRUST_USER
                + " dbname=" + db + " sslmode=verify-full sslrootcert=" + root;
    }

    /** {@code TLSv1.3} when the session is encrypted, {@code plaintext} otherwise. */
    static Mono<String> sslState(Connection c) {
        return Flux.from(c.createStatement(SSL_QUERY).execute())
                .flatMap(r -> r.map((row, md) -> Boolean.TRUE.equals(row.get(0, Boolean.class)) ? row.get(1, String.class) : "plaintext"))
                .next()
                .defaultIfEmpty("plaintext");
    }

    static String connectAndReport(ConnectionFactory cf) {
        return Mono.usingWhen(Mono.from(cf.create()), R2dbcServerIT::sslState, Connection::close).block(Duration.ofSeconds(30));
    }

    @Test
    void configureWhenVerifyFullThroughCoreFacadeThenTls() {
        ConnectionFactory cf = PgSsl.configure(verifyFull(ServerPresets.TRUST_DB), ConnectionFactory.class, env);
        assertInstanceOf(PgSslConnectionFactory.class, cf);
        assertEquals("TLSv1.3", connectAndReport(cf));
    }

    @Test
    void urlWhenPgsslDriverThenTlsAndScramPasswordDecoded() {
        String url = "r2dbc:pgssl:postgresql://" + ServerPresets.SCRAM_USER + ":" + ServerPresets.SCRAM_PASSWORD_URI_ENCODED + "@"
                + TestPki.SERVER_NAME + ":" + server.port() + "/" + ServerPresets.TRUST_DB
                + "?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=" + root;
        ConnectionFactory cf = ConnectionFactories.get(ConnectionFactoryOptions.parse(url).mutate()
                .option(PgSslR2dbc.ENVIRONMENT, env).build());
        assertEquals("TLSv1.3", connectAndReport(cf));
    }

    @Test
    void preferWhenCertificateRejectedThenPlaintextOnNewConnection() {
        String cs = "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port=" + server.port() + " user=" + ServerPresets.TRUST_USER
                + " dbname=" + ServerPresets.TRUST_DB + " sslmode=prefer sslrootcert=" + unrelated;
        assertEquals("plaintext", connectAndReport(PgSslR2dbc.connectionFactory(cs, env)));
    }

    @Test
    void requireWhenCertificateRejectedThenLibpqMessageAndNoSecret() {
        String cs = "host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port=" + server.port() + " user=" + ServerPresets.SCRAM_USER
                + " password=sentinel-Secret-42 dbname=" + ServerPresets.TRUST_DB + " sslmode=require sslrootcert=" + unrelated;
        PgSslConnectionFactory cf = PgSslR2dbc.connectionFactory(cs, env);
        R2dbcException e = assertThrows(R2dbcException.class, () -> connectAndReport(cf));
        assertInstanceOf(PgSslConnectionException.class, e);
        assertTrue(e.getMessage().startsWith("connection to server at \"" + TestPki.SERVER_NAME + "\" (127.0.0.1), port " + server.port()
                + " failed: SSL error: certificate verify failed"), e.getMessage());
        assertFalse(e.getMessage().contains("sentinel-Secret-42"));
        assertFalse(cf.toString().contains("sentinel-Secret-42"));
    }

    @Test
    void hostListWhenFirstHostRefusesTcpThenNextHost() {
        String cs = "host=" + TestPki.SERVER_NAME + "," + TestPki.SERVER_NAME + " hostaddr=127.0.0.1,127.0.0.1 port=1," + server.port()
                + " user=" + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.TRUST_DB + " sslmode=verify-full sslrootcert=" + root;
        assertEquals("TLSv1.3", connectAndReport(PgSslR2dbc.connectionFactory(cs, env)));
    }

    @Test
    void hostListWhenFirstHostFailsVerificationThenNoNextHost() {
        String cs = "host=" + TestPki.WRONG_HOST + "," + TestPki.SERVER_NAME + " hostaddr=127.0.0.1,127.0.0.1 port=" + server.port()
                + " user=" + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.TRUST_DB + " sslmode=verify-full sslrootcert=" + root;
        R2dbcException e = assertThrows(R2dbcException.class, () -> connectAndReport(PgSslR2dbc.connectionFactory(cs, env)));
        assertEquals("connection to server at \"" + TestPki.WRONG_HOST + "\" (127.0.0.1), port " + server.port()
                + " failed: server certificate for \"" + TestPki.SERVER_NAME + "\" does not match host name \"" + TestPki.WRONG_HOST + "\"",
                e.getMessage());
    }

    @Test
    void targetSessionAttrsWhenPrimaryOnlyThenLibpqOutcomes() {
        String two = "host=" + TestPki.SERVER_NAME + "," + TestPki.SERVER_NAME + " hostaddr=127.0.0.1,127.0.0.1 port=" + server.port()
                + " user=" + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.TRUST_DB + " sslmode=verify-full sslrootcert=" + root;
        assertEquals("TLSv1.3", connectAndReport(PgSslR2dbc.connectionFactory(two + " target_session_attrs=read-write", env)));
        assertEquals("TLSv1.3", connectAndReport(PgSslR2dbc.connectionFactory(two + " target_session_attrs=prefer-standby", env)));
        R2dbcException e = assertThrows(R2dbcException.class,
                () -> connectAndReport(PgSslR2dbc.connectionFactory(two + " target_session_attrs=standby", env)));
        String line = "connection to server at \"" + TestPki.SERVER_NAME + "\" (127.0.0.1), port " + server.port()
                + " failed: server is not in hot standby mode";
        assertEquals(line + "\n" + line, e.getMessage());
    }

    @Test
    void directNegotiationWhenVerifyFullThenTls() {
        assertEquals("TLSv1.3", connectAndReport(PgSslR2dbc.connectionFactory(verifyFull(ServerPresets.TRUST_DB) + " sslnegotiation=direct", env)));
    }

    @Test
    void passwordFileWhenNoPasswordThenPerHostEntryUsed() throws Exception {
        Path home = java.nio.file.Files.createDirectories(dir.resolve("pgpass-home"));
        Path pgpass = home.resolve(".pgpass");
        // Host 1 refuses TCP; host 2's entry (keyed by host, not hostaddr) holds the SCRAM password.
        java.nio.file.Files.writeString(pgpass, "wrong.example:1:*:" + ServerPresets.SCRAM_USER + ":not-it\n"
                + TestPki.SERVER_NAME + ":" + server.port() + ":*:" + ServerPresets.SCRAM_USER + ":"
                + ServerPresets.SCRAM_PASSWORD.replace("\\", "\\\\").replace(":", "\\:") + "\n");
        java.nio.file.Files.setPosixFilePermissions(pgpass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        PgEnvironment pgpassEnv = PgEnvironment.of(Map.of("HOME", home.toString()), home);
        String cs = "host=wrong.example," + TestPki.SERVER_NAME + " hostaddr=127.0.0.1,127.0.0.1 port=1," + server.port()
                + " user=" + ServerPresets.SCRAM_USER + " dbname=" + ServerPresets.TRUST_DB + " sslmode=verify-full sslrootcert=" + root;
        assertEquals("TLSv1.3", connectAndReport(PgSslR2dbc.connectionFactory(cs, pgpassEnv)));
        // Without the file the same string cannot log in: the password above really came from it.
        assertThrows(R2dbcException.class, () -> connectAndReport(PgSslR2dbc.connectionFactory(cs, env)));
    }

    @Test
    void unixSocketWhenVerifyFullThenPlaintextAsLibpq() {
        String cs = "host=" + server.socketDirectory() + " port=" + server.port() + " user=" + ServerPresets.TRUST_USER
                + " dbname=" + ServerPresets.TRUST_DB + " sslmode=verify-full sslrootcert=" + root;
        assertEquals("plaintext", connectAndReport(PgSslR2dbc.connectionFactory(cs, env)));
    }

    @Test
    void poolWhenThousandConcurrentQueriesOverVerifyFullThenAllEncrypted() {
        String url = "r2dbc:pool:pgssl:postgresql://" + ServerPresets.TRUST_USER + "@" + TestPki.SERVER_NAME + ":" + server.port() + "/"
                + ServerPresets.TRUST_DB + "?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=" + root
                + "&initialSize=4&maxSize=8";
        ConnectionFactory cf = ConnectionFactories.get(ConnectionFactoryOptions.parse(url).mutate().option(PgSslR2dbc.ENVIRONMENT, env).build());
        ConnectionPool pool = assertInstanceOf(ConnectionPool.class, cf);
        AtomicInteger encrypted = new AtomicInteger();
        try {
            long start = System.nanoTime();
            List<String> results = Flux.range(0, 1000)
                    .flatMap(i -> Mono.usingWhen(pool.create(), R2dbcServerIT::sslState, Connection::close), 256)
                    .doOnNext(s -> {
                        if ("TLSv1.3".equals(s)) {
                            encrypted.incrementAndGet();
                        }
                    })
                    .collectList().block(Duration.ofSeconds(120));
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("r2dbc-pool: 1000 queries over verify-full, maxSize 8, in " + ms + " ms; acquired "
                    + pool.getMetrics().map(m -> m.acquiredSize() + "/" + m.allocatedSize()).orElse("?"));
            assertEquals(1000, results.size());
            assertEquals(1000, encrypted.get());
        } finally {
            pool.dispose();
        }
    }
}
