package io.github.pgssl;

/**
 * The settings cannot be turned into a TLS policy (for example {@code verify-full} with no root
 * certificate file, or a weak {@code sslmode} with {@code sslrootcert=system}).
 */
public class SslConfigurationException extends PgSslException {
    private static final long serialVersionUID = 1L;

    public SslConfigurationException(String setting, String message) {
        super(setting, message);
    }

    public SslConfigurationException(String setting, String message, Throwable cause) {
        super(setting, message, cause);
    }
}
