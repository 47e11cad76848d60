package io.github.pgssl.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.testkit.server.ServerPresets;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.sqlclient.Pool;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ReactiveRequireIT}'s URL with an unrelated CA as {@code sslrootcert}: refused with
 * libpq's reason (Vert.x 4.5 alone says only "SSL handshake failed"); health DOWN with that reason
 * and without the password.
 */
class ReactiveWrongCaIT {
    static final TestDb DB = TestDb.get();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TestDb.class, Reactive.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc", "false")
            .overrideConfigKey("quarkus.datasource.reactive.url", "postgresql://" + TestDb.scramUserInfo() + "@127.0.0.1:"
                    + DB.port() + "/" + ServerPresets.TRUST_DB + "?sslmode=require&sslrootcert=" + DB.unrelatedRoot())
            .setLogRecordPredicate(r -> true)
            .assertLogRecords(TestDb::noSecretInLogs);

    @Inject
    Pool pool;

    @Inject
    SmallRyeHealthReporter health;

    @Test
    void providerFormWithRequireAndCaWhenTheCaIsUnrelatedThenRefusedWithCertificateVerifyFailed() {
        Exception e = assertThrows(Exception.class, () -> Reactive.row(pool, "select 1"));
        String messages = Reactive.messages(e);
        assertTrue(messages.contains("certificate verify failed"), messages);
        TestDb.assertNoSecret(messages);
    }

    @Test
    void healthWhenTheCaIsUnrelatedThenDownWithTheReasonAndWithoutThePassword() {
        String json = health.getHealth().getPayload().toString();
        assertTrue(json.contains("\"<default>\":\"down - connection failed: "), json);
        assertTrue(json.contains("certificate verify failed"), json);
        TestDb.assertNoSecret(json);
    }
}
