package io.github.pgssl.spring.it;

import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerTls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * One testkit TLS PostgreSQL (with its PKI) per test class, and the URLs the tests give Spring.
 * Started directly rather than through {@code @TlsPostgres}, so these tests run on the JUnit each
 * Boot line manages.
 */
final class Db implements AutoCloseable {
    final TestPki pki;
    final PostgresServer server;
    final Path dir;
    final Path root;

    private Db(TestPki pki, PostgresServer server, Path dir) throws java.io.IOException {
        this.pki = pki;
        this.server = server;
        this.dir = dir;
        this.root = pki.root().writeCertificatePem(dir.resolve("root.crt"));
    }

    static Db start() throws Exception {
        TestPki pki = TestPki.generateEcOnly();
        PostgresServer server = PostgresServer.builder().tls(ServerTls.of(pki.server()).withClientCas(pki.root())).start();
        return new Db(pki, server, Files.createTempDirectory("pgssl-spring-it-"));
    }

    /** A libpq URI for the server: the certificate's name as host, 127.0.0.1 as hostaddr. */
    String uri(String user, String db, String query) {
        return "postgresql://" + user + "@" + TestPki.SERVER_NAME + ":" + server.port() + "/" + db
                + "?hostaddr=127.0.0.1" + (query.isEmpty() ? "" : "&" + query);
    }

    /**
     * A fresh database owned by {@code owner} (so its migrations may create tables in {@code public}),
     * created by the testkit's superuser {@code postgres}.
     */
    String freshDatabase(String name, String owner) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:pgssl:" + uri("postgres", "postgres", "sslmode=disable"));
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name);
            s.execute("create database " + name + " owner " + owner);
        }
        return name;
    }

    /** {@code ssl, version, cipher} of this connection's pg_stat_ssl row, and the server version. */
    static List<String> tls(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select ssl::text, version, cipher, current_setting('server_version')"
                        + " from pg_stat_ssl where pid = pg_backend_pid()")) {
            rs.next();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                out.add(rs.getString(i));
            }
            return out;
        }
    }

    static String queryString(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
