package io.github.pgssl.r2dbc;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TrustSource;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ClientHello's SNI, recorded by an in-JVM TLS endpoint: libpq's rule, not r2dbc's. */
class SniTest {
    private static final String DNS_NAME = "db.example.test";

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static Path root;

    @BeforeAll
    static void pki() throws Exception {
        certificates = TestCertificates.create(DNS_NAME);
        root = certificates.writeRoot(dir);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            IPv4 literal host sends no SNI          | host=127.0.0.1                              | 1 |
            DNS host via hostaddr sends its name    | host=db.example.test hostaddr=127.0.0.1    | 1 | db.example.test
            sslsni=0 sends no SNI for a DNS host    | host=db.example.test hostaddr=127.0.0.1    | 0 |
            hostaddr alone sends no SNI             | hostaddr=127.0.0.1                         | 1 |
            """)
    void sniWhenConnectingThenLibpqRule(String name, String hostPart, int sni, String expected) throws Exception {
        List<SNIServerName> requested = recordSni(hostPart, sni == 1, false);
        assertEquals(expected == null ? List.of() : List.of(new SNIHostName(expected)), requested);
    }

    /** Why the adapter sets the server names itself: the driver alone sends the IP literal. */
    @Test
    void driverAloneWhenIpHostThenSendsIpLiteralAsSni() throws Exception {
        try (SniRecordingServer server = new SniRecordingServer(certificates.serverContext())) {
            PostgresqlConnectionConfiguration c = PostgresqlConnectionConfiguration.builder().host("127.0.0.1").port(server.port())
                    .username("u").database("d").sslMode(SSLMode.REQUIRE).connectTimeout(Duration.ofSeconds(10)).build();
            try {
                new PostgresqlConnectionFactory(c).create().block(Duration.ofSeconds(20));
            } catch (RuntimeException expectedFailure) {
                // the endpoint hangs up after the handshake
            }
            assertEquals(List.of(new SNIHostName("127.0.0.1")), server.requestedServerNames());
        }
    }

    private List<SNIServerName> recordSni(String hostPart, boolean sni, boolean unused) throws Exception {
        try (SniRecordingServer server = new SniRecordingServer(certificates.serverContext())) {
            ConnectionSettings settings = Settings.of(hostPart + " port=" + server.port() + " user=u dbname=d connect_timeout=10");
            SslPolicy policy = hostPart.contains("host=") && !hostPart.startsWith("hostaddr")
                    ? SslPolicy.fullVerify(TrustSource.pemFile(root))
                    : SslPolicy.caFile(root);
            policy = policy.withTls(policy.tls().orElseThrow().withSni(sni));
            PgSslConnectionFactory factory = R2dbcDriverAdapter.connectionFactory(settings, policy, ConnectionFactoryOptions.builder().build());
            try {
                factory.create().block(Duration.ofSeconds(20));
            } catch (RuntimeException expectedFailure) {
                // the endpoint hangs up after the handshake
            }
            return server.requestedServerNames();
        }
    }
}
