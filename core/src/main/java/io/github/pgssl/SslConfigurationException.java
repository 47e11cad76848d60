package io.github.pgssl;

/**
 * The settings cannot be turned into a TLS policy (for example {@code verify-full} with no root
 * certificate file, or a weak {@code sslmode} with {@code sslrootcert=system}).
 */
public class SslConfigurationException extends PgSslException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param setting the libpq keyword (or pgssl option) concerned, or {@code null}
     * @param message the message: the setting, the fact and the fix
     */
    public SslConfigurationException(String setting, String message) {
        super(setting, message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param setting the libpq keyword (or pgssl option) concerned, or {@code null}
     * @param message the message: the setting, the fact and the fix
     * @param cause the underlying failure
     */
    public SslConfigurationException(String setting, String message, Throwable cause) {
        super(setting, message, cause);
    }
}
