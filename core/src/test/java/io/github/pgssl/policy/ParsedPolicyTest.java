package io.github.pgssl.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pgssl.ClientIdentity;
import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.SslConfigurationException;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TrustSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From connection string and environment (the real parser) to policy: the defaults and origins the parser fills in. */
class ParsedPolicyTest {
    @TempDir
    Path home;

    SslPolicy policy(String conn, Map<String, String> vars) {
        PgEnvironment env = PgEnvironment.of(vars, home);
        return PgSsl.policy(PgSsl.settings(conn, env), env);
    }

    @Test
    void systemRootWhenNoSslmodeAnywhereThenVerifyFull() {
        SslPolicy p = policy("postgresql://app@db.example.com/app?sslrootcert=system", Map.of());
        assertEquals(SslPolicy.VerifyFull.class, p.getClass());
        assertEquals(TrustSource.system(), p.tls().orElseThrow().trust());
    }

    @Test
    void systemRootWhenPgsslmodeOrPgrequiresslThenRefused() {
        SslConfigurationException e = assertThrows(SslConfigurationException.class,
                () -> policy("postgresql://db.example.com/app?sslrootcert=system", Map.of("PGSSLMODE", "prefer")));
        assertEquals("weak sslmode \"prefer\" may not be used with sslrootcert=system (use \"verify-full\")", e.getMessage());
        e = assertThrows(SslConfigurationException.class,
                () -> policy("host=db.example.com", Map.of("PGSSLROOTCERT", "system", "PGREQUIRESSL", "1")));
        assertEquals("weak sslmode \"require\" may not be used with sslrootcert=system (use \"verify-full\")", e.getMessage());
    }

    @Test
    void homeRootWhenRequireThenVerifyCaWithDefaultCrlAndIdentity() throws IOException {
        Path pg = Files.createDirectories(home.resolve(".postgresql"));
        Files.writeString(pg.resolve("root.crt"), "x");
        Files.writeString(pg.resolve("postgresql.crt"), "x");
        SslPolicy p = policy("host=db.example.com sslmode=require", Map.of());
        assertEquals(SslPolicy.VerifyCa.class, p.getClass());
        TlsOptions o = p.tls().orElseThrow();
        assertEquals(TrustSource.pemFile(pg.resolve("root.crt")), o.trust());
        assertEquals(pg.resolve("root.crl"), o.crlFile().orElseThrow());
        assertEquals(ClientIdentity.of(pg.resolve("postgresql.crt"), pg.resolve("postgresql.key"), null), o.identity());
    }

    @Test
    void noRootWhenDefaultPreferThenNoVerifyWithFallback() {
        SslPolicy p = policy("postgresql://db.example.com/app", Map.of());
        assertEquals(SslPolicy.NoVerify.class, p.getClass());
        assertEquals(SslPolicy.Fallback.PLAINTEXT_AFTER_TLS_FAILURE, p.fallback());
    }

    @Test
    void socketHostWhenVerifyFullWithoutRootThenDisabled() {
        assertSame(SslPolicy.disabled(), policy("postgresql:///app?host=/var/run/postgresql&sslmode=verify-full", Map.of()));
    }

    @Test
    void strategyWhenGivenAsPgsslOptionInUriThenUsed() {
        assertEquals("no-verify", policy("postgresql://db.example.com/app?pgssl.strategy=no-verify&sslmode=verify-full", Map.of())
                .strategy());
    }
}
