package io.github.pgssl.r2dbc;

import io.github.pgssl.AttemptFailure;
import io.github.pgssl.ConnectionFailedException;
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
import javax.net.ssl.SSLException;

/** The per-driver hook of core's failure classifier for r2dbc-postgresql, and the translation of core's final error into an R2DBC exception. */
final class R2dbcErrors {
    /** SQLSTATE {@code sqlclient_unable_to_establish_sqlconnection}. */
    static final String UNABLE_TO_CONNECT = "08001";

    private static final String DRIVER_AUTHENTICATION_FAILURE = "io.r2dbc.postgresql.ExceptionFactory$PostgresqlAuthenticationFailure";
    private static final String DRIVER_SSL_REFUSED = "Server support for SSL connection is disabled";
    private static final String DRIVER_CLOSED_IN_NEGOTIATION = "Connection closed during SSL negotiation";

    private R2dbcErrors() {
    }

    /** What an r2dbc-postgresql failure is, in libpq's terms and words. */
    static AttemptFailure classify(Throwable error) {
        String state = sqlState(error);
        AttemptFailure.Kind kind;
        if ("57P03".equals(state)) {
            kind = AttemptFailure.Kind.CANNOT_CONNECT_NOW;
        } else if (isTcpFailure(error) || error instanceof TimeoutException) {
            kind = AttemptFailure.Kind.TRANSPORT;
        } else if (find(error, PgSslException.class) != null || find(error, SSLException.class) != null
                || find(error, CertificateException.class) != null || reason(error).startsWith("server does not support SSL")
                || reason(error).startsWith("SSL")) {
            kind = AttemptFailure.Kind.TLS;
        } else if (!UNABLE_TO_CONNECT.equals(state)) {
            kind = AttemptFailure.Kind.SERVER;
        } else {
            kind = AttemptFailure.Kind.OTHER;
        }
        return AttemptFailure.of(kind, reason(error), UNABLE_TO_CONNECT.equals(state) ? null : state, error);
    }

    /** Whether libpq would try the next host after this error (for tests of the hook; core decides). */
    static boolean movesToNextHost(Throwable error) {
        return AttemptFailure.next(classify(error).kind(), false) == AttemptFailure.Step.NEXT_HOST;
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
            return "SSL error: " + io.github.pgssl.spi.TlsAlerts.inLibpqWords(ssl.getMessage());
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
     * The R2DBC exception for a failed {@code create()}: core's message (every attempt's line in
     * order), the last error as cause, earlier errors suppressed. Authentication refusals (SQLSTATE
     * class 28) stay {@link io.r2dbc.spi.R2dbcPermissionDeniedException}s.
     */
    static R2dbcException toR2dbc(ConnectionFailedException failed) {
        List<AttemptFailure> failures = failed.failures();
        AttemptFailure lastFailure = failures.get(failures.size() - 1);
        Throwable last = lastFailure.cause().orElse(null);
        String sqlState = lastFailure.sqlState().orElse(UNABLE_TO_CONNECT);
        R2dbcException result = sqlState.startsWith("28")
                ? new PgSslAuthenticationException(failed.getMessage(), sqlState, last)
                : new PgSslConnectionException(failed.getMessage(), sqlState, last);
        for (AttemptFailure f : failures.subList(0, failures.size() - 1)) {
            f.cause().ifPresent(result::addSuppressed);
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
