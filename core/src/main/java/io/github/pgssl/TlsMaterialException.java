package io.github.pgssl;

import java.nio.file.Path;
import java.util.Optional;

/** A certificate, key or CRL could not be read or used. */
public class TlsMaterialException extends PgSslException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param setting the libpq keyword concerned ({@code sslrootcert}, {@code sslkey}, ...), or {@code null}
     * @param file the file concerned, or {@code null}
     * @param message the message: the setting, the fact and the fix
     */
    public TlsMaterialException(String setting, Path file, String message) {
        super(setting, message);
        this.file = file;
    }

    /**
     * Creates the exception with its cause.
     *
     * @param setting the libpq keyword concerned ({@code sslrootcert}, {@code sslkey}, ...), or {@code null}
     * @param file the file concerned, or {@code null}
     * @param message the message: the setting, the fact and the fix
     * @param cause the underlying failure
     */
    public TlsMaterialException(String setting, Path file, String message, Throwable cause) {
        super(setting, message, cause);
        this.file = file;
    }

    /**
     * The file concerned, if any.
     *
     * @return the file, or empty when the error is not about one file
     */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
