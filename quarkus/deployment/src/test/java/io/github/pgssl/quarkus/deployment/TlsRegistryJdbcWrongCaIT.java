package io.github.pgssl.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.github.pgssl.testkit.server.ServerPresets;
import io.quarkus.test.QuarkusUnitTest;

import jakarta.inject.Inject;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same URL as {@link TlsRegistryJdbcIT} with an unrelated CA in the TLS registry: refused,
 * with libpq's reason. Without the registry trust, {@code require} would only encrypt and connect
 * (see {@link JdbcUrlIT}'s {@code bad} data source, which reaches authentication under require), so
 * this refusal is the registry's trust at work.
 */
class TlsRegistryJdbcWrongCaIT {
    static final TestDb DB = TestDb.get();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TestDb.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:pgssl:postgresql://" + ServerPresets.TRUST_USER
                    + "@127.0.0.1:" + DB.port() + "/" + ServerPresets.SSL_DB + "?sslmode=require")
            .overrideConfigKey("quarkus.datasource.jdbc.acquisition-timeout", "5S")
            .overrideConfigKey("quarkus.tls.db.trust-store.pem.certs", DB.unrelatedRoot().toString())
            .overrideConfigKey("quarkus.pgssl.tls-configuration-name", "db");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void requireWithTlsRegistryTrustWhenTheCaIsUnrelatedThenRefusedWithCertificateVerifyFailed() {
        SQLException e = assertThrows(SQLException.class, () -> dataSource.getConnection().close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("certificate verify failed"), messages.toString());
    }
}
