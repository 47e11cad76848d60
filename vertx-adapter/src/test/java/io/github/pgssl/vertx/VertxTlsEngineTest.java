package io.github.pgssl.vertx;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.TlsEngineUnavailableException;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which {@code pgssl.tls_engine} values Vert.x accepts and the engine options each gives; handshakes: VertxOpenSslConformanceIT. */
class VertxTlsEngineTest {

    @Test
    void connectOptionsWhenConscryptThenRefusedNamingTheEnginesVertxCanUse() {
        TlsEngineUnavailableException e = assertThrows(TlsEngineUnavailableException.class,
                () -> PgSslVertx.connectOptions("host=h user=u sslmode=require pgssl.tls_engine=conscrypt", PgEnvironment.empty()));
        assertEquals("pgssl.tls_engine: vertx-pg-client cannot use the conscrypt engine; use openssl, auto or jdk", e.getMessage());
    }

    @Test
    void transportOptionsWhenOpensslThenOpenSslEngineOptionsElseJdk() {
        assertInstanceOf(OpenSSLEngineOptions.class, PgSslVertx.transportOptions(PgSslVertx.connectOptions(
                "host=h user=u sslmode=require pgssl.tls_engine=openssl", PgEnvironment.empty())).getSslEngineOptions());
        assertInstanceOf(OpenSSLEngineOptions.class, PgSslVertx.transportOptions(PgSslVertx.connectOptions(
                "host=h user=u sslmode=require pgssl.tls_engine=auto", PgEnvironment.empty())).getSslEngineOptions());
        assertInstanceOf(JdkSSLEngineOptions.class, PgSslVertx.transportOptions(PgSslVertx.connectOptions(
                "host=h user=u sslmode=require", PgEnvironment.empty())).getSslEngineOptions());
    }

    @Test
    void connectOptionsWhenOpensslWithSslsniOffThenRefusedNotIgnored() {
        TlsEngineUnavailableException e = assertThrows(TlsEngineUnavailableException.class,
                () -> PgSslVertx.connectOptions("host=h user=u sslmode=require sslsni=0 pgssl.tls_engine=openssl", PgEnvironment.empty()));
        assertEquals("sslsni: sslsni=0 cannot be honoured by the openssl engine, which always sends a DNS host name as SNI; "
                + "use pgssl.tls_engine=jdk (or auto) with sslsni=0, or remove sslsni=0", e.getMessage());
        assertInstanceOf(JdkSSLEngineOptions.class, PgSslVertx.transportOptions(PgSslVertx.connectOptions(
                "host=h user=u sslmode=require sslsni=0 pgssl.tls_engine=auto", PgEnvironment.empty())).getSslEngineOptions());
    }
}
