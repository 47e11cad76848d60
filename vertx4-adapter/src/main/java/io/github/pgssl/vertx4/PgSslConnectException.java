package io.github.pgssl.vertx4;

import io.github.pgssl.PgSslException;

/**
 * A connection through pgssl-vertx4 failed, explained in libpq's words: one line per attempt, in
 * the order they were made (for example a TLS attempt and its plaintext fallback under
 * {@code sslmode=prefer}, or one line per unreachable host). It is the failure of the Vert.x
 * {@code Future}; the first attempt's Vert.x exception is the cause and later attempts' are
 * suppressed. A lone server error that involves no TLS (such as a wrong password) is not wrapped.
 *
 * <p>The message never holds a secret: it is built from host names, ports, server error texts
 * and pgssl's own messages.
 */
public class PgSslConnectException extends PgSslException {
    private static final long serialVersionUID = 1L;

    /**
     * @param setting the libpq keyword the failure is about ({@code sslmode} for TLS failures,
     *                {@code host} when every host failed), or {@code null}
     * @param message libpq's words, one line per attempt
     * @param cause   the first attempt's failure
     */
    public PgSslConnectException(String setting, String message, Throwable cause) {
        super(setting, message, cause);
    }
}
