package io.github.pgssl.r2dbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSslException;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.R2dbcException;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ConnectionFactoryOptions} given in code follow the same rules as pgjdbc Properties
 * (issue 12 point 1), now that core reads them directly: {@code ssl=true} means verify-full, TLS
 * keys are read in any case and in r2dbc's spelling, a mistyped {@code ssl*} key is refused. Against
 * a real server without TLS and one with TLS.
 */
class R2dbcOptionsIT {
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

    private static ConnectionFactoryOptions.Builder options(PostgresServer s) {
        return ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, PgSslR2dbc.DRIVER)
                .option(ConnectionFactoryOptions.HOST, TestPki.SERVER_NAME)
                .option(ConnectionFactoryOptions.PORT, s.port())
                .option(ConnectionFactoryOptions.USER, ServerPresets.TRUST_USER)
                .option(ConnectionFactoryOptions.DATABASE, ServerPresets.TRUST_DB)
                .option(Option.valueOf("hostaddr"), "127.0.0.1")
                .option(PgSslR2dbc.ENVIRONMENT, env);
    }

    @Test
    void sslTrueOptionWhenServerWithoutTlsThenRefusedNotPlaintext() {
        ConnectionFactory cf = ConnectionFactories.get(options(plain).option(ConnectionFactoryOptions.SSL, true)
                .option(Option.valueOf("sslrootcert"), root.toString()).build());
        R2dbcException e = assertThrows(R2dbcException.class, () -> R2dbcServerIT.connectAndReport(cf));
        assertEquals("connection to server at \"" + TestPki.SERVER_NAME + "\" (127.0.0.1), port " + plain.port()
                + " failed: server does not support SSL, but SSL was required", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sslmode", "sslMode", "SSLMODE"})
    void sslmodeOptionInAnySpellingWhenServerWithoutTlsThenRefused(String key) {
        ConnectionFactory cf = ConnectionFactories.get(options(plain).option(Option.valueOf(key), "VERIFY_FULL")
                .option(Option.valueOf("sslRootCert"), root.toString()).build());
        R2dbcException e = assertThrows(R2dbcException.class, () -> R2dbcServerIT.connectAndReport(cf));
        assertTrue(e.getMessage().endsWith("failed: server does not support SSL, but SSL was required"), e.getMessage());
    }

    @Test
    void sslTrueOptionWhenTlsServerThenVerifiedTls() {
        ConnectionFactory cf = ConnectionFactories.get(options(tls).option(ConnectionFactoryOptions.SSL, true)
                .option(Option.valueOf("sslRootCert"), root.toString()).build());
        assertEquals("TLSv1.3", R2dbcServerIT.connectAndReport(cf));
    }

    @Test
    void mistypedSslOptionWhenGivenInCodeThenRefusedWithSuggestion() {
        PgSslException e = assertThrows(PgSslException.class, () -> ConnectionFactories.get(options(tls)
                .option(Option.valueOf("sslrootcrt"), root.toString()).build()));
        assertEquals("invalid URI query parameter: \"sslrootcrt\"; did you mean \"sslrootcert\"?", e.getMessage());
    }

    /**
     * A {@code create()} cancelled before the plan finished (a pool's acquire timing out) must not
     * leave a session open on the server: the connection the plan still makes is closed.
     */
    @Test
    void createWhenCancelledBeforeConnectedThenServerSessionIsClosed() throws Exception {
        ConnectionFactory cf = ConnectionFactories.get(options(tls).option(ConnectionFactoryOptions.SSL, true)
                .option(Option.valueOf("sslRootCert"), root.toString())
                .option(ConnectionFactoryOptions.DATABASE, ServerPresets.SSL_DB).build());
        for (int i = 0; i < 5; i++) {
            reactor.core.Disposable d = reactor.core.publisher.Mono.from(cf.create()).subscribe();
            d.dispose();
        }
        ConnectionFactory observer = ConnectionFactories.get(options(tls).option(ConnectionFactoryOptions.SSL, true)
                .option(Option.valueOf("sslRootCert"), root.toString()).build());
        long open = -1;
        for (int i = 0; i < 100 && open != 0; i++) {
            Thread.sleep(100);
            open = reactor.core.publisher.Mono.usingWhen(reactor.core.publisher.Mono.from(observer.create()),
                    c -> reactor.core.publisher.Mono.from(c.createStatement(
                            "select count(*) from pg_stat_activity where datname = '" + ServerPresets.SSL_DB + "'").execute())
                            .flatMap(r -> reactor.core.publisher.Mono.from(r.map((row, md) -> row.get(0, Long.class)))),
                    io.r2dbc.spi.Connection::close).block(java.time.Duration.ofSeconds(30));
        }
        assertEquals(0L, open, "sessions left open on the server by cancelled create() calls");
    }
}
