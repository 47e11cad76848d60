package io.github.pgssl.vertx;

import io.github.pgssl.vertx.internal.VertxAttemptRunner;
import io.github.pgssl.vertx.internal.VertxErrors;
import io.github.pgssl.vertx.internal.VertxPlan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pgssl.SslPolicy;
import io.github.pgssl.SslPolicy.Fallback;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.TlsVerificationException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.SslMode;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Core's plan carried out over scripted Vert.x attempts (no server): the runner's hook and error translation. */
class VertxAttemptRunnerTest {
    /** The plans here have target_session_attrs=any: a session check would be a defect. */
    private static final java.util.function.Function<String, Future<io.github.pgssl.spi.AttemptRunner.SessionState>>
            NO_SESSION_CHECK = c -> Future.failedFuture(new AssertionError("no session check expected"));

    private static final SslPolicy PREFER = new SslPolicy.NoVerify(TlsOptions.defaults(), Fallback.PLAINTEXT_AFTER_TLS_FAILURE, "libpq");
    private static final SslPolicy ALLOW = new SslPolicy.NoVerify(TlsOptions.defaults(), Fallback.PLAINTEXT_FIRST, "libpq");
    private static final SslPolicy REQUIRE = new SslPolicy.NoVerify(TlsOptions.defaults(), Fallback.NONE, "libpq");

    /** Replays one scripted result per attempt and records "host/mode". */
    static final class Script implements Function<PgConnectOptions, Future<String>> {
        final List<String> calls = new ArrayList<>();
        final List<Object> results;

        Script(Object... results) {
            this.results = new ArrayList<>(List.of(results));
        }

        @Override
        public Future<String> apply(PgConnectOptions o) {
            calls.add(o.getHost() + ":" + o.getPort() + "/" + (o.getSslMode() == SslMode.DISABLE ? "plain" : "tls"));
            Object r = results.remove(0);
            if (r instanceof Future<?> pending) {
                @SuppressWarnings("unchecked")
                Future<String> f = (Future<String>) pending;
                return f;
            }
            return r instanceof Throwable t ? Future.failedFuture(t) : Future.succeededFuture((String) r);
        }
    }

    static VertxPlan<PgSslConnectOptions> plan(SslPolicy policy, String hosts) {
        return OptionsBuilder.build(OptionsBuilderTest.settings("host", hosts, "port", "5432"), policy).plan().orElseThrow();
    }

    static SSLHandshakeException certFailure() {
        SSLHandshakeException e = new SSLHandshakeException("PKIX failure");
        e.initCause(new TlsVerificationException(TlsVerificationException.Reason.UNTRUSTED,
                "certificate verify failed: unable to get local issuer certificate"));
        return e;
    }

    static PgException hbaReject(String encryption) {
        return new PgException("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"u\", database \"d\", " + encryption,
                "FATAL", "28000", null);
    }

    @Test
    void connectWhenPreferAndCertificateRejectedThenPlaintextOnNewConnection() {
        Script s = new Script(certFailure(), "plain-ok");
        Future<String> f = VertxAttemptRunner.connect(plan(PREFER, "a"), s, c -> { }, NO_SESSION_CHECK, null);
        assertEquals("plain-ok", f.result());
        assertEquals(List.of("a:5432/tls", "a:5432/plain"), s.calls);
    }

    @Test
    void connectWhenAllowAndPlaintextRejectedThenTls() {
        Script s = new Script(hbaReject("no encryption"), "tls-ok");
        assertEquals("tls-ok", VertxAttemptRunner.connect(plan(ALLOW, "a"), s, c -> { }, NO_SESSION_CHECK, null).result());
        assertEquals(List.of("a:5432/plain", "a:5432/tls"), s.calls);
    }

    @Test
    void connectWhenPreferAndBothAttemptsFailThenBothMessagesInOrder() {
        Script s = new Script(new PgException("connection requires a valid client certificate", "FATAL", "28000", null),
                hbaReject("no encryption"));
        Throwable e = VertxAttemptRunner.connect(plan(PREFER, "a"), s, c -> { }, NO_SESSION_CHECK, null).cause();
        PgSslConnectException p = assertInstanceOf(PgSslConnectException.class, e);
        assertEquals("connection to server at \"a\", port 5432 failed: FATAL:  connection requires a valid client certificate\n"
                + "connection to server at \"a\", port 5432 failed: FATAL:  pg_hba.conf rejects connection for host \"127.0.0.1\","
                + " user \"u\", database \"d\", no encryption", p.getMessage());
        assertEquals(1, p.getSuppressed().length);
    }

    @Test
    void connectWhenRequireAndCertificateRejectedThenLibpqMessageAndNoOtherHost() {
        Script s = new Script(certFailure());
        Throwable e = VertxAttemptRunner.connect(plan(REQUIRE, "a,b"), s, c -> { }, NO_SESSION_CHECK, null).cause();
        assertEquals("connection to server at \"a\", port 5432 failed: SSL error: certificate verify failed:"
                + " unable to get local issuer certificate", e.getMessage());
        assertInstanceOf(SSLHandshakeException.class, e.getCause());
        assertEquals(List.of("a:5432/tls"), s.calls);
    }

