package io.github.pgssl.jdbc;

import io.github.pgssl.Endpoint;
import io.github.pgssl.PgSsl;
import io.github.pgssl.PgSslException;
import io.github.pgssl.Secret;
import io.github.pgssl.SslPolicy;
import io.github.pgssl.TlsMaterial;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * libpq's connection algorithm over pgjdbc (fe-connect.c {@code PQconnectPoll}, spec §1.3):
 *
 * <ul>
 *   <li>hosts in order ({@code load_balance_hosts=random} shuffles them);</li>
 *   <li>per host, the encryption methods in the policy's order: TLS, or TLS then plaintext
 *   ({@code prefer}), or plaintext then TLS ({@code allow}); the next method is tried, on a new
 *   connection, after <em>any</em> failure of the previous one (refused SSLRequest, failed
 *   handshake including certificate checks, client-key errors, startup ErrorResponse);</li>
 *   <li>the next host is tried only after a TCP-level failure, SQLState 57P03 or a
 *   {@code target_session_attrs} mismatch; TLS and authentication failures are final;</li>
 *   <li>every failure is reported, in the order tried.</li>
 * </ul>
 *
 * pgjdbc is given one host per attempt and {@code sslmode} {@code require} or {@code disable}, so
 * it makes no fallback decision of its own; the one exception is the TLS attempt of {@code prefer},
 * where pgjdbc's {@code prefer} continues in plaintext on the same connection after an {@code N}
 * reply (as libpq does) and retries in plaintext itself after SQLState 28000 (as libpq would).
 */
final class Connector {
    private static final org.postgresql.Driver PGJDBC = new org.postgresql.Driver();

    private Connector() {
    }

    static Connection connect(JdbcConfiguration cfg, String user, Secret password, int loginTimeoutSeconds)
            throws SQLException {
        String userName = user != null ? user : cfg.user();
        List<Endpoint> order = new ArrayList<>(cfg.endpoints());
        if (cfg.loadBalance()) {
            Collections.shuffle(order, ThreadLocalRandom.current());
        }
        List<SQLException> failures = new ArrayList<>();
        TargetSessionAttrs target = cfg.targetSessionAttrs();
        boolean explicitUser = user != null;
        Connection c = pass(cfg, order, target, userName, explicitUser, password, loginTimeoutSeconds, failures);
        if (c == null && target == TargetSessionAttrs.PREFER_STANDBY) {
            // libpq: no standby found, so take any server, in the same order.
            c = pass(cfg, order, TargetSessionAttrs.ANY, userName, explicitUser, password, loginTimeoutSeconds, failures);
        }
        if (c != null) {
            return c;
        }
        throw SqlErrors.combine(failures);
    }

    /** One pass over the host list; {@code null} when every host was skipped (failures recorded). */
    private static Connection pass(JdbcConfiguration cfg, List<Endpoint> order, TargetSessionAttrs target,
                                   String user, boolean explicitUser, Secret explicitPassword, int loginTimeoutSeconds,
                                   List<SQLException> failures) throws SQLException {
        SslPolicy policy = cfg.policy();
        for (Endpoint e : order) {
            try {
                JdbcConfiguration.requireSupportedSocket(e);
            } catch (PgSslException ex) {
                failures.add(SqlErrors.of(ex));
                throw SqlErrors.combine(failures);
            }
            Secret pass = explicitUser ? explicitPassword : cfg.password(e).orElse(null);
            boolean nextHost = false;
            // libpq never attempts TLS over a Unix-domain socket, whatever sslmode says.
            SslPolicy hostPolicy = e.isUnixSocket() ? SslPolicy.disabled() : policy;
            boolean[] methods = methods(hostPolicy);
            for (int m = 0; m < methods.length; m++) {
                boolean tls = methods[m];
                // prefer: pgjdbc's own "prefer" continues in plaintext on the same connection after an 'N' reply,
                // as libpq does, instead of a second TCP connection; pgssl still retries after every other failure.
                boolean pgjdbcPrefer = tls && hostPolicy.fallback() == SslPolicy.Fallback.PLAINTEXT_AFTER_TLS_FAILURE;
                Connection conn;
                try {
                    conn = attempt(cfg, e, tls, pgjdbcPrefer, user, pass, loginTimeoutSeconds);
                } catch (SQLException | PgSslException ex) {
                    failures.add(SqlErrors.attempt(e, ex));
                    Throwable plaintextRetry = pgjdbcPrefer ? pgjdbcPlaintextRetry(ex) : null;
                    if (plaintextRetry != null) {
                        // pgjdbc already made the plaintext attempt (after SQLState 28000) and it failed too.
                        failures.add(SqlErrors.attempt(e, plaintextRetry));
                        nextHost = SqlErrors.advancesToNextHost(plaintextRetry);
                        break;
                    }
                    if (SqlErrors.advancesToNextHost(ex)) {
                        nextHost = true;
                        break;
                    }
                    continue;
                }
                String mismatch = mismatch(conn, target);
                if (mismatch == null) {
                    return conn;
                }
                failures.add(SqlErrors.create(JdbcConfiguration.describe(e) + mismatch, SqlErrors.UNABLE_TO_CONNECT, null));
                nextHost = true;
                break;
            }
            if (!nextHost) {
                throw SqlErrors.combine(failures);
            }
        }
        return null;
    }

