package io.github.pgssl;

import java.util.Optional;

/**
 * The root of pgssl's unchecked exceptions. Every message names the setting, states one fact and
 * gives the fix, and never contains a secret or a raw connection string.
 */
public class PgSslException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The libpq keyword or pgssl option concerned, or {@code null}. */
    private final String setting;

    /**
     * Creates the exception.
     *
     * @param setting the libpq keyword (or pgssl option) concerned, or {@code null}
     * @param message the message: the setting, the fact and the fix
     */
    public PgSslException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /**
     * Creates the exception with its cause.
     *
     * @param setting the libpq keyword (or pgssl option) concerned, or {@code null}
     * @param message the message: the setting, the fact and the fix
     * @param cause the underlying failure
     */
    public PgSslException(String setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    /**
     * The setting this error is about, when there is one.
     *
     * @return the libpq keyword or pgssl option, or empty
     */
    public Optional<String> setting() {
        return Optional.ofNullable(setting);
    }
}
