package io.github.pgssl.r2dbc;

import io.github.pgssl.Endpoint;
import io.github.pgssl.PgSslException;
import io.github.pgssl.TlsVerificationException;
import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.spi.R2dbcException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/** Turns the driver's connect errors into libpq's wording and decides what a failure means for fallback. */
final class ConnectionErrors {
    /** SQLSTATE {@code sqlclient_unable_to_establish_sqlconnection}. */
    static final String UNABLE_TO_CONNECT = "08001";

    private static final String DRIVER_AUTHENTICATION_FAILURE = "io.r2dbc.postgresql.ExceptionFactory$PostgresqlAuthenticationFailure";
    private static final String DRIVER_SSL_REFUSED = "Server support for SSL connection is disabled";
    private static final String DRIVER_CLOSED_IN_NEGOTIATION = "Connection closed during SSL negotiation";

    private ConnectionErrors() {
    }

    /** One failed attempt against one host. */
    record Failure(Endpoint target, Throwable error) {
        String line() {
            return target.describe() + " failed: " + reason(error);
        }
    }

    /**
     * Whether libpq would try the next host after this error: a TCP-level failure, an expired
     * {@code connect_timeout}, a {@code target_session_attrs} mismatch, or SQLSTATE 57P03
     * ({@code cannot_connect_now}).
     */
    static boolean movesToNextHost(Throwable error) {
        return isTcpFailure(error) || error instanceof SessionAttributes.Mismatch || error instanceof TimeoutException
                || "57P03".equals(sqlState(error));
    }

    /**
     * The error of r2dbc-postgresql's own plaintext retry, when it made one: under
     * {@code SSLMode.PREFER} the driver retries without TLS after a {@code 28000}/{@code 28P01}
     * startup error and, when that fails too, reports the first error with the retry's suppressed.
     */
    static Throwable driverPlaintextRetry(Throwable error) {
        if (DRIVER_AUTHENTICATION_FAILURE.equals(error.getClass().getName()) && error.getSuppressed().length > 0) {
            return error.getSuppressed()[0];
        }
        return null;
    }

    /**
     * Whether the TCP connection itself could not be made (refused, unreachable, unknown host,
     * timed out): libpq then moves to the next host instead of trying the fallback.
     */
    static boolean isTcpFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** libpq's text for one attempt's error, without the {@code connection to server ...} prefix. */
    static String reason(Throwable error) {
        if (error instanceof TimeoutException) {
            return "timeout expired";
        }
        PgSslException pgssl = find(error, PgSslException.class);
        if (pgssl != null) {
            return pgssl.getMessage();
        }
        CertificateException certificate = TlsVerificationException.findIn(error);
        if (certificate == null) {
            certificate = deepest(error, CertificateException.class);
        }
        if (certificate != null && certificate.getMessage() != null) {
            String m = certificate.getMessage();
            return m.startsWith("certificate verify failed") ? "SSL error: " + m : m;
        }
        SSLException ssl = deepest(error, SSLException.class);
        if (ssl != null) {
            return "SSL error: " + ssl.getMessage();
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.startsWith(DRIVER_SSL_REFUSED)) {
                return "server does not support SSL, but SSL was required";
            }
            if (m != null && m.startsWith(DRIVER_CLOSED_IN_NEGOTIATION)) {
                return "SSL SYSCALL error: EOF detected (the server closed the connection during SSL negotiation)";
            }
            if (t instanceof PostgresqlException pe && pe.getErrorDetails() != null
                    && pe.getErrorDetails().getSeverityNonLocalized() != null) {
                return pe.getErrorDetails().getSeverityNonLocalized() + ":  " + pe.getErrorDetails().getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (find(error, java.nio.channels.ClosedChannelException.class) != null) {
            return "server closed the connection unexpectedly";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /**
     * The R2DBC exception for a failed {@code create()}: every attempt's line in order, the last
     * error as cause, earlier errors suppressed. Authentication refusals (SQLSTATE class 28) stay
     * {@link io.r2dbc.spi.R2dbcPermissionDeniedException}s.
     */
    static R2dbcException toR2dbc(List<Failure> failures) {
        String message = failures.stream().map(Failure::line).collect(Collectors.joining("\n"));
        Throwable last = failures.get(failures.size() - 1).error();
        String sqlState = sqlState(last);
        R2dbcException result = sqlState.startsWith("28")
                ? new PgSslAuthenticationException(message, sqlState, last)
                : new PgSslConnectionException(message, sqlState, last);
        for (int i = 0; i < failures.size() - 1; i++) {
            result.addSuppressed(failures.get(i).error());
        }
        return result;
    }

    private static String sqlState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PostgresqlException pe && pe.getErrorDetails() != null
                    && pe.getErrorDetails().getSeverityNonLocalized() != null && pe.getErrorDetails().getCode() != null) {
                return pe.getErrorDetails().getCode();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return UNABLE_TO_CONNECT;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static <T extends Throwable> T deepest(Throwable error, Class<T> type) {
        T found = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                found = type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return found;
    }
}
