package io.github.pgssl.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.testkit.conformance.Outcome;
import io.github.pgssl.testkit.conformance.PsqlClient;
import io.github.pgssl.testkit.pki.ChainShapes;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * pgssl's verdict on each of testkit's {@link ChainShapes} equals psql's (libpq over OpenSSL), on a
 * real TLS server that presents the shape's chain: the good chain connects, every other shape is
 * refused by both, and pgssl's message carries OpenSSL's reason. The pgssl side runs through the
 * JDBC adapter with verify-full. Skipped, with the reason, when psql is absent.
 */
class ChainVerdictDifferentialIT {
    @TempDir
    static Path dir;
    static PostgresServer server;
    static List<ChainShapes.Shape> shapes;
    static PsqlClient psql;

    @BeforeAll
    static void start() {
        psql = Optional.of(Path.of("/usr/bin/psql")).filter(Files::isExecutable).map(PsqlClient::at)
                .or(PsqlClient::find).orElse(null);
        server = PostgresServer.builder().tls(ServerTls.of(shapeList().get(0).server())).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static synchronized List<ChainShapes.Shape> shapeList() {
        if (shapes == null) {
            shapes = ChainShapes.generate();
        }
        return shapes;
    }

    static Stream<ChainShapes.Shape> shapes() {
        return shapeList().stream();
    }

    static String conninfo(ChainShapes.Shape shape, Path root) {
        return "host=" + shape.host() + " hostaddr=127.0.0.1 port=" + server.port() + " user=" + ServerPresets.TRUST_USER
                + " dbname=" + ServerPresets.TRUST_DB + " sslmode=verify-full sslrootcert=" + root + " connect_timeout=10";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void connectWhenChainShapeThenPgsslVerdictEqualsPsql(ChainShapes.Shape shape) throws Exception {
        server.reconfigureTls(ServerTls.of(shape.server()));
        Path root = shape.root().writeCertificatePem(Files.createTempFile(dir, "root", ".crt"));
        Path home = Files.createDirectories(dir.resolve("home"));
        PgEnvironment env = PgEnvironment.of(Map.of("HOME", home.toString()), home);
        String conninfo = conninfo(shape, root);

        // pgssl through JDBC
        String pgsslVerdict;
        String pgsslMessage = null;
        try (Connection c = PgSslJdbc.dataSource(conninfo, env).getConnection()) {
            pgsslVerdict = "tls " + JdbcOutcomes.state(c);
        } catch (SQLException e) {
            pgsslVerdict = "refused";
            pgsslMessage = e.getMessage();
        }

        if (shape.reason() == null) {
            assertEquals("tls TLSv1.3", pgsslVerdict, pgsslMessage);
        } else {
            assertEquals("refused", pgsslVerdict, shape.name() + ": pgssl accepted a chain that libpq refuses");
            assertTrue(pgsslMessage.contains(shape.reason()), "pgssl's message lacks OpenSSL's reason \"" + shape.reason()
                    + "\": " + pgsslMessage);
            assertTrue(pgsslMessage.contains("certificate verify failed") || pgsslMessage.contains("does not match host name"),
                    pgsslMessage);
        }

        // psql (libpq over OpenSSL) on the same server, chain and root
        Assumptions.assumeTrue(psql != null, "psql is not installed (/usr/bin/psql or PATH): the libpq side is skipped");
        Outcome libpq = psql.connect(conninfo, env);
        if (shape.reason() == null) {
            assertInstanceOf(Outcome.Tls.class, libpq, "psql: " + libpq);
        } else {
            Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, libpq, shape.name() + ": psql connected: " + libpq);
            String expected = shape.reason().startsWith("server certificate for") ? shape.reason() : "certificate verify failed";
            assertTrue(failed.message().contains(expected), "psql: " + failed.message());
        }
    }
}