    @Test
    void connectWhenFirstHostRefusesTcpThenNextHost() {
        Script s = new Script(new ConnectException("Connection refused"), "b-ok");
        assertEquals("b-ok", VertxAttemptRunner.connect(plan(PREFER, "a,b"), s, c -> { }, NO_SESSION_CHECK, null).result());
        assertEquals(List.of("a:5432/tls", "b:5432/tls"), s.calls);
    }

    @Test
    void connectWhenServerCannotAcceptNowThenNextHost() {
        Script s = new Script(new PgException("the database system is starting up", "FATAL", "57P03", null), "b-ok");
        assertEquals("b-ok", VertxAttemptRunner.connect(plan(REQUIRE, "a,b"), s, c -> { }, NO_SESSION_CHECK, null).result());
    }

    @Test
    void connectWhenAuthenticationFailsOnFirstHostThenFinalAndErrorUnwrapped() {
        PgException auth = new PgException("password authentication failed for user \"u\"", "FATAL", "28P01", null);
        Script s = new Script(auth);
        Throwable e = VertxAttemptRunner.connect(plan(REQUIRE, "a,b"), s, c -> { }, NO_SESSION_CHECK, null).cause();
        assertSame(auth, e);
        assertEquals(List.of("a:5432/tls"), s.calls);
    }

    @Test
    void connectWhenEveryHostUnreachableThenOneLinePerHost() {
        Script s = new Script(new ConnectException("Connection refused"), new ConnectException("Connection refused"));
        Throwable e = VertxAttemptRunner.connect(plan(REQUIRE, "a,b"), s, c -> { }, NO_SESSION_CHECK, null).cause();
        assertEquals("connection to server at \"a\", port 5432 failed: Connection refused\n"
                + "connection to server at \"b\", port 5432 failed: Connection refused", e.getMessage());
    }

    @Test
    void connectWhenServerRefusesSslRequestUnderRequireThenLibpqWording() {
        Script s = new Script(new Exception(VertxErrors.VERTX_SSL_REFUSED));
        Throwable e = VertxAttemptRunner.connect(plan(REQUIRE, "a"), s, c -> { }, NO_SESSION_CHECK, null).cause();
        assertEquals("connection to server at \"a\", port 5432 failed: server does not support SSL, but SSL was required",
                e.getMessage());
        assertEquals("sslmode", ((PgSslConnectException) e).setting().orElseThrow());
    }

    @Test
    void connectWhenVerifyFullWithOnlyHostaddrThenNoAttemptAndLibpqMessage() {
        SslPolicy full = new SslPolicy.VerifyFull(TlsOptions.defaults().withTrust(io.github.pgssl.TrustSource.system()), Fallback.NONE, "libpq");
        VertxPlan<PgSslConnectOptions> p = OptionsBuilder.build(OptionsBuilderTest.settings("hostaddr", "127.0.0.1"), full).plan().orElseThrow();
        Script s = new Script();
        Throwable e = VertxAttemptRunner.connect(p, s, c -> { }, NO_SESSION_CHECK, null).cause();
        assertEquals("connection to server at \"127.0.0.1\", port 5432 failed: host name must be specified for a verified SSL connection",
                e.getMessage());
        assertTrue(s.calls.isEmpty());
    }

    @Test
    void connectWhenFirstHostStallsPastConnectTimeoutThenNextHostAndLateConnectionClosed() throws Exception {
        io.vertx.core.Promise<String> stalled = io.vertx.core.Promise.promise();
        Script s = new Script(stalled.future(), "b-ok");
        List<String> discarded = new java.util.concurrent.CopyOnWriteArrayList<>();
        VertxPlan<PgSslConnectOptions> p = OptionsBuilder.build(OptionsBuilderTest.settings("host", "a,b", "port", "5432", "connect_timeout", "2"),
                REQUIRE).plan().orElseThrow();
        long t0 = System.nanoTime();
        String result = VertxAttemptRunner.connect(p, s, discarded::add, NO_SESSION_CHECK, null)
                .toCompletionStage().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
        long ms = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals("b-ok", result);
        assertTrue(ms >= 1900 && ms < 6000, "took " + ms + " ms");
        stalled.complete("late-a");
        assertEquals(List.of("late-a"), discarded);
    }

    @Test
    void connectWhenOnlyHostStallsThenTimeoutExpiredInLibpqWords() throws Exception {
        Script s = new Script(io.vertx.core.Promise.<String>promise().future());
        VertxPlan<PgSslConnectOptions> p = OptionsBuilder.build(OptionsBuilderTest.settings("host", "a", "port", "5432", "connect_timeout", "2"),
                REQUIRE).plan().orElseThrow();
        Future<String> f = VertxAttemptRunner.connect(p, s, c -> { }, NO_SESSION_CHECK, null);
        Throwable e = assertThrowsCause(f);
        assertEquals("connection to server at \"a\", port 5432 failed: timeout expired", e.getMessage());
    }

    private static Throwable assertThrowsCause(Future<String> f) throws Exception {
        try {
            f.toCompletionStage().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the connection succeeded");
    }
}
