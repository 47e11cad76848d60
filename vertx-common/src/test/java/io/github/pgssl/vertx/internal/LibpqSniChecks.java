package io.github.pgssl.vertx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pgssl.ConnectionSettings;
import io.github.pgssl.ConnectionSettings.Origin;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.SslPolicy.Fallback;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.pki.TestPki;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
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
 * Run by both adapters (their {@code LibpqSniTest}).
 */
public abstract class LibpqSniChecks {
    protected static Vertx vertx;
    static SSLContext serverContext;

    /** {@return the adapter under test} */
    protected abstract VertxAdapterUnderTest adapter();

    @BeforeAll
    public static void setUp() throws Exception {
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
    public static void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Serves one connection; completes with the SNI names the client sent ("" for none). */
    protected static CompletableFuture<String> serveOnce(ServerSocket listener) {
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
    public void connectWhenNoPoolThenSniFollowsLibpqToo() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<String> seen = serveOnce(listener);
            ConnectionSettings s = ConnectionSettings.builder("keyword-value")
                    .set("host", "dbhost", Origin.EXPLICIT).set("hostaddr", "127.0.0.1", Origin.EXPLICIT)
                    .set("port", Integer.toString(listener.getLocalPort()), Origin.EXPLICIT).set("user", "u", Origin.EXPLICIT)
                    .build();
            PgConnectOptions options = adapter().connectOptions(s,
                    new SslPolicy.NoVerify(TlsOptions.defaults(), Fallback.NONE, "test"));
            adapter().connect(vertx, options).toCompletionStage().toCompletableFuture().handle((r, t) -> t)
                    .get(30, TimeUnit.SECONDS);
            assertEquals("dbhost", seen.get(30, TimeUnit.SECONDS));
        }
    }

    /** The options for host=dbhost hostaddr=127.0.0.1 and the listener's port, without verification. */
    protected PgConnectOptions dbhostOptions(ServerSocket listener) {
        ConnectionSettings s = ConnectionSettings.builder("keyword-value")
                .set("host", "dbhost", Origin.EXPLICIT).set("hostaddr", "127.0.0.1", Origin.EXPLICIT)
                .set("port", Integer.toString(listener.getLocalPort()), Origin.EXPLICIT).set("user", "u", Origin.EXPLICIT)
                .build();
        return adapter().connectOptions(s, new SslPolicy.NoVerify(TlsOptions.defaults(), Fallback.NONE, "test"));
    }

    /** One query on {@code pool} (it fails: the endpoint hangs up after the handshake); the pool is closed. */
    protected static void queryOnce(Pool pool) throws Exception {
        try {
            pool.query("select 1").execute().toCompletionStage().toCompletableFuture().handle((r, t) -> t)
                    .get(30, TimeUnit.SECONDS);
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "host={0} hostaddr={1} sslsni={2} -> SNI [{3}]")
    @CsvSource({
            "dbhost,           127.0.0.1, true,  dbhost",
            "db.example.test,  127.0.0.1, true,  db.example.test",
            "127.0.0.1,        ,          true,  ''",
            "dbhost,           127.0.0.1, false, ''",
    })
    public void poolWhenHandshakingThenSniFollowsLibpq(String host, String hostaddr, boolean sni, String expected) throws Exception {
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
            queryOnce(adapter().pool(vertx, adapter().connectOptions(b.build(), policy), new PoolOptions().setMaxSize(1)));
            assertEquals(expected, seen.get(30, TimeUnit.SECONDS));
        }
    }
}
