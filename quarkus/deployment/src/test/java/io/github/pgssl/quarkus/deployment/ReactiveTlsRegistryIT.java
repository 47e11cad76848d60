package io.github.pgssl.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgssl.testkit.server.ServerPresets;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.sqlclient.Pool;

import jakarta.inject.Inject;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reactive pool with trust from the TLS registry ({@code quarkus.pgssl.tls-configuration-name})
 * and a keyword/value connection string (a form Vert.x cannot read), user and password from
 * {@code quarkus.datasource.username/password}.
 */
class ReactiveTlsRegistryIT {
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
            .overrideConfigKey("quarkus.tls.db.trust-store.pem.certs", DB.root().toString())
            .overrideConfigKey("quarkus.pgssl.tls-configuration-name", "db");

    @Inject
    Pool pool;

    @Test
    void keywordValueWithRegistryTrustWhenTheCaSignedTheServerThenTlsConnectionAsTheConfiguredUser() throws Exception {
        assertEquals(List.of("true", ServerPresets.SCRAM_USER),
                Reactive.row(pool, "select ssl::text, current_user from pg_stat_ssl where pid = pg_backend_pid()"));
    }
}
