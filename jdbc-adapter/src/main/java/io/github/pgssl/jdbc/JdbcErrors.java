package io.github.pgssl.jdbc;

import io.github.pgssl.AttemptFailure;
import io.github.pgssl.ConnectionFailedException;
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
final class JdbcErrors {
    /** SQLState: the client could not establish the connection. */
    static final String UNABLE_TO_CONNECT = "08001";
    /** SQLState: the server rejected the connection. */
    static final String REJECTED = "08004";
    /** SQLState: the connection failed (TLS). */
    static final String CONNECTION_FAILURE = "08006";

    private JdbcErrors() {
    }

    /** A pgssl configuration or material error, before or instead of a connection attempt. */
    static SQLException of(PgSslException e) {
        return new SQLNonTransientConnectionException(e.getMessage(), UNABLE_TO_CONNECT, e);
    }

    /** The per-driver hook of core's classifier: what a pgjdbc failure is, in libpq's terms and words. */
    static AttemptFailure classify(Throwable failure, boolean unixSocket) {
        String reason = reason(failure, unixSocket);
        String state = failure instanceof SQLException s && s.getSQLState() != null ? s.getSQLState() : UNABLE_TO_CONNECT;
        boolean tls = findCause(failure, PgSslException.class) != null || findCause(failure, SSLException.class) != null
                || verificationFailure(failure) != null || "The server does not support SSL.".equals(failure.getMessage());
        if (tls) {
            state = CONNECTION_FAILURE;
        }
        AttemptFailure.Kind kind;
        if ("57P03".equals(state)) {
            kind = AttemptFailure.Kind.CANNOT_CONNECT_NOW;
        } else if (tls) {
            kind = AttemptFailure.Kind.TLS;
        } else if (advancesToNextHost(failure)) {
            kind = AttemptFailure.Kind.TRANSPORT;
        } else if (failure instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
            kind = AttemptFailure.Kind.SERVER;
        } else {
            kind = AttemptFailure.Kind.OTHER;
        }
        return AttemptFailure.of(kind, reason, state, failure);
    }

    /** The failure of pgjdbc's own plaintext retry, when its "prefer" made one (it adds it as suppressed). */
    static Throwable pgjdbcPlaintextRetry(Throwable ex) {
        if (ex instanceof SQLException s && "28000".equals(s.getSQLState()) && s.getSuppressed().length > 0) {
            return s.getSuppressed()[0];
        }
        return null;
    }

    /**
     * Core's {@link ConnectionFailedException} as the {@link SQLException} of the JDBC boundary: libpq's
     * lines as the message, the first failure's SQLSTATE and cause, one suppressed SQLException per
     * further failure.
     */
    static SQLException translate(ConnectionFailedException e) {
        List<AttemptFailure> failures = e.failures();
        AttemptFailure first = failures.get(0);
        SQLException out = create(e.getMessage(), state(first), first.cause().orElse(null));
        for (AttemptFailure f : failures.subList(1, failures.size())) {
            out.addSuppressed(create(f.line(), state(f), f.cause().orElse(null)));
        }
        return out;
    }

    private static String state(AttemptFailure f) {
        return f.sqlState().orElse(f.kind() == AttemptFailure.Kind.TLS ? CONNECTION_FAILURE : UNABLE_TO_CONNECT);
    }

    /** Whether libpq would go on to the next host after this failure (TCP-level failure or 57P03). */
    private static boolean advancesToNextHost(Throwable failure) {
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
            return "SSL error: " + io.github.pgssl.spi.TlsAlerts.inLibpqWords(ssl.getMessage());
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
