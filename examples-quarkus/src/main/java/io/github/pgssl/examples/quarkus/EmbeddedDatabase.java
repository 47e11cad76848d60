package io.github.pgssl.examples.quarkus;

import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerTls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A throwaway PostgreSQL with TLS (pgssl-testkit) for running the example without a database: a
 * CA generated for the run, a database {@code app} owned by {@code ssltestuser}, and a
 * {@code DATABASE_URL} with {@code sslmode=verify-full} against that CA.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final PostgresServer server;
    private final Path dir;
    private final String url;

    private EmbeddedDatabase(PostgresServer server, Path dir, String url) {
        this.server = server;
        this.dir = dir;
        this.url = url;
    }

    public static EmbeddedDatabase start() {
        try {
            TestPki pki = TestPki.generateEcOnly();
            PostgresServer server = PostgresServer.builder().tls(ServerTls.of(pki.server())).start();
            Path dir = Files.createTempDirectory("pgssl-quarkus-example-");
            Path ca = pki.root().writeCertificatePem(dir.resolve("ca.pem"));
            String admin = "jdbc:pgssl:postgresql://postgres@127.0.0.1:" + server.port() + "/postgres?sslmode=disable";
            try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
                s.execute("create database app owner ssltestuser");
            }
            String url = "postgresql://ssltestuser@" + TestPki.SERVER_NAME + ":" + server.port()
                    + "/app?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=" + ca;
            return new EmbeddedDatabase(server, dir, url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the embedded database: " + e.getMessage(), e);
        }
    }

    /** The {@code DATABASE_URL} of this server (no password: the testkit trusts ssltestuser). */
    public String url() {
        return url;
    }

    /** Where the server listens and how the URL connects (the URL has no password anyway). */
    String redactedUrl() {
        return "127.0.0.1:" + server.port() + ", sslmode=verify-full with the run's CA";
    }

    @Override
    public void close() {
        server.close();
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort
        }
    }
}
