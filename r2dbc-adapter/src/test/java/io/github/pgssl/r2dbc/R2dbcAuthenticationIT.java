package io.github.pgssl.r2dbc;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.testkit.conformance.AuthenticationCases;
import io.github.pgssl.testkit.pki.KeyFormat;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerTls;
import io.r2dbc.spi.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libpq's checks of the authentication request (require_auth, channel_binding=require,
 * sslcertmode=require) through pgssl-r2dbc against a real TLS PostgreSQL: the testkit's shared table.
 * On main before this change, r2dbc connected in every "fails" row of require_auth, in the md5,
 * cleartext, trust and cert rows of channel_binding, and refused every sslcertmode=require row.
 */
class R2dbcAuthenticationIT {
    @TempDir
    static Path dir;
    static PostgresServer server;
    static PgEnvironment env;
    static Path cert;
    static Path key;

    @BeforeAll
    static void start() {
        TestPki pki = TestPki.generateEcOnly();
        server = PostgresServer.builder().tls(ServerTls.of(pki.server()).withClientCas(pki.root())).start();
        cert = pki.client().writeCertificatePem(dir.resolve("client.crt"));
        key = pki.client().writeKey(dir.resolve("client.key"), KeyFormat.PKCS8_PEM);
        env = PgEnvironment.of(Map.of("HOME", dir.resolve("home").toString()), dir.resolve("home"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Stream<AuthenticationCases.Case> cases() {
        return Stream.of(AuthenticationCases.requireAuth(), AuthenticationCases.channelBinding(),
                AuthenticationCases.certificateMode()).flatMap(java.util.List::stream);
    }

    static String conninfo(AuthenticationCases.Case c) {
        return "host=127.0.0.1 port=" + server.port() + " user=" + c.user() + " dbname=" + c.database() + " sslmode=require "
                + (c.password() == null ? "" : "password='" + c.password() + "' ") + c.extra()
                + (c.clientCertificate() ? " sslcert=" + cert + " sslkey=" + key : "");
    }

    static String connect(String conninfo) {
        PgSslConnectionFactory cf = PgSslR2dbc.connectionFactory(conninfo, env);
        return Mono.usingWhen(Mono.from(cf.create()),
                c -> Flux.from(c.createStatement("select current_user").execute())
                        .flatMap(r -> r.map((row, md) -> row.get(0, String.class))).next(),
                Connection::close).block(Duration.ofSeconds(30));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void connectWhenAuthenticationCaseThenLibpqOutcome(AuthenticationCases.Case c) {
        String conninfo = conninfo(c);
        if (c.connects()) {
            assertEquals(c.user(), connect(conninfo));
            return;
        }
        RuntimeException e = assertThrows(RuntimeException.class, () -> connect(conninfo));
        assertTrue(e.getMessage().contains(c.error()), e.getMessage());
        if (c.password() != null) {
            assertFalse(e.getMessage().contains(c.password()), e.getMessage());
        }
    }
}
