package io.github.pgssl.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.testkit.server.ServerPresets;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.health.SmallRyeHealthReporter;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The control for {@link JdbcUrlIT}: the same {@code jdbc:pgssl:} URL with
 * {@code quarkus.pgssl.enabled=false} gives the failure issue 19 reports (Agroal hands the URL to
 * pgjdbc, "Driver does not support the provided URL", the password in the health output), so the
 * fixed behaviour there is the extension's doing.
 */
class DisabledControlIT {
    static final TestDb DB = TestDb.get();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TestDb.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.pgssl.enabled", "false")
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:pgssl:"
                    + DB.uri(TestDb.scramUserInfo(), ServerPresets.TRUST_DB, "sslmode=verify-full&sslrootcert=" + DB.root()));

    @Inject
    SmallRyeHealthReporter health;

    @Test
    void pgsslDisabledWhenJdbcPgsslUrlThenAgroalRefusesItAndHealthShowsThePassword() {
        String json = health.getHealth().getPayload().toString();
        assertTrue(json.contains("\"status\":\"DOWN\""), json);
        assertTrue(json.contains("Driver does not support the provided URL"), json);
        assertTrue(json.contains(ServerPresets.SCRAM_PASSWORD_URI_ENCODED), "the control no longer shows the bug: " + json);
    }
}
