package io.github.pgssl.jdbc;

import io.github.pgssl.Endpoint;
import io.github.pgssl.PgSslException;
import io.github.pgssl.TlsVerificationException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Translation at the JDBC boundary: pgssl's exceptions and pgjdbc's connection errors become
 * {@link SQLException}s whose message reads like libpq's ({@code connection to server at "h",
 * port p failed: ...}) and carries pgssl's explanation. Messages never contain a secret: they are
 * built from pgssl's messages (which never hold one) and from the server's or JSSE's text.
 */
final class SqlErrors {
    /** SQLState: the client could not establish the connection. */
    static final String UNABLE_TO_CONNECT = "08001";
    /** SQLState: the server rejected the connection. */
    static final String REJECTED = "08004";
    /** SQLState: the connection failed (TLS). */
    static final String CONNECTION_FAILURE = "08006";

    private SqlErrors() {
    }

    /** A pgssl configuration or material error, before or instead of a connection attempt. */
    static SQLException of(PgSslException e) {
        return new SQLNonTransientConnectionException(e.getMessage(), UNABLE_TO_CONNECT, e);
    }

    /** One failed attempt, described as libpq does. */
    static SQLException attempt(Endpoint endpoint, Throwable failure) {
        String reason = reason(failure, endpoint.isUnixSocket());
        String state = failure instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : UNABLE_TO_CONNECT;
        if (findCause(failure, PgSslException.class) != null || findCause(failure, SSLException.class) != null
                || verificationFailure(failure) != null) {
            state = CONNECTION_FAILURE;
        }
        return create(JdbcConfiguration.describe(endpoint) + reason, state, failure);
    }

    /** All failures of one getConnection call, in the order tried (libpq lists every one). */
    static SQLException combine(List<SQLException> failures) {
        if (failures.size() == 1) {
            return failures.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (SQLException f : failures) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(f.getMessage());
        }
        SQLException first = failures.get(0);
        SQLException out = create(sb.toString(), first.getSQLState(), first.getCause());
        for (int i = 1; i < failures.size(); i++) {
            out.addSuppressed(failures.get(i));
        }
        return out;
    }

    /** Whether libpq would go on to the next host after this failure (TCP-level failure or 57P03). */
    static boolean advancesToNextHost(Throwable failure) {
        if (failure instanceof SQLException s && "57P03".equals(s.getSQLState())) {
            return true;
        }
        if (findCause(failure, SSLException.class) != null || findCause(failure, PgSslException.class) != null
                || verificationFailure(failure) != null) {
            return false;
        }
        return findCause(failure, ConnectException.class) != null || findCause(failure, UnknownHostException.class) != null
                || findCause(failure, NoRouteToHostException.class) != null
                || findCause(failure, SocketTimeoutException.class) != null;
    }

    static String reason(Throwable failure, boolean unixSocket) {
        Throwable verification = verificationFailure(failure);
        if (verification != null) {
            String m = verification.getMessage();
            // libpq prefixes chain failures with "SSL error: "; its host-name and ALPN messages stand alone.
            return m != null && m.startsWith("certificate verify failed") ? "SSL error: " + m : m;
        }
        PgSslException pgssl = findCause(failure, PgSslException.class);
        if (pgssl != null) {
            return pgssl.getMessage();
        }
        if (failure instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
            org.postgresql.util.ServerErrorMessage m = p.getServerErrorMessage();
            return m.getSeverity() + ":  " + m.getMessage();
        }
        String msg = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if ("The server does not support SSL.".equals(msg)) {
            return "server does not support SSL, but SSL was required";
        }
        SSLException ssl = findCause(failure, SSLException.class);
        if (ssl != null) {
            return "SSL error: " + ssl.getMessage();
        }
        ConnectException refused = findCause(failure, ConnectException.class);
        if (refused != null && unixSocket) {
            return refused.getMessage() + "\n\tIs the server running locally and accepting connections on that socket?";
        }
        if (refused != null) {
            return "Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?";
        }
        UnknownHostException unknown = findCause(failure, UnknownHostException.class);
        if (unknown != null) {
            return "could not translate host name \"" + unknown.getMessage() + "\" to address: Name or service not known";
        }
        if (findCause(failure, SocketTimeoutException.class) != null) {
            return "timeout expired";
        }
        return msg;
    }

    static SQLException create(String message, String state, Throwable cause) {
        if (state != null && state.startsWith("28")) {
            return new SQLInvalidAuthorizationSpecException(message, state, cause);
        }
        if ("57P03".equals(state)) {
            return new SQLTransientConnectionException(message, state, cause);
        }
        if (state != null && state.startsWith("08")) {
            return new SQLNonTransientConnectionException(message, state, cause);
        }
        return new SQLException(message, state, cause);
    }

    /** core's {@link TlsVerificationException} (a CertificateException) in the cause chain, or {@code null}. */
    static Throwable verificationFailure(Throwable t) {
        return TlsVerificationException.findIn(t);
    }

    static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 32; c = c.getCause(), depth++) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
