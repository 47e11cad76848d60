package io.github.pgssl.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.github.pgssl.testkit.server.ServerPresets;
import io.quarkus.test.QuarkusUnitTest;

import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code quarkus.pgssl.tls-configuration-name}: the TLS registry's PEM trust store is the root
 * certificate, so {@code sslmode=require} verifies the chain (libpq's rule once a root is given).
 * The host is 127.0.0.1, not the certificate's name: verify-ca semantics, as libpq.
 */
class TlsRegistryJdbcIT {
    static final TestDb DB = TestDb.get();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TestDb.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:pgssl:postgresql://" + ServerPresets.TRUST_USER
                    + "@127.0.0.1:" + DB.port() + "/" + ServerPresets.SSL_DB + "?sslmode=require")
            .overrideConfigKey("quarkus.tls.db.trust-store.pem.certs", DB.root().toString())
            .overrideConfigKey("quarkus.pgssl.tls-configuration-name", "db");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void requireWithTlsRegistryTrustWhenTheCaSignedTheServerThenConnectsOverTls() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select ssl::text from pg_stat_ssl where pid = pg_backend_pid()")) {
            assertTrue(rs.next());
            assertEquals("true", rs.getString(1));
        }
    }
}
