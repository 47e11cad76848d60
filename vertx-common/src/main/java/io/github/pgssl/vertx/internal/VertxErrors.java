package io.github.pgssl.vertx.internal;

import io.github.pgssl.AttemptFailure;
import io.github.pgssl.ConnectionFailedException;
import io.github.pgssl.PgSslException;
import io.vertx.pgclient.PgException;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** The per-driver hook of core's failure classifier for Vert.x, and the translation of core's final error into a failed {@code Future}'s cause. */
public final class VertxErrors {
    /** What vertx-pg-client 4.5 and 5.0 say when the server answers {@code N} to the SSLRequest. */
    public static final String VERTX_SSL_REFUSED = "Postgres Server does not handle SSL connection";
    /** What vertx-pg-client 4.5 and 5.0 say when the channel closes during the TLS upgrade, whatever the reason. */
    public static final String VERTX_HANDSHAKE_FAILED = "SSL handshake failed";

    private VertxErrors() {
    }

    /** What a Vert.x failure is, in libpq's terms and words. */
    public static AttemptFailure classify(Throwable t) {
        AttemptFailure.Kind kind;
        String state = t instanceof PgException p ? p.getSqlState() : null;
        if (isCannotConnectNow(t)) {
            kind = AttemptFailure.Kind.CANNOT_CONNECT_NOW;
        } else if (isTransportFailure(t)) {
            kind = AttemptFailure.Kind.TRANSPORT;
        } else if (isTlsFailure(t)) {
            kind = AttemptFailure.Kind.TLS;
        } else if (find(t, PgException.class) != null) {
            kind = AttemptFailure.Kind.SERVER;
        } else {
            kind = AttemptFailure.Kind.OTHER;
        }
        return AttemptFailure.of(kind, describe(t), state, t);
    }

    /** A TCP-level failure (refused, unreachable, unknown host, timeout): libpq moves to the next host. */
    static boolean isTransportFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof TimeoutException
                    || c instanceof NoRouteToHostException || c instanceof PortUnreachableException
                    || c instanceof FileNotFoundException) {
                return true;
            }
            if (c instanceof SSLException || c instanceof PgException) {
                return false;
            }
        }
        return false;
    }

    /** SQLSTATE 57P03 (cannot connect now): libpq moves to the next host. */
    static boolean isCannotConnectNow(Throwable t) {
        return t instanceof PgException p && "57P03".equals(p.getSqlState());
    }

    /** Whether the failure happened in TLS (refused SSLRequest, handshake, certificate, pgssl material). */
    static boolean isTlsFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException || c instanceof CertificateException || c instanceof PgSslException
                    || VERTX_SSL_REFUSED.equals(c.getMessage()) || VERTX_HANDSHAKE_FAILED.equals(c.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** The failure in libpq's words, without the per-host prefix. */
    static String describe(Throwable t) {
        PgSslException pgssl = find(t, PgSslException.class);
        if (pgssl != null) {
            return pgssl.getMessage();
        }
        if (find(t, TimeoutException.class) != null) {
            return "timeout expired"; // libpq's words when connect_timeout ends an attempt
        }
        if (VERTX_SSL_REFUSED.equals(t.getMessage())) {
            return "server does not support SSL, but SSL was required";
        }
        PgException server = find(t, PgException.class);
        if (server != null) {
            String severity = server.getSeverity() == null ? "FATAL" : server.getSeverity();
            return severity + ":  " + server.getErrorMessage();
        }
        CertificateException cert = deepest(t, CertificateException.class);
        if (cert != null) {
            String m = String.valueOf(cert.getMessage());
            // pgssl's verification messages follow libpq: chain failures read "certificate verify
            // failed: ..." (libpq prints them after "SSL error: "), hostname failures stand alone.
            if (m.startsWith("certificate verify failed")) {
                return "SSL error: " + m;
            }
            return m.startsWith("SSL error") || m.startsWith("server certificate for") || m.startsWith("host name")
                    || m.startsWith("could not") || m.startsWith("SSL certificate") ? m : "SSL error: certificate verify failed: " + m;
        }
        SSLException ssl = find(t, SSLException.class);
        if (ssl != null) {
            return "SSL error: " + ssl.getMessage();
        }
        if (VERTX_HANDSHAKE_FAILED.equals(t.getMessage())) {
            // The server closed the connection during the handshake, e.g. after its own alert.
            return "SSL error: the server closed the connection during the TLS handshake";
        }
        if (find(t, IllegalArgumentException.class) != null
                && String.valueOf(find(t, IllegalArgumentException.class).getMessage()).contains("'password'")) {
            // The SCRAM client refuses an empty password before sending anything: libpq's words for it.
            return "fe_sendauth: no password supplied";
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /**
     * The error that fails the connection: a lone non-TLS server error unchanged, otherwise a
     * {@code PgSslConnectException} (from {@code factory}) with every attempt's line (core's message).
     */
    static Throwable toError(ConnectionFailedException failed, VertxPlan.FailureFactory factory) {
        List<AttemptFailure> failures = failed.failures();
        AttemptFailure first = failures.get(0);
        Throwable firstError = first.cause().orElse(null);
        if (failures.size() == 1 && firstError instanceof PgException && !isTlsFailure(firstError)) {
            return firstError;
        }
        PgSslException pgssl = firstError == null ? null : find(firstError, PgSslException.class);
        String setting = pgssl != null ? pgssl.setting().orElse(null)
                : first.kind() == AttemptFailure.Kind.TLS ? "sslmode" : "host";
        PgSslException e = factory.failure(setting, failed.getMessage(), firstError);
        for (AttemptFailure f : failures.subList(1, failures.size())) {
            f.cause().ifPresent(e::addSuppressed);
        }
        return e;
    }

    public static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static <T extends Throwable> T deepest(Throwable t, Class<T> type) {
        T found = null;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                found = type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return found;
    }
}
