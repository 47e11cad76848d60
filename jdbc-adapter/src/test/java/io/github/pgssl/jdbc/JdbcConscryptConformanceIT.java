package io.github.pgssl.jdbc;

import io.github.pgssl.TlsEngine;
import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared libpq contract through {@code PgSslJdbc.dataSource} with {@code PGSSL_TLS_ENGINE=conscrypt}:
 * Conscrypt (BoringSSL) runs every TLS handshake, pgssl's trust manager decides. The two direct-TLS
 * rows are refused by name (Conscrypt does not report ALPN to the trust manager), never run unchecked.
 */
class JdbcConscryptConformanceIT extends ConformanceSuite {
    private static final Map<TlsEngine, AtomicInteger> SOCKETS = new ConcurrentHashMap<>();

    @BeforeAll
    void observe() {
        PgSslSocketFactory.socketObserver = m -> SOCKETS.computeIfAbsent(m.engine(), e -> new AtomicInteger()).incrementAndGet();
    }

    @AfterAll
    void everyTlsSocketWasConscrypt() {
        PgSslSocketFactory.socketObserver = null;
        assertEquals(Set.of(TlsEngine.CONSCRYPT), SOCKETS.keySet(), "engines of the TLS sockets: " + SOCKETS);
        assertTrue(SOCKETS.get(TlsEngine.CONSCRYPT).get() > 20, "TLS sockets: " + SOCKETS);
    }

    @Override
    protected ConformanceClient client() {
        return (cs, env) -> JdbcOutcomes.of(PgSslJdbc.dataSource(cs, env.withVariable("PGSSL_TLS_ENGINE", "conscrypt")).getConnection());
    }

    @Override
    protected Set<String> documentedGaps() {
        // SUITE-rsa-pss: BoringSSL has no RSA-PSS (id-RSASSA-PSS) certificate support, so the server's
        // handshake with it fails (handshake_failure alert), loudly: a capability gap, not a weaker check.
        return Set.of("DIRECT-require", "DIRECT-verify-full", "SUITE-rsa-pss");
    }

    @Override
    protected boolean includeExtendedCases() {
        return true;
    }

    /** libpq's words, except a server alert lost to a connection reset (see {@link JdbcOutcomes#failureMatches}). */
    @Override
    protected boolean failureMatches(String fragment, String message) {
        return JdbcOutcomes.failureMatches(fragment, message);
    }
}
