package io.github.pgssl.jdbc;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.TlsEngine;
import io.github.pgssl.TlsEngineUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which {@code pgssl.tls_engine} values pgjdbc accepts; the handshakes are in JdbcConscryptConformanceIT. */
class JdbcTlsEngineTest {

    @Test
    void configurationWhenOpensslThenRefusedNamingTheEnginesPgjdbcCanUse() {
        TlsEngineUnavailableException e = assertThrows(TlsEngineUnavailableException.class,
                () -> PgSslJdbc.configuration("host=h sslmode=require pgssl.tls_engine=openssl", PgEnvironment.empty()));
        assertEquals("pgssl.tls_engine: pgjdbc cannot use the openssl engine; use conscrypt, auto or jdk", e.getMessage());
    }

    @Test
    void configurationWhenEnvironmentSaysOpensslButStringSaysConscryptThenConscrypt() {
        PgEnvironment env = PgEnvironment.of(Map.of("PGSSL_TLS_ENGINE", "openssl"), null);
        JdbcConfiguration c = PgSslJdbc.configuration("host=h user=u sslmode=require pgssl.tls_engine=conscrypt", env);
        assertEquals(TlsEngine.CONSCRYPT, c.policy().tls().orElseThrow().engine());
    }

    @Test
    void configurationWhenDisabledThenEngineIsNotChecked() {
        JdbcConfiguration c = PgSslJdbc.configuration("host=h user=u sslmode=disable pgssl.tls_engine=openssl", PgEnvironment.empty());
        assertEquals(false, c.policy().tls().isPresent());
    }
}