    /** The encryption methods to try, in order: {@code true} = TLS. */
    static boolean[] methods(SslPolicy policy) {
        if (policy instanceof SslPolicy.Disabled) {
            return new boolean[] {false};
        }
        return switch (policy.fallback()) {
            case NONE -> new boolean[] {true};
            case PLAINTEXT_AFTER_TLS_FAILURE -> new boolean[] {true, false};
            case PLAINTEXT_FIRST -> new boolean[] {false, true};
        };
    }

    /** The failure of pgjdbc's own plaintext retry, when its "prefer" made one (it adds it as suppressed). */
    private static Throwable pgjdbcPlaintextRetry(Throwable ex) {
        if (ex instanceof SQLException s && "28000".equals(s.getSQLState()) && s.getSuppressed().length > 0) {
            return s.getSuppressed()[0];
        }
        return null;
    }

    private static Connection attempt(JdbcConfiguration cfg, Endpoint e, boolean tls, boolean pgjdbcPrefer,
                                      String user, Secret pass, int loginTimeoutSeconds) throws SQLException {
        // The material is cached per policy by core; a build failure (e.g. a key file with group access)
        // fails this attempt only, as libpq's fails its TLS attempt and may fall back.
        TlsMaterial material = tls ? PgSsl.material(cfg.policy()) : null;
        java.util.Properties props = cfg.attemptProperties(e, material, user, pass);
        if (pgjdbcPrefer) {
            props.setProperty("sslmode", "prefer");
        }
        if (loginTimeoutSeconds > 0) {
            props.setProperty("loginTimeout", Integer.toString(loginTimeoutSeconds));
        }
        // libpq's sslcertmode=require holds for every attempt of the policy, plaintext ones included.
        boolean checkClientCertificate = cfg.policy().tls()
                .map(io.github.pgssl.TlsOptions::clientCertificateRequired).orElse(false);
        javax.net.ssl.SSLSocket[] capture = checkClientCertificate && material != null ? new javax.net.ssl.SSLSocket[1] : null;
        if (capture != null) {
            PgSslSocketFactory.CAPTURE.set(capture);
        }
        Connection c;
        try {
            c = PGJDBC.connect(cfg.attemptUrl(e), props);
        } finally {
            if (capture != null) {
                PgSslSocketFactory.CAPTURE.remove();
            }
        }
        if (c == null) {
            throw new SQLException("pgjdbc did not accept the URL pgssl built for " + JdbcConfiguration.urlHost(e)
                    + "; report this as a pgssl bug", SqlErrors.UNABLE_TO_CONNECT);
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

    /** libpq's {@code target_session_attrs} check; {@code null} when the server is acceptable. */
    private static String mismatch(Connection conn, TargetSessionAttrs target) throws SQLException {
        if (target == TargetSessionAttrs.ANY) {
            return null;
        }
        boolean inRecovery;
        boolean readOnly;
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT pg_catalog.pg_is_in_recovery(), pg_catalog.current_setting('transaction_read_only')")) {
            rs.next();
            inRecovery = rs.getBoolean(1);
            readOnly = "on".equals(rs.getString(2));
        } catch (SQLException ex) {
            conn.close();
            throw ex;
        }
        if (target.accepts(inRecovery, readOnly)) {
            return null;
        }
        conn.close();
        return target.mismatch;
    }
}
