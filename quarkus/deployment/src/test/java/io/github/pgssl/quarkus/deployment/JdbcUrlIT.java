package io.github.pgssl.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.github.pgssl.testkit.server.ServerPresets;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.health.SmallRyeHealthReporter;

import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code quarkus.datasource.jdbc.url=jdbc:pgssl:...} alone (no {@code jdbc.driver}), with
 * quarkus-jdbc-postgresql on the class path as a Quarkus app has it: the default datasource
 * connects over verified TLS; a second datasource with a wrong password is DOWN in the health
 * check; the password is in no health output and no log record.
 */
class JdbcUrlIT {
    static final TestDb DB = TestDb.get();
    static final String WRONG_PASSWORD_ENCODED = TestDb.WRONG_PASSWORD_ENCODED;

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TestDb.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:pgssl:"
                    + DB.uri(TestDb.scramUserInfo(), ServerPresets.TRUST_DB, "sslmode=verify-full&sslrootcert=" + DB.root()))
            .overrideConfigKey("quarkus.datasource.bad.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.bad.jdbc.url", "jdbc:pgssl:" + DB.uri(
                    ServerPresets.SCRAM_USER + ":" + WRONG_PASSWORD_ENCODED, ServerPresets.TRUST_DB, "sslmode=require"))
            .overrideConfigKey("quarkus.datasource.bad.jdbc.acquisition-timeout", "5S")
            .overrideConfigKey("quarkus.datasource.health.enabled", "true")
            .setLogRecordPredicate(r -> true)
            .assertLogRecords(TestDb::noSecretInLogs);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    @DataSource("bad")
    AgroalDataSource bad;

    @Inject
    SmallRyeHealthReporter health;

    @Test
    void jdbcPgsslUrlAloneWhenVerifyFullThenConnectsOverTlsAsTheUrlsUser() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select ssl::text, current_user from pg_stat_ssl where pid = pg_backend_pid()")) {
            assertTrue(rs.next());
            assertEquals("true", rs.getString(1));
            assertEquals(ServerPresets.SCRAM_USER, rs.getString(2));
        }
    }

    @Test
    void healthWhenOneDataSourceWorksAndOneHasAWrongPasswordThenUpAndDownWithoutEitherPassword() {
        String json = health.getHealth().getPayload().toString();
        assertTrue(json.contains("\"<default>\":\"UP\""), json);
        assertTrue(json.contains("\"bad\":\"Unable to execute the validation check for DataSource 'bad'"), json);
        assertTrue(json.contains("password authentication failed"), json);
        assertFalse(json.contains("Driver does not support"), json);
        TestDb.assertNoSecret(json);
    }
}
