package io.github.pgssl.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.testkit.server.ServerPresets;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.sqlclient.Pool;

import jakarta.inject.Inject;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code quarkus.datasource.reactive.url} in the provider form ({@code DATABASE_URL} as a managed
 * database gives it: password in the URI, {@code sslmode=require}) plus the CA as
 * {@code sslrootcert}: libpq verifies the chain, and so does the pool. Health UP, no password in
 * health output or log.
 */
class ReactiveRequireIT {
    static final TestDb DB = TestDb.get();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TestDb.class, Reactive.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc", "false")
            .overrideConfigKey("quarkus.datasource.reactive.url", "postgresql://" + TestDb.scramUserInfo() + "@127.0.0.1:"
                    + DB.port() + "/" + ServerPresets.TRUST_DB + "?sslmode=require&sslrootcert=" + DB.root())
            .setLogRecordPredicate(r -> true)
            .assertLogRecords(TestDb::noSecretInLogs);

    @Inject
    Pool pool;

    @Inject
    SmallRyeHealthReporter health;

    @Test
    void providerFormWithRequireAndCaWhenTheCaSignedTheServerThenTlsConnectionAsTheUrlsUser() throws Exception {
        assertEquals(List.of("true", ServerPresets.SCRAM_USER),
                Reactive.row(pool, "select ssl::text, current_user from pg_stat_ssl where pid = pg_backend_pid()"));
    }

    @Test
    void healthWhenThePoolConnectsThenUpWithoutThePassword() {
        String json = health.getHealth().getPayload().toString();
        assertTrue(json.contains("\"Reactive PostgreSQL connections health check\""), json);
        assertTrue(json.contains("\"<default>\":\"UP\""), json);
        TestDb.assertNoSecret(json);
    }
}
