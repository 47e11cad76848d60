package io.github.pgssl.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.SslPolicy.Fallback;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.pki.TestPki;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SNI a pgssl pool sends, read by a minimal PostgreSQL-like TLS endpoint on 127.0.0.1 that
 * accepts the SSLRequest, completes the handshake, records the requested server names and hangs up.
 */
class LibpqSniTest {
    static Vertx vertx;
    static SSLContext serverContext;

    @BeforeAll
    static void setUp() throws Exception {
        vertx = Vertx.vertx();
        TestCertificate leaf = TestPki.generateEcOnly().server();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", leaf.privateKey(), new char[0],
                leaf.chain().stream().map(TestCertificate::certificate).toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
    }

    @AfterAll
    static void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Serves one connection; completes with the SNI names the client sent ("" for none). */
    static CompletableFuture<String> serveOnce(ServerSocket listener) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket plain = listener.accept()) {
                DataInputStream in = new DataInputStream(plain.getInputStream());
                in.readFully(new byte[8]); // SSLRequest
                plain.getOutputStream().write('S');
                plain.getOutputStream().flush();
                try (SSLSocket tls = (SSLSocket) serverContext.getSocketFactory().createSocket(plain, null, plain.getPort(), false)) {
                    tls.setUseClientMode(false);
                    tls.startHandshake();
                    List<SNIServerName> names = ((ExtendedSSLSession) tls.getSession()).getRequestedServerNames();
                    return String.join(",", names.stream().map(n -> ((SNIHostName) n).getAsciiName()).toList());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @org.junit.jupiter.api.Test
    void connectWhenNoPoolThenSniFollowsLibpqToo() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<String> seen = serveOnce(listener);
            ConnectionSettings s = ConnectionSettings.builder("keyword-value")
                    .set("host", "dbhost", Origin.EXPLICIT).set("hostaddr", "127.0.0.1", Origin.EXPLICIT)
                    .set("port", Integer.toString(listener.getLocalPort()), Origin.EXPLICIT).set("user", "u", Origin.EXPLICIT)
                    .build();
            PgSslConnectOptions options = PgSslVertx.connectOptions(s,
                    new SslPolicy.NoVerify(TlsOptions.defaults(), Fallback.NONE, "test"));
            PgSslVertx.connect(vertx, options).toCompletionStage().toCompletableFuture().handle((r, t) -> t)
                    .get(30, TimeUnit.SECONDS);
            assertEquals("dbhost", seen.get(30, TimeUnit.SECONDS));
        }
    }

    /** What the stock PgBuilder sends for host=dbhost: libpq's SNI only with pgssl's transport options. */
    @ParameterizedTest(name = "stock PgBuilder, pgssl transport options={0} -> SNI [{1}]")
    @CsvSource({"true, dbhost", "false, ''"})
    void stockPgBuilderWhenTransportOptionsGivenThenTheyAreHonoured(boolean withTransport, String expected) throws Exception {
        // vertx-pg-client 5.0.7 dropped PgBuilder.with(NetClientOptions) (#1630); 5.0.10 passes it to the factory.
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<String> seen = serveOnce(listener);
            ConnectionSettings s = ConnectionSettings.builder("keyword-value")
                    .set("host", "dbhost", Origin.EXPLICIT).set("hostaddr", "127.0.0.1", Origin.EXPLICIT)
                    .set("port", Integer.toString(listener.getLocalPort()), Origin.EXPLICIT).set("user", "u", Origin.EXPLICIT)
                    .build();
            PgSslConnectOptions options = PgSslVertx.connectOptions(s,
                    new SslPolicy.NoVerify(TlsOptions.defaults(), Fallback.NONE, "test"));
            io.vertx.sqlclient.ClientBuilder<Pool> builder = io.vertx.pgclient.PgBuilder.pool()
                    .with(new PoolOptions().setMaxSize(1)).connectingTo(options).using(vertx);
            if (withTransport) {
                builder.with(PgSslVertx.transportOptions(options));
            }
            Pool pool = builder.build();
            try {
                pool.query("select 1").execute().toCompletionStage().toCompletableFuture().handle((r, t) -> t)
                        .get(30, TimeUnit.SECONDS);
                assertEquals(expected, seen.get(30, TimeUnit.SECONDS));
            } finally {
                pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @ParameterizedTest(name = "host={0} hostaddr={1} sslsni={2} -> SNI [{3}]")
    @CsvSource({
            "dbhost,           127.0.0.1, true,  dbhost",
            "db.example.test,  127.0.0.1, true,  db.example.test",
            "127.0.0.1,        ,          true,  ''",
            "dbhost,           127.0.0.1, false, ''",
    })
    void poolWhenHandshakingThenSniFollowsLibpq(String host, String hostaddr, boolean sni, String expected) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<String> seen = serveOnce(listener);
            ConnectionSettings.Builder b = ConnectionSettings.builder("keyword-value")
                    .set("host", host, Origin.EXPLICIT)
                    .set("port", Integer.toString(listener.getLocalPort()), Origin.EXPLICIT)
                    .set("user", "u", Origin.EXPLICIT);
            if (hostaddr != null) {
                b.set("hostaddr", hostaddr, Origin.EXPLICIT);
            }
            SslPolicy policy = new SslPolicy.NoVerify(TlsOptions.defaults().withSni(sni), Fallback.NONE, "test");
            Pool pool = PgSslVertx.pool(vertx, PgSslVertx.connectOptions(b.build(), policy), new PoolOptions().setMaxSize(1));
            try {
                pool.query("select 1").execute().toCompletionStage().toCompletableFuture().handle((r, t) -> t)
                        .get(30, TimeUnit.SECONDS);
                assertEquals(expected, seen.get(30, TimeUnit.SECONDS));
            } finally {
                pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
