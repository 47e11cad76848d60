package io.github.pgssl.r2dbc;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.TlsEngineUnavailableException;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code pgssl.tls_engine} refusals for r2dbc-postgresql; handshakes: R2dbcOpenSslConformanceIT, R2dbcConscryptConformanceIT. */
class R2dbcTlsEngineTest {

    @Test
    void configureWhenOpensslWithSslsniOffThenRefusedNotIgnored() {
        TlsEngineUnavailableException e = assertThrows(TlsEngineUnavailableException.class, () -> PgSsl.configure(
                "host=h user=u sslmode=require sslsni=0 pgssl.tls_engine=openssl", ConnectionFactory.class, PgEnvironment.empty()));
        assertEquals("sslsni: sslsni=0 cannot be honoured by the openssl engine, which always sends a DNS host name as SNI; "
                + "use pgssl.tls_engine=jdk (or auto) with sslsni=0, or remove sslsni=0", e.getMessage());
    }

    @Test
    void configureWhenUnknownEngineThenErrorListingTheValues() {
        io.github.pgssl.SslConfigurationException e = assertThrows(io.github.pgssl.SslConfigurationException.class, () -> PgSsl.configure(
                "host=h user=u sslmode=require pgssl.tls_engine=wolfssl", ConnectionFactory.class, PgEnvironment.empty()));
        assertEquals("pgssl.tls_engine: invalid TLS engine \"wolfssl\"; use jdk, conscrypt, openssl or auto", e.getMessage());
    }
}
