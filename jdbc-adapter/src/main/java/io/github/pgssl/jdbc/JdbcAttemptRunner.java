package io.github.pgssl.jdbc;

import io.github.pgssl.AttemptFailure;
import io.github.pgssl.ConnectionFailedException;
import io.github.pgssl.ConnectionPlan;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PgSslException;
import io.github.pgssl.Secret;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterial;
import io.github.pgssl.TlsOptions;
import io.github.pgssl.spi.AttemptRunner;
import io.github.pgssl.spi.PlanExecution;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLSocket;

/**
 * One planned attempt over pgjdbc. Core's {@link PlanExecution} decides the servers, the attempts
 * and what follows a failure; this class only turns one attempt into pgjdbc's URL and Properties
 * (one host, {@code sslmode=require} or {@code disable}, pgssl's socket factory) and runs it.
 *
 * <p>One exception to "pgjdbc makes no fallback decision": the TLS attempt of {@code prefer} is
 * given pgjdbc's {@code prefer}, which continues in plaintext on the same connection after an
 * {@code N} answer (as libpq does) and retries in plaintext itself after SQLSTATE 28000 (as libpq
 * would); that retry is reported to core as the fallback already made
 * ({@link AttemptFailure#withFallback}).
 */
final class JdbcAttemptRunner implements AttemptRunner<Connection> {
    private static final org.postgresql.Driver PGJDBC = new org.postgresql.Driver();

    private final JdbcConfiguration cfg;
    private final int loginTimeoutSeconds;

    private JdbcAttemptRunner(JdbcConfiguration cfg, int loginTimeoutSeconds) {
        this.cfg = cfg;
        this.loginTimeoutSeconds = loginTimeoutSeconds;
    }

    /**
     * Connects as libpq would: the configuration's plan, or the plan with another user and password
     * ({@code user != null}, a DataSource's {@code getConnection(user, password)}).
     */
    static Connection connect(JdbcConfiguration cfg, String user, Secret password, int loginTimeoutSeconds)
            throws SQLException {
        ConnectionPlan plan = user == null ? cfg.plan() : cfg.plan().withCredentials(user, password);
        try {
            return PlanExecution.run(plan, new JdbcAttemptRunner(cfg, loginTimeoutSeconds)).toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof ConnectionFailedException f) {
                throw JdbcErrors.translate(f);
            }
            if (c instanceof PgSslException p) {
                throw JdbcErrors.of(p);
            }
            throw e;
        }
    }

    @Override
    public CompletionStage<Connection> attempt(ConnectionPlan plan, ConnectionPlan.Host host, ConnectionPlan.Attempt attempt) {
        try {
            return CompletableFuture.completedFuture(connect(plan, host, attempt));
        } catch (SQLException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Connection connect(ConnectionPlan plan, ConnectionPlan.Host host, ConnectionPlan.Attempt attempt)
            throws SQLException {
        try {
            JdbcConfiguration.requireSupportedSocket(host.endpoint());
        } catch (PgSslException e) {
            throw new NotAttempted(e);
        }
        SslPolicy policy = host.policy();
        boolean pgjdbcPrefer = pgjdbcPrefer(host, attempt);
        // The material is cached per policy by core; a build failure (e.g. a key file with group access)
        // fails this attempt only, as libpq's fails its TLS attempt and may fall back.
        TlsMaterial material = attempt.tls() ? PgSsl.material(policy) : null;
        Properties props = cfg.attemptProperties(host.endpoint(), material, plan.user(), host.password().orElse(null));
        if (pgjdbcPrefer) {
            props.setProperty("sslmode", "prefer");
        }
        if (loginTimeoutSeconds > 0) {
            props.setProperty("loginTimeout", Integer.toString(loginTimeoutSeconds));
        }
        // libpq's sslcertmode=require holds for every attempt of the policy, plaintext ones included.
        TlsOptions tls = cfg.policy().tls().orElse(null);
        boolean checkClientCertificate = tls != null && tls.clientCertificateRequired();
        SSLSocket[] capture = checkClientCertificate && material != null ? new SSLSocket[1] : null;
        if (capture != null) {
            PgSslSocketFactory.CAPTURE.set(capture);
        }
        Connection c;
        try {
            c = PGJDBC.connect(cfg.attemptUrl(host.endpoint(), plan.database()), props);
        } finally {
            if (capture != null) {
                PgSslSocketFactory.CAPTURE.remove();
            }
        }
        if (c == null) {
            throw new SQLException("pgjdbc did not accept the URL pgssl built for " + JdbcConfiguration.urlHost(host.endpoint())
                    + "; report this as a pgssl bug", JdbcErrors.UNABLE_TO_CONNECT);
        }
        if (checkClientCertificate) {
            // libpq's sslcertmode=require: checked once the server has accepted the connection; a
            // plaintext attempt (or pgjdbc's in-place plaintext after an 'N' answer) has no session.
            try {
                // A captured socket that is already closed belonged to a TLS attempt pgjdbc abandoned
                // (its own plaintext retry after 28000): the live connection is then plaintext.
                PgSsl.checkClientCertificateSent(cfg.policy(),
                        capture != null && capture[0] != null && !capture[0].isClosed() ? capture[0].getSession() : null);
            } catch (PgSslException ex) {
                c.close();
                throw ex;
            }
        }
        return c;
    }

    private static boolean pgjdbcPrefer(ConnectionPlan.Host host, ConnectionPlan.Attempt attempt) {
        // prefer: pgjdbc's own "prefer" continues in plaintext on the same connection after an 'N' reply,
        // as libpq does, instead of a second TCP connection.
        return attempt.tls() && host.policy().fallback() == SslPolicy.Fallback.PLAINTEXT_AFTER_TLS_FAILURE;
    }

    @Override
    public AttemptFailure classify(Throwable failure, ConnectionPlan.Host host, ConnectionPlan.Attempt attempt) {
        if (failure instanceof NotAttempted n) {
            PgSslException p = (PgSslException) n.getCause();
            return AttemptFailure.of(AttemptFailure.Kind.CONFIGURATION, p.getMessage(), JdbcErrors.UNABLE_TO_CONNECT, p);
        }
        AttemptFailure f = JdbcErrors.classify(failure, host.endpoint().isUnixSocket());
        Throwable retry = pgjdbcPrefer(host, attempt) ? JdbcErrors.pgjdbcPlaintextRetry(failure) : null;
        return retry == null ? f : f.withFallback(JdbcErrors.classify(retry, host.endpoint().isUnixSocket()));
    }

    @Override
    public CompletionStage<SessionState> sessionState(Connection conn) {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery(SessionState.QUERY)) {
            rs.next();
            return CompletableFuture.completedFuture(SessionState.of(rs.getBoolean(1), rs.getString(2)));
        } catch (SQLException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // a connection the plan does not keep: nothing to report
        }
    }

    /** A planned attempt pgjdbc cannot make at all (an abstract Unix socket): it ends the connection. */
    private static final class NotAttempted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotAttempted(PgSslException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
