package io.github.pgssl.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;

/**
 * One testkit TLS PostgreSQL for the whole test JVM. QuarkusUnitTest loads a test class again in
 * the application's class loader, so static state would start a second server: the first start
 * publishes the port and the PEM files as system properties, later loads read them. A shutdown
 * hook stops the server.
 */
record TestDb(int port, Path root, Path unrelatedRoot) {
    /** A database owned by the SCRAM user, so Hibernate may create tables in its public schema. */
    static final String APP_DB = "quarkusdb";
    private static final String PORT = "pgssl.quarkus.test.port";
    private static final String ROOT = "pgssl.quarkus.test.root";
    private static final String UNRELATED = "pgssl.quarkus.test.unrelatedRoot";

    /** A port on which nothing listens (bound once, then released). */
    static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static synchronized TestDb get() {
        if (System.getProperty(PORT) == null) {
            try {
                TestPki pki = TestPki.generateEcOnly();
                PostgresServer server = PostgresServer.builder()
                        .tls(ServerTls.of(pki.server()).withClientCas(pki.root())).start();
                Path dir = Files.createTempDirectory("pgssl-quarkus-it-");
                Path root = pki.root().writeCertificatePem(dir.resolve("root.crt"));
                Path unrelated = pki.unrelatedRoot().writeCertificatePem(dir.resolve("unrelated.crt"));
                try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:pgssl:postgresql://postgres@127.0.0.1:"
                        + server.port() + "/postgres?sslmode=disable"); java.sql.Statement s = c.createStatement()) {
                    s.execute("create database " + APP_DB + " owner " + ServerPresets.SCRAM_USER);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "pgssl-quarkus-it-server"));
                System.setProperty(ROOT, root.toString());
                System.setProperty(UNRELATED, unrelated.toString());
                System.setProperty(PORT, Integer.toString(server.port()));
            } catch (Exception e) {
                throw new IllegalStateException("testkit PostgreSQL did not start", e);
            }
        }
        return new TestDb(Integer.parseInt(System.getProperty(PORT)), Path.of(System.getProperty(ROOT)),
                Path.of(System.getProperty(UNRELATED)));
    }

    /** A libpq URI: the certificate's name as host, 127.0.0.1 as hostaddr (verify-full works). */
    String uri(String userInfo, String db, String query) {
        return "postgresql://" + userInfo + "@" + TestPki.SERVER_NAME + ":" + port + "/" + db
                + "?hostaddr=127.0.0.1" + (query.isEmpty() ? "" : "&" + query);
    }

    /** The SCRAM user with its password in the URI: the sentinel the tests look for. */
    static String scramUserInfo() {
        return ServerPresets.SCRAM_USER + ":" + ServerPresets.SCRAM_PASSWORD_URI_ENCODED;
    }

    /** A second password, wrong for every user: a sentinel as well. */
    static final String WRONG_PASSWORD = "wrong-S3ntinel:pw";
    /** {@link #WRONG_PASSWORD} percent-encoded. */
    static final String WRONG_PASSWORD_ENCODED = "wrong-S3ntinel%3Apw";

    /** Fails when any test password, plain or percent-encoded, is in the text. */
    static void assertNoSecret(String text) {
        for (String secret : List.of(ServerPresets.SCRAM_PASSWORD, ServerPresets.SCRAM_PASSWORD_URI_ENCODED,
                WRONG_PASSWORD, WRONG_PASSWORD_ENCODED)) {
            assertFalse(text.contains(secret), () -> "secret in: " + text);
        }
    }

    /** For QuarkusUnitTest.assertLogRecords: no password in any captured record. */
    static void noSecretInLogs(List<LogRecord> records) {
        List<String> lines = new ArrayList<>();
        for (LogRecord r : records) {
            StringBuilder b = new StringBuilder(String.valueOf(r.getMessage()));
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    b.append(' ').append(p);
                }
            }
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                b.append(' ').append(t);
            }
            lines.add(b.toString());
        }
        assertFalse(lines.isEmpty(), "no log records captured");
        assertNoSecret(String.join("\n", lines));
    }
}
