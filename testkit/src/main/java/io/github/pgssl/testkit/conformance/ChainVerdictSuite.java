package io.github.pgssl.testkit.conformance;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.testkit.pki.ChainShapes;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Chain verification, differentially: for each of {@link ChainShapes} a real TLS server presents the
 * shape's chain, and the client under test (a driver through pgssl, with {@code sslmode=verify-full}
 * and the shape's root as {@code sslrootcert}) must give psql's verdict (libpq over OpenSSL): the good
 * chain connects, every other shape is refused, and the client's message carries OpenSSL's reason
 * (or libpq's host name error). When psql is absent (neither {@code /usr/bin/psql} nor on PATH),
 * the psql side is skipped with that reason and the expected verdicts still apply.
 *
 * <pre>{@code
 * class JdbcChainVerdictIT extends ChainVerdictSuite {
 *     protected ConformanceClient client() { return (cs, env) -> ...; }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ChainVerdictSuite {
    private PostgresServer server;
    private Path dir;
    private PsqlClient psql;

    /** {@return the client under test; a connection failure may be returned as {@link Outcome.Failed} or thrown} */
    protected abstract ConformanceClient client();

    /** One dynamic test per shape. */
    @TestFactory
    Stream<DynamicTest> chainVerdicts() {
        List<ChainShapes.Shape> shapes = ChainShapes.generate();
        return shapes.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> check(s)));
    }

    private void start(ChainShapes.Shape first) throws IOException {
        if (server == null) {
            dir = Files.createTempDirectory("pgssl-chain-verdicts");
            psql = Optional.of(Path.of("/usr/bin/psql")).filter(Files::isExecutable).map(PsqlClient::at)
                    .or(PsqlClient::find).orElse(null);
            server = PostgresServer.builder().tls(ServerTls.of(first.server())).start();
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void check(ChainShapes.Shape shape) throws Exception {
        start(shape);
        server.reconfigureTls(ServerTls.of(shape.server()));
        Path root = shape.root().writeCertificatePem(Files.createTempFile(dir, "root", ".crt"));
        Path home = Files.createDirectories(dir.resolve("home"));
        PgEnvironment env = PgEnvironment.of(Map.of("HOME", home.toString()), home);
        String conninfo = "host=" + shape.host() + " hostaddr=127.0.0.1 port=" + server.port() + " user="
                + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.TRUST_DB + " sslmode=verify-full sslrootcert=" + root
                + " connect_timeout=10";

        Outcome pgssl;
        try {
            pgssl = client().connect(conninfo, env);
        } catch (Exception e) {
            pgssl = new Outcome.Failed(String.valueOf(e.getMessage()));
        }
        if (shape.reason() == null) {
            Assertions.assertInstanceOf(Outcome.Tls.class, pgssl, shape.name() + ": " + pgssl);
        } else {
            Outcome.Failed f = Assertions.assertInstanceOf(Outcome.Failed.class, pgssl,
                    shape.name() + ": pgssl connected where libpq refuses: " + pgssl);
            Assertions.assertTrue(f.message().contains(shape.reason()),
                    "pgssl's message lacks OpenSSL's reason \"" + shape.reason() + "\": " + f.message());
        }

        Assumptions.assumeTrue(psql != null, "psql is not installed (/usr/bin/psql or PATH): the libpq side is skipped");
        Outcome libpq = psql.connect(conninfo, env);
        if (shape.reason() == null) {
            Assertions.assertInstanceOf(Outcome.Tls.class, libpq, "psql: " + libpq);
        } else {
            Outcome.Failed f = Assertions.assertInstanceOf(Outcome.Failed.class, libpq, shape.name() + ": psql connected: " + libpq);
            String expected = shape.reason().startsWith("server certificate for") ? shape.reason() : "certificate verify failed";
            Assertions.assertTrue(f.message().contains(expected), "psql: " + f.message());
        }
    }
}
