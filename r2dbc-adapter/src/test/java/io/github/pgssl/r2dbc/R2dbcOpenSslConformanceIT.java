package io.github.pgssl.r2dbc;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;
import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared libpq contract through {@code PgSsl.configure(cs, ConnectionFactory.class, env)} with
 * {@code PGSSL_TLS_ENGINE=openssl}: Netty's OpenSSL engine (netty-tcnative BoringSSL, on r2dbc's
 * Netty 4.1) runs the handshakes with pgssl's trust and key managers. The direct-TLS rows are refused
 * by name (the engine reports no ALPN to the trust manager), never run unchecked.
 */
class R2dbcOpenSslConformanceIT extends ConformanceSuite {
    private long before;

    @BeforeAll
    void openSslLoads() {
        assertTrue(OpenSsl.isAvailable(), () -> "netty-tcnative does not load: " + OpenSsl.unavailabilityCause());
        before = OpenSslEngines.CREATED.sum();
    }

    @AfterAll
    void handshakesRanOnOpenSsl() {
        long engines = OpenSslEngines.CREATED.sum() - before;
        assertTrue(engines > 20, "OpenSSL engines created: " + engines);
    }

    @Override
    protected ConformanceClient client() {
        ConformanceClient adapter = R2dbcConformanceClients.adapter();
        return (cs, env) -> adapter.connect(cs, env.withVariable("PGSSL_TLS_ENGINE", "openssl"));
    }

    @Override
    protected Set<String> documentedGaps() {
        // SUITE-rsa-pss: BoringSSL has no RSA-PSS (id-RSASSA-PSS) certificate support, so the server's
        // handshake with it fails (handshake_failure alert), loudly: a capability gap, not a weaker check.
        return Set.of("DIRECT-require", "DIRECT-verify-full", "SUITE-rsa-pss");
    }
}
