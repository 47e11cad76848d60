package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgssl.jdbc.PgSslJdbc;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user of the BOM does: pgssl-jdbc against a TLS PostgreSQL, verify-full. */
class BomConsumerTest {

    @Test
    void dataSourceWhenVerifyFullAgainstTestkitServerThenConnectsOverTls(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.generateEcOnly();
        try (PostgresServer server = PostgresServer.builder().tls(ServerTls.of(pki.server())).start()) {
            Path root = pki.root().writeCertificatePem(dir.resolve("root.crt"));
            DataSource ds = PgSslJdbc.dataSource("host=" + TestPki.SERVER_NAME + " hostaddr=127.0.0.1 port="
                    + server.port() + " user=" + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.TRUST_DB
                    + " sslmode=verify-full sslrootcert=" + root);
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select ssl, version from pg_stat_ssl where pid = pg_backend_pid()")) {
                rs.next();
                assertEquals(true, rs.getBoolean(1), "the connection is TLS");
                assertEquals("TLSv1.3", rs.getString(2));
            }
        }
    }
}
