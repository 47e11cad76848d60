package io.github.pgssl.examples;

import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Where the examples connect: {@code DATABASE_URL} when it is set, otherwise a throwaway
 * PostgreSQL with TLS on 127.0.0.1, a CA generated for this run, and a verify-full URL for it.
 *
 * <p>The embedded server gets a small {@code users} table so the debug endpoint has something to count.
 */
public final class ExampleDatabase implements AutoCloseable {
    private final String url;
    private final PostgresServer server;
    private final Path caFile;
    private final String caPem;

    private ExampleDatabase(String url, PostgresServer server, Path caFile, String caPem) {
        this.url = url;
        this.server = server;
        this.caFile = caFile;
        this.caPem = caPem;
    }

    /** {@code DATABASE_URL}, or an embedded TLS server when it is unset. */
    public static ExampleDatabase open() {
        String env = System.getenv("DATABASE_URL");
        if (env != null && !env.isBlank()) {
            return new ExampleDatabase(env, null, null, null);
        }
        return embedded();
    }

    /** Always an embedded TLS server (used by the tests). */
    public static ExampleDatabase embedded() {
        TestCertificate ca = TestCertificate.builder().commonName("pgssl examples CA").certificateAuthority(0).build();
        TestCertificate leaf = TestCertificate.builder().commonName("localhost").dnsName("localhost").signedBy(ca).build();
        Path dir;
        try {
            dir = Files.createTempDirectory("pgssl-examples-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        Path caFile = ca.writeCertificatePem(dir.resolve("ca.pem"));
        PostgresServer server = PostgresServer.builder().tls(ServerTls.of(leaf)).start();
        String url = "postgresql://" + ServerPresets.TRUST_USER + "@localhost:" + server.port() + "/" + ServerPresets.TRUST_DB
                + "?sslmode=verify-full&sslrootcert=" + caFile;
        seed(server);
        return new ExampleDatabase(url, server, caFile, ca.certificatePem());
    }

    private static void seed(PostgresServer server) {
        // Plain pgjdbc over the server's own TCP port: only the examples' own fixture, not an example.
        // The table is created by the superuser "postgres" and readable by every example user.
        String jdbc = "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + ServerPresets.TRUST_DB
                + "?user=postgres&sslmode=disable";
        try (Connection c = DriverManager.getConnection(jdbc); Statement st = c.createStatement()) {
            st.execute("create table if not exists users (id serial primary key, name text not null)");
            st.execute("insert into users (name) values ('ada'), ('grace'), ('edsger')");
            st.execute("grant select on users to public");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot seed the embedded database: " + e.getMessage(), e);
        }
    }

    /** The connection string the examples use. */
    public String url() {
        return url;
    }

    /** Whether this is the embedded server. */
    public boolean isEmbedded() {
        return server != null;
    }

    /** The embedded server (tests use it for extra connection strings); null for DATABASE_URL. */
    public PostgresServer server() {
        return server;
    }

    /** The CA file of the embedded server; null for DATABASE_URL. */
    public Path caFile() {
        return caFile;
    }

    /** The CA certificate of the embedded server as PEM text; null for DATABASE_URL. */
    public String caPem() {
        return caPem;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
