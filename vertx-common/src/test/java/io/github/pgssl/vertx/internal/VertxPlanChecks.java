package io.github.pgssl.vertx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.PgEnvironment;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PgSslException;
import io.github.pgssl.testkit.pki.TestCertificate;
import io.github.pgssl.testkit.pki.TestPki;
import io.github.pgssl.testkit.server.PostgresServer;
import io.github.pgssl.testkit.server.ServerPresets;
import io.github.pgssl.testkit.server.ServerTls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three Vert.x drift defects of issue 13 (run by both adapters' VertxPlanIT), each against a real server and each failing on the
 * main branch before core's plan: (1) Vert.x's own pool with {@code hostaddr} only and
 * {@code verify-full} connected where psql refuses; (2) per-host {@code .pgpass} passwords were
 * lost (one password for every host) and any {@code load_balance_hosts} value was accepted;
 * (3) Vert.x's own pool silently tried only the first host of a host list. Outcomes are read on
 * the server side ({@code current_user}, {@code pg_stat_ssl}).
 */
public abstract class VertxPlanChecks {
    /** {@return the adapter under test} */
    protected abstract VertxAdapterUnderTest adapter();

    @TempDir
    protected static Path dir;
    static TestPki pki;
    static PostgresServer server;
    static Path root;
    static Vertx vertx;

    @BeforeAll
    public static void start() {
        pki = TestPki.generateEcOnly();
        // A leaf that also names 127.0.0.1, so that only libpq's rule, not a name mismatch, can refuse hostaddr-only.
        TestCertificate leaf = TestCertificate.builder().commonName(TestPki.SERVER_NAME).dnsName(TestPki.SERVER_NAME)
                .ipAddress("127.0.0.1").signedBy(pki.intermediate()).build();
        server = PostgresServer.builder().tls(ServerTls.of(leaf)).start();
        root = pki.root().writeCertificatePem(dir.resolve("root.crt"));
        vertx = Vertx.vertx();
    }

    @AfterAll
    public static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    private static PgEnvironment env(Path home) {
        return PgEnvironment.of(Map.of("HOME", home.toString(), "USER", "nobody"), home);
    }

    static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** {@code current_user} and TLS state as the server sees them. */
    private static String serverSide(Pool pool) throws Exception {
        try {
            Row r = pool.query("SELECT current_user, (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid())").execute()
                    .toCompletionStage().toCompletableFuture().get(45, TimeUnit.SECONDS).iterator().next();
            return r.getString(0) + (r.getBoolean(1) ? "/tls" : "/plaintext");
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static Throwable failure(Future<?> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> f.toCompletionStage().toCompletableFuture().get(45, TimeUnit.SECONDS));
        return e.getCause();
    }

    private static Pool stockPool(PgConnectOptions options) {
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(options).using(vertx).build();
    }

    @Test
    public void stockPoolWhenVerifyFullWithOnlyHostaddrThenRefusedAsPsql() throws Exception {
        String url = "hostaddr=127.0.0.1 port=" + server.port() + " user=" + ServerPresets.TRUST_USER + " dbname="
                + ServerPresets.TRUST_DB + " sslmode=verify-full sslrootcert=" + root;
        PgConnectOptions options = PgSsl.configure(url, PgConnectOptions.class, env(dir.resolve("h1")));
        Pool pool = stockPool(options);
        try {
            Throwable e = failure(pool.getConnection());
            assertEquals("connection to server at \"127.0.0.1\", port " + server.port()
                    + " failed: host name must be specified for a verified SSL connection", e.getMessage());
            assertTrue(e instanceof PgSslException, e.toString());
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        // pgssl's own pool says the same, without any attempt.
        Throwable own = failure(adapter().pool(vertx, url, env(dir.resolve("h1")), new PoolOptions()).getConnection());
        assertEquals("connection to server at \"127.0.0.1\", port " + server.port()
                + " failed: host name must be specified for a verified SSL connection", own.getMessage());
    }

    @Test
    public void poolWhenEachHostHasItsOwnPgpassEntryThenEachHostsPasswordIsUsed() throws Exception {
        Path home = Files.createDirectories(dir.resolve("h2"));
        Path pgpass = home.resolve(".pgpass");
        // The first host (a dead port) has an entry with a wrong password; the live second host has the right one.
        int dead = deadPort();
        Files.writeString(pgpass, "127.0.0.1:" + dead + ":*:" + ServerPresets.SCRAM_USER + ":wrong-for-the-dead-host\n"
                + "localhost:" + server.port() + ":*:" + ServerPresets.SCRAM_USER + ":"
                + ServerPresets.SCRAM_PASSWORD.replace(":", "\\:") + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        String url = "host=127.0.0.1,localhost hostaddr=127.0.0.1,127.0.0.1 port=" + dead + "," + server.port()
                + " user=" + ServerPresets.SCRAM_USER + " dbname=" + ServerPresets.TRUST_DB + " sslmode=require";
        assertEquals(ServerPresets.SCRAM_USER + "/tls", serverSide(adapter().pool(vertx, url, env(home), new PoolOptions())));
    }

    @Test
    public void poolWhenFirstHostHasPgpassEntryAndSecondNoneThenFirstConnects() throws Exception {
        Path home = Files.createDirectories(dir.resolve("h3"));
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + server.port() + ":*:" + ServerPresets.SCRAM_USER + ":"
                + ServerPresets.SCRAM_PASSWORD.replace(":", "\\:") + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        String url = "host=127.0.0.1,localhost hostaddr=127.0.0.1,127.0.0.1 port=" + server.port()
                + " user=" + ServerPresets.SCRAM_USER + " dbname=" + ServerPresets.TRUST_DB + " sslmode=require";
        assertEquals(ServerPresets.SCRAM_USER + "/tls", serverSide(adapter().pool(vertx, url, env(home), new PoolOptions())));
    }

    @Test
    public void connectOptionsWhenLoadBalanceHostsUnknownThenRefusedAsTheOtherDrivers() {
        PgSslException e = assertThrows(PgSslException.class, () -> adapter().connectOptions(
                "host=a,b load_balance_hosts=round-robin user=u", env(dir)));
        assertEquals("invalid load_balance_hosts value: \"round-robin\"; use disable or random", e.getMessage());
    }

    @Test
    public void stockPoolWhenHostListThenRefusedClearlyNotFirstHostOnly() throws Exception {
        String url = "host=127.0.0.1,localhost port=" + deadPort() + "," + server.port() + " user="
                + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.TRUST_DB + " sslmode=disable";
        PgConnectOptions options = PgSsl.configure(url, PgConnectOptions.class, env(dir));
        Pool pool = stockPool(options);
        try {
            Throwable e = failure(pool.getConnection());
            assertEquals("host: the connection string lists 2 hosts, and Vert.x's own connector (PgBuilder,"
                    + " PgConnection.connect) tries only the first; use " + adapter().connectors()
                    + ", which try every host in libpq's order", e.getMessage());
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        // The same options on pgssl's pool: the dead first host is passed over, as psql does.
        assertEquals(ServerPresets.TRUST_USER + "/plaintext", serverSide(adapter().pool(vertx, options, new PoolOptions())));
    }

    /**
     * {@code target_session_attrs}: pgssl's pool checks each session as libpq does and passes over a
     * read-only server (and closes its connection); read-only takes it; Vert.x's own pool, which cannot
     * check, refuses clearly instead of handing out whichever server answers first.
     */
    @Test
    public void poolWhenTargetSessionAttrsThenSessionCheckedAsLibpq() throws Exception {
        try (PostgresServer readOnly = PostgresServer.builder().tls(ServerTls.of(pki.server()))
                .setting("default_transaction_read_only", "on").start()) {
            String name = TestPki.SERVER_NAME;
            String hosts = "host=" + name + "," + name + " hostaddr=127.0.0.1,127.0.0.1 port=" + readOnly.port() + "," + server.port() + " user="
                    + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.TRUST_DB + " sslmode=verify-full sslrootcert="
                    + root;
            assertEquals(server.port(), serverPort(adapter().pool(vertx, hosts + " target_session_attrs=read-write",
                    env(dir), new PoolOptions())));
            assertEquals(readOnly.port(), serverPort(adapter().pool(vertx, hosts + " target_session_attrs=read-only",
                    env(dir), new PoolOptions())));
            assertEquals(readOnly.port(), serverPort(adapter().pool(vertx, hosts + " target_session_attrs=any",
                    env(dir), new PoolOptions())));
            String onlyReadOnly = "host=" + name + " hostaddr=127.0.0.1 port=" + readOnly.port() + " user=" + ServerPresets.TRUST_USER
                    + " dbname=" + ServerPresets.TRUST_DB + " sslmode=verify-full sslrootcert=" + root
                    + " target_session_attrs=read-write";
            Throwable none = failure(adapter().pool(vertx, onlyReadOnly, env(dir), new PoolOptions()).getConnection());
            assertEquals("connection to server at \"" + name + "\" (127.0.0.1), port " + readOnly.port()
                    + " failed: session is read-only", none.getMessage());

            Pool pool = stockPool(PgSsl.configure(onlyReadOnly, PgConnectOptions.class, env(dir)));
            try {
                Throwable e = failure(pool.getConnection());
                assertEquals("target_session_attrs=read-write: Vert.x's own connector (PgBuilder, PgConnection.connect)"
                        + " cannot check the session before handing the connection out; use " + adapter().connectors()
                        + ", which check it as libpq does", e.getMessage());
            } finally {
                pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The port the server reports for the pool's connection. */
    private static int serverPort(Pool pool) throws Exception {
        try {
            return pool.query("SELECT inet_server_port()").execute().toCompletionStage().toCompletableFuture()
                    .get(45, TimeUnit.SECONDS).iterator().next().getInteger(0);
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * libpq closes a socket whose attempt {@code connect_timeout} ended; Vert.x gives no handle on the
     * socket until the connection is up, so before pgssl recorded its attempts' sockets a server that
     * accepts and never answers kept every such socket open until the pool closed (issue 16).
     */
    @Test
    void poolWhenConnectTimeoutEndsAStalledAttemptThenItsSocketIsClosed() throws Exception {
        try (ServerSocket stalled = new ServerSocket(0, 8, java.net.InetAddress.getByName("127.0.0.1"))) {
            stalled.setSoTimeout(30_000);
            String url = "host=127.0.0.1,localhost port=" + stalled.getLocalPort() + "," + server.port() + " user="
                    + ServerPresets.TRUST_USER + " dbname=" + ServerPresets.TRUST_DB + " sslmode=require connect_timeout=2";
            Pool pool = adapter().pool(vertx, url, env(dir), new PoolOptions().setMaxSize(1));
            try {
                Future<?> query = pool.query("SELECT 1").execute();
                try (java.net.Socket accepted = stalled.accept()) {
                    long start = System.nanoTime();
                    accepted.setSoTimeout(15_000);
                    java.io.InputStream in = accepted.getInputStream();
                    int read = 0;
                    while (in.read() != -1) {
                        read++; // the SSLRequest: 8 bytes, then nothing until the client closes
                    }
                    long closedAfterMs = (System.nanoTime() - start) / 1_000_000;
                    assertEquals(8, read, "the client's SSLRequest");
                    assertTrue(closedAfterMs < 12_000, "closed " + closedAfterMs + " ms after accept");
                }
                // the pool went on to the second host, as libpq does
                query.toCompletionStage().toCompletableFuture().get(45, TimeUnit.SECONDS);
            } finally {
                pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
