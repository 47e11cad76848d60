package io.github.pgssl.r2dbc;

import io.github.pgssl.testkit.conformance.ConformanceClient;
import io.github.pgssl.testkit.conformance.ConformanceSuite;
import org.junit.jupiter.api.BeforeAll;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared libpq contract with {@code PGSSL_TLS_ENGINE=conscrypt}: the material's Conscrypt engine
 * under the driver's Netty {@code SslHandler}. Direct TLS is refused by name, as for pgjdbc.
 */
class R2dbcConscryptConformanceIT extends ConformanceSuite {

    @BeforeAll
    void conscryptLoads() {
        assertTrue(io.github.pgssl.TlsEngine.CONSCRYPT.isAvailable(), "Conscrypt does not load");
    }

    @Override
    protected ConformanceClient client() {
        ConformanceClient adapter = R2dbcConformanceClients.adapter();
        return (cs, env) -> adapter.connect(cs, env.withVariable("PGSSL_TLS_ENGINE", "conscrypt"));
    }

    @Override
    protected Set<String> documentedGaps() {
        return Set.of("DIRECT-require", "DIRECT-verify-full");
    }
}
