package io.github.pgssl.vertx;

import io.github.pgssl.PgSslException;
import io.vertx.pgclient.PgException;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.List;
import javax.net.ssl.SSLException;

/** Classifies Vert.x connection failures as libpq does, and words them as libpq would. */
final class ConnectFailures {
    /** What vertx-pg-client 5.0 says when the server answers {@code N} to the SSLRequest. */
    static final String VERTX_SSL_REFUSED = "Postgres Server does not handle SSL connection";
    /** What vertx-pg-client 5.0 says when the channel closes during the TLS upgrade, whatever the reason. */
    static final String VERTX_HANDSHAKE_FAILED = "SSL handshake failed";

    private ConnectFailures() {
    }

    /** One failed attempt. */
    record Failure(ConnectPlan.Target target, ConnectPlan.Attempt attempt, Throwable error) {
        String line() {
            return target.failurePrefix() + describe(error);
        }
    }

    /** A TCP-level failure (refused, unreachable, unknown host, timeout): libpq moves to the next host. */
    static boolean isTransportFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException
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
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /**
     * The error that fails the connection: a lone non-TLS server error unchanged, otherwise a
     * {@link PgSslConnectException} with every attempt's line.
     */
    static Throwable toError(List<Failure> failures) {
        Failure first = failures.get(0);
        if (failures.size() == 1 && first.error() instanceof PgException && !isTlsFailure(first.error())) {
            return first.error();
        }
        StringBuilder sb = new StringBuilder();
        for (Failure f : failures) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(f.line());
        }
        PgSslException pgssl = find(first.error(), PgSslException.class);
        String setting = pgssl != null ? pgssl.setting().orElse(null) : isTlsFailure(first.error()) ? "sslmode" : "host";
        PgSslConnectException e = new PgSslConnectException(setting, sb.toString(), first.error());
        for (Failure f : failures.subList(1, failures.size())) {
            e.addSuppressed(f.error());
        }
        return e;
    }

    static <T extends Throwable> T find(Throwable t, Class<T> type) {
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
