package io.github.pgssl.r2dbc;

import io.r2dbc.spi.R2dbcNonTransientResourceException;

/**
 * A connection could not be established. The message reads like libpq's: one line per attempt
 * ({@code connection to server at "db.example.com" (10.0.0.5), port 5432 failed: SSL error:
 * certificate verify failed: ...}), in the order the attempts were made; the last attempt's error is
 * the cause and the earlier ones are suppressed. Never carries a password or a connection string.
 */
public class PgSslConnectionException extends R2dbcNonTransientResourceException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message  libpq-style explanation, one line per attempt
     * @param sqlState the server's SQLSTATE when the server refused, else {@code 08001}
     * @param cause    the last attempt's error
     */
    public PgSslConnectionException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, 0, cause);
    }
}
