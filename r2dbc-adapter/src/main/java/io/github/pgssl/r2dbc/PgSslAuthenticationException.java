package io.github.pgssl.r2dbc;

import io.r2dbc.spi.R2dbcPermissionDeniedException;

/**
 * The server refused the connection during authentication (SQLSTATE class {@code 28}, e.g. a
 * {@code pg_hba.conf} rejection or a wrong password). The message reads like libpq's, one line per
 * attempt; see {@link PgSslConnectionException}.
 */
public class PgSslAuthenticationException extends R2dbcPermissionDeniedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message  libpq-style explanation, one line per attempt
     * @param sqlState the server's SQLSTATE
     * @param cause    the last attempt's error
     */
    public PgSslAuthenticationException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, 0, cause);
    }
}
