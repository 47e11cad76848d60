package io.github.pgssl.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.testkit.server.ServerPresets;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.sqlclient.Pool;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ReactiveTlsRegistryIT} with an unrelated CA in the registry: refused with libpq's
 * reason, which shows the registry's trust is what {@code require} verified with.
 */
class ReactiveTlsRegistryWrongCaIT {
    static final TestDb DB = TestDb.get();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TestDb.class, Reactive.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc", "false")
            .overrideConfigKey("quarkus.datasource.reactive.url", "host=127.0.0.1 port=" + DB.port() + " dbname="
                    + ServerPresets.TRUST_DB + " sslmode=require")
            .overrideConfigKey("quarkus.datasource.username", ServerPresets.SCRAM_USER)
            .overrideConfigKey("quarkus.datasource.password", ServerPresets.SCRAM_PASSWORD)
            .overrideConfigKey("quarkus.tls.db.trust-store.pem.certs", DB.unrelatedRoot().toString())
            .overrideConfigKey("quarkus.pgssl.tls-configuration-name", "db");

    @Inject
    Pool pool;

    @Test
    void keywordValueWithRegistryTrustWhenTheCaIsUnrelatedThenRefusedWithCertificateVerifyFailed() {
        Exception e = assertThrows(Exception.class, () -> Reactive.row(pool, "select 1"));
        String messages = Reactive.messages(e);
        assertTrue(messages.contains("certificate verify failed"), messages);
    }
}
